// Line iteration and the memchr line-splitting baseline shared by the
// parsing benchmarks: the floor any parser of the same buffer stands on.
#ifndef ALCOR_BENCH_BENCH_LINES_H_
#define ALCOR_BENCH_BENCH_LINES_H_

#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <string_view>

#include "parsers/format_registry.h"

namespace alcor::bench {

template <typename Fn>
void for_each_line(const std::string& buf, Fn&& fn) {
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

// Parses every line of `buf` with the parser for `spec`; every line must parse.
inline void parse_all(benchmark::State& state, const std::string& buf, std::string_view spec) {
  std::string error;
  auto parser = make_parser(spec, ParseOptions{}, &error);
  if (!parser) {
    state.SkipWithError(error.c_str());
    return;
  }
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

}  // namespace alcor::bench

#endif  // ALCOR_BENCH_BENCH_LINES_H_
