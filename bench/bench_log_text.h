// Access-log-like text for the benchmarks, shared so that every benchmark
// measures the same kind of input.
#ifndef ALCOR_BENCH_BENCH_LOG_TEXT_H_
#define ALCOR_BENCH_BENCH_LOG_TEXT_H_

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

namespace alcor {

// Log lines with the repetition of real traffic: few clients, few paths,
// a handful of user agents, ascending time. gzip -6 shrinks it about 6x.
inline std::string make_bench_log_text(size_t bytes) {
  static const char* kPaths[] = {"/", "/index.php", "/wp-login.php", "/static/app.js", "/static/site.css",
                                 "/api/v1/items", "/images/logo.png", "/feed.xml", "/search"};
  static const char* kAgents[] = {
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
      "Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.4.0"};
  std::mt19937 rng(7);
  std::string text;
  text.reserve(bytes + 1024);
  char line[512];
  for (uint64_t i = 0; text.size() < bytes; ++i) {
    uint32_t client = rng() % 5000;
    uint64_t t = i / 40;  // ~40 requests a second
    int n = snprintf(line, sizeof line,
                     "203.0.%u.%u - - [27/Nov/2026:%02u:%02u:%02u +0000] \"GET %s?id=%u HTTP/1.1\" %u %u "
                     "\"-\" \"%s\" port=%u\n",
                     client / 256, client % 256, static_cast<unsigned>(t / 3600 % 24),
                     static_cast<unsigned>(t / 60 % 60), static_cast<unsigned>(t % 60), kPaths[rng() % 9],
                     static_cast<unsigned>(rng() % 100000), rng() % 8 ? 200u : 404u,
                     static_cast<unsigned>(rng() % 50000), kAgents[rng() % 4],
                     static_cast<unsigned>(1024 + rng() % 64000));
    text.append(line, static_cast<size_t>(n));
  }
  return text;
}

}  // namespace alcor

#endif  // ALCOR_BENCH_BENCH_LOG_TEXT_H_
