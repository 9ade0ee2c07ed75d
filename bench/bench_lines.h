// Line iteration and the memchr line-splitting baseline shared by the
// parsing benchmarks: the floor any parser of the same buffer stands on.
#ifndef ALCOR_BENCH_BENCH_LINES_H_
#define ALCOR_BENCH_BENCH_LINES_H_

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "parsers/format_registry.h"

namespace alcor::bench {

// Request targets and User-Agents of realistic access-log lines: varied
// paths, query strings, long browser agents, an escaped quote.
inline constexpr const char* kSamplePaths[8] = {
    "/", "/index.html", "/wp-login.php", "/api/v1/orders/81723/items?expand=price&page=2",
    "/static/css/site.min.css?v=20251201", "/images/products/large/4711-front.jpg",
    "/search?q=%22winter+boots%22&sort=price_asc", "/cgi-bin/awstats.pl?config=\\\"x\\\""};
inline constexpr const char* kSampleAgents[4] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
    "Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0"};

// A client address from random bits: mostly IPv4, one in ten IPv6.
inline void sample_client(uint64_t r, char* out, size_t size) {
  if (r % 10 == 0) {
    snprintf(out, size, "2001:db8:%x:%x::%x", unsigned(r >> 8 & 0xffff), unsigned(r >> 24 & 0xff),
             unsigned(r >> 32 & 0xffff));
  } else {
    snprintf(out, size, "%u.%u.%u.%u", unsigned(r >> 8 & 0xff), unsigned(r >> 16 & 0xff), unsigned(r >> 24 & 0xff),
             unsigned(r >> 32 & 0xff));
  }
}

template <typename Fn>
void for_each_line(std::string_view buf, Fn&& fn) {
  const char* p = buf.data();
  const char* const end = p + buf.size();
  while (p < end) {
    const char* nl = static_cast<const char*>(memchr(p, '\n', size_t(end - p)));
    const char* stop = nl ? nl : end;
    fn(std::string_view(p, size_t(stop - p)));
    p = stop + 1;
  }
}

inline void split_baseline(benchmark::State& state, const std::string& buf) {
  for (auto _ : state) {
    size_t lines = 0;
    for_each_line(buf, [&](std::string_view line) {
      benchmark::DoNotOptimize(line.data());
      ++lines;
    });
    benchmark::DoNotOptimize(lines);
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(buf.size()));
}

// Parses every line of `buf` with `parser`; every line must parse.
inline void parse_all(benchmark::State& state, const std::string& buf, const std::unique_ptr<LineParser>& parser) {
  size_t rejected = 0;
  LogRecord record;
  for (auto _ : state) {
    for_each_line(buf, [&](std::string_view line) {
      rejected += parser->parse(line, &record) != RejectReason::kNone;
      benchmark::DoNotOptimize(record.client_port);
    });
  }
  if (rejected != 0) state.SkipWithError("sample lines were rejected");
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(buf.size()));
}

// The same with the parser for `spec`.
inline void parse_all(benchmark::State& state, const std::string& buf, std::string_view spec) {
  std::string error;
  auto parser = make_parser(spec, ParseOptions{}, &error);
  if (!parser) {
    state.SkipWithError(error.c_str());
    return;
  }
  parse_all(state, buf, parser);
}

}  // namespace alcor::bench

#endif  // ALCOR_BENCH_BENCH_LINES_H_
