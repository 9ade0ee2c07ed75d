// Apache combined-with-port and nginx combined parsing throughput, with and
// without the NCSA fast path, against the cost of only splitting the same
// buffer into lines (the floor any parser stands on).
#include <benchmark/benchmark.h>

#include <cstring>
#include <random>
#include <string>

#include "bench/bench_lines.h"
#include "parsers/apache_steps.h"
#include "parsers/nginx_format.h"

namespace alcor {
namespace {

constexpr size_t kBufferBytes = 32u << 20;

// Realistic lines: mostly IPv4 clients with some IPv6, varied paths, query
// strings, referers and long browser User-Agents, a few escaped quotes; the
// client port at the end (combined_port) or not (combined, which nginx's
// combined writes alike).
template <bool kWithPort>
const std::string& sample_buffer() {
  static const std::string buffer = [] {
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static constexpr const char* kReferers[] = {"-", "https://www.example.com/", "https://www.google.com/"};
    std::mt19937_64 rng(42);
    std::string out;
    out.reserve(kBufferBytes + 1024);
    char line[1024];
    int second = 0;
    while (out.size() < kBufferBytes) {
      const uint64_t r = rng();
      char client[64];
      bench::sample_client(r, client, sizeof client);
      ++second;
      int n = snprintf(line, sizeof line,
                       "%s - - [%02d/%s/2025:%02d:%02d:%02d +0100] \"%s %s HTTP/1.1\" %d %u \"%s\" \"%s\"",
                       client, 1 + second / 86400 % 28, kMonths[second / (86400 * 28) % 12], second / 3600 % 24,
                       second / 60 % 60, second % 60, r >> 40 & 1 ? "GET" : "POST", bench::kSamplePaths[r >> 41 & 7],
                       r >> 44 & 1 ? 200 : 304, unsigned(r >> 45 & 0xfffff), kReferers[(r >> 50) % 3],
                       bench::kSampleAgents[r >> 52 & 3]);
      if (kWithPort) n += snprintf(line + n, sizeof line - size_t(n), " %u", unsigned(1024 + (r >> 54)));
      line[n++] = '\n';
      out.append(line, size_t(n));
    }
    return out;
  }();
  return buffer;
}

void BM_LineSplitBaseline(benchmark::State& state) { bench::split_baseline(state, sample_buffer<true>()); }
BENCHMARK(BM_LineSplitBaseline)->Unit(benchmark::kMillisecond);

void BM_ApacheParseCombinedPort(benchmark::State& state) {
  bench::parse_all(state, sample_buffer<true>(), "combined_port");
}
BENCHMARK(BM_ApacheParseCombinedPort)->Unit(benchmark::kMillisecond);

// The same lines through the step walker alone, without the NCSA fast path
// (parsers/clf_fast_path.h): the baseline its gain is read against.
void BM_ApacheParseCombinedPortWalkerOnly(benchmark::State& state) {
  const std::string format = R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i" %{remote}p)";  // combined_port
  std::string error;
  auto parser = make_step_parser(*apache::compile(format, &error), format, ParseOptions{}, &error,
                                 apache::FastPath::kWalkOnly);
  bench::parse_all(state, sample_buffer<true>(), parser);
}
BENCHMARK(BM_ApacheParseCombinedPortWalkerOnly)->Unit(benchmark::kMillisecond);

void BM_NginxParseCombined(benchmark::State& state) { bench::parse_all(state, sample_buffer<false>(), "nginx_combined"); }
BENCHMARK(BM_NginxParseCombined)->Unit(benchmark::kMillisecond);

void BM_NginxParseCombinedWalkerOnly(benchmark::State& state) {
  std::string error;
  auto parser = make_step_parser(*apache::compile_nginx(kNginxCombined, apache::Escape::kNginx, &error),
                                 std::string(kNginxCombined), ParseOptions{}, &error, apache::FastPath::kWalkOnly);
  bench::parse_all(state, sample_buffer<false>(), parser);
}
BENCHMARK(BM_NginxParseCombinedWalkerOnly)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace alcor
