// nginx escape=json access-log parsing throughput, against memchr line
// splitting of the same buffer. Two routes to the same lines: the pasted
// log_format template (the step walker, what alcor uses when the operator
// gives the configuration) and the simdjson On-Demand mapping (the
// nginx_json preset, for when only the log is at hand).
#include <benchmark/benchmark.h>

#include <simdjson.h>

#include <random>
#include <string>

#include "bench/bench_lines.h"

namespace alcor {
namespace {

constexpr size_t kBufferBytes = 32u << 20;

// Keys named after the variables, so the nginx_json preset reads the same
// lines as the template.
constexpr const char* kLogFormat =
    R"(log_format json escape=json '{"time_iso8601":"$time_iso8601","remote_addr":"$remote_addr",)"
    R"("remote_port":"$remote_port","host":"$host","request_method":"$request_method",)"
    R"("request_uri":"$request_uri","server_protocol":"$server_protocol","status":$status,)"
    R"("body_bytes_sent":$body_bytes_sent,"request_time":$request_time,"http_referer":"$http_referer",)"
    R"("http_user_agent":"$http_user_agent","http_x_forwarded_for":"$http_x_forwarded_for"}';)";

struct Buffers {
  std::string json;
};

// Realistic lines: IPv4 and some IPv6 clients with ports, varied paths and
// queries, long browser User-Agents, JSON escapes (\" \\ \u00XX) and raw
// UTF-8 in some of them.
const Buffers& buffers() {
  static const Buffers b = [] {
    static constexpr const char* kReferers[] = {"", "https://www.example.com/", "https://www.google.com/"};
    std::mt19937_64 rng(42);
    Buffers out;
    out.json.reserve(kBufferBytes + 1024);
    char line[1536];
    int second = 0;
    while (out.json.size() < kBufferBytes) {
      const uint64_t r = rng();
      char client[64];
      bench::sample_client(r, client, sizeof client);
      ++second;
      const char* path = bench::kSamplePaths[r >> 41 & 7];
      // The fourth agent: raw UTF-8 and a JSON escape, as escape=json writes them.
      const char* agent = (r >> 52 & 3) == 3 ? "\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88\\u0009bot/1.0"
                                             : bench::kSampleAgents[r >> 52 & 3];
      const int n = snprintf(
          line, sizeof line,
          "{\"time_iso8601\":\"2025-%02d-%02dT%02d:%02d:%02d+01:00\",\"remote_addr\":\"%s\",\"remote_port\":\"%u\","
          "\"host\":\"www.example.com\",\"request_method\":\"%s\",\"request_uri\":\"%s\",\"server_protocol\":"
          "\"HTTP/1.1\",\"status\":%d,\"body_bytes_sent\":%u,\"request_time\":%u.%03u,\"http_referer\":\"%s\","
          "\"http_user_agent\":\"%s\",\"http_x_forwarded_for\":\"\"}\n",
          1 + second / (86400 * 28) % 12, 1 + second / 86400 % 28, second / 3600 % 24, second / 60 % 60,
          second % 60, client, unsigned(1024 + (r >> 54)), r >> 40 & 1 ? "GET" : "POST", path,
          r >> 44 & 1 ? 200 : 304, unsigned(r >> 45 & 0xfffff), unsigned(r >> 20 & 3), unsigned(r >> 30 & 999),
          kReferers[(r >> 50) % 3], agent);
      out.json.append(line, size_t(n));
    }
    return out;
  }();
  return b;
}

void BM_NginxJsonSplitBaseline(benchmark::State& state) { bench::split_baseline(state, buffers().json); }
BENCHMARK(BM_NginxJsonSplitBaseline)->Unit(benchmark::kMillisecond);

// The operator's log_format, compiled to the step walker.
void BM_NginxJsonLogFormat(benchmark::State& state) { bench::parse_all(state, buffers().json, kLogFormat); }
BENCHMARK(BM_NginxJsonLogFormat)->Unit(benchmark::kMillisecond);

// The same lines through simdjson On-Demand and a key mapping.
void BM_NginxJsonSimdjsonMapping(benchmark::State& state) {
  // On-Demand's iteration is compiled for the build's target (fallback
  // without -march); its stage 1 runs the CPU's best kernel at run time.
  state.SetLabel(std::string("on-demand ") + simdjson::builtin_implementation()->name() + ", stage 1 " +
                 simdjson::get_active_implementation()->name());
  bench::parse_all(state, buffers().json, "nginx_json");
}
BENCHMARK(BM_NginxJsonSimdjsonMapping)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace alcor
