// Apache combined-with-port parsing throughput, against the cost of only
// splitting the same buffer into lines (the floor any parser stands on).
#include <benchmark/benchmark.h>

#include <cstring>
#include <random>
#include <string>

#include "bench/bench_lines.h"

namespace alcor {
namespace {

constexpr size_t kBufferBytes = 32u << 20;

// Realistic lines: mostly IPv4 clients with some IPv6, varied paths, query
// strings, referers and long browser User-Agents, a few escaped quotes.
const std::string& sample_buffer() {
  static const std::string buffer = [] {
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static constexpr const char* kPaths[] = {
        "/", "/index.html", "/wp-login.php", "/api/v1/orders/81723/items?expand=price&page=2",
        "/static/css/site.min.css?v=20251201", "/images/products/large/4711-front.jpg",
        "/search?q=%22winter+boots%22&sort=price_asc", "/cgi-bin/awstats.pl?config=\\\"x\\\""};
    static constexpr const char* kAgents[] = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
        "Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0"};
    static constexpr const char* kReferers[] = {"-", "https://www.example.com/", "https://www.google.com/"};
    std::mt19937_64 rng(42);
    std::string out;
    out.reserve(kBufferBytes + 1024);
    char line[1024];
    int second = 0;
    while (out.size() < kBufferBytes) {
      const uint64_t r = rng();
      char client[64];
      if (r % 10 == 0) {
        snprintf(client, sizeof client, "2001:db8:%x:%x::%x", unsigned(r >> 8 & 0xffff), unsigned(r >> 24 & 0xff),
                 unsigned(r >> 32 & 0xffff));
      } else {
        snprintf(client, sizeof client, "%u.%u.%u.%u", unsigned(r >> 8 & 0xff), unsigned(r >> 16 & 0xff),
                 unsigned(r >> 24 & 0xff), unsigned(r >> 32 & 0xff));
      }
      ++second;
      const int n = snprintf(line, sizeof line,
                             "%s - - [%02d/%s/2025:%02d:%02d:%02d +0100] \"%s %s HTTP/1.1\" %d %u \"%s\" \"%s\" %u\n",
                             client, 1 + second / 86400 % 28, kMonths[second / (86400 * 28) % 12],
                             second / 3600 % 24, second / 60 % 60, second % 60, r >> 40 & 1 ? "GET" : "POST",
                             kPaths[r >> 41 & 7], r >> 44 & 1 ? 200 : 304, unsigned(r >> 45 & 0xfffff),
                             kReferers[(r >> 50) % 3], kAgents[r >> 52 & 3], unsigned(1024 + (r >> 54)));
      out.append(line, size_t(n));
    }
    return out;
  }();
  return buffer;
}

void BM_LineSplitBaseline(benchmark::State& state) { bench::split_baseline(state, sample_buffer()); }
BENCHMARK(BM_LineSplitBaseline)->Unit(benchmark::kMillisecond);

void BM_ApacheParseCombinedPort(benchmark::State& state) {
  bench::parse_all(state, sample_buffer(), "combined_port");
}
BENCHMARK(BM_ApacheParseCombinedPort)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace alcor
