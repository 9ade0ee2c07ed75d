// The ingest work per chunk after decompression: parsing plus block
// building (ChunkIndexer), and block building alone (BlockBuilder), on lines
// with the spread of a shared host's traffic: thousands of clients and URLs
// per block, so the per-block dictionaries work as they do on real logs.
//
// ALCOR_BENCH_LOG=FILE (plain text; ALCOR_BENCH_FORMAT, default
// combined_port) runs both on the first 16 MiB of FILE instead: a component
// measured on the lines whose end-to-end time it explains.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bench/bench_lines.h"
#include "engine/chunk_indexer.h"
#include "index/record_block.h"

namespace alcor {
namespace {

constexpr size_t kChunkBytes = 4u << 20;  // the ingest pipeline's chunk size
constexpr size_t kChunks = 4;

// Combined-with-port lines, one second apart, from 20,000 clients (one in
// ten IPv6) over 30,000 URLs, both skewed towards a popular few.
std::vector<TextChunk> sample_chunks() {
  std::mt19937_64 rng(7);
  auto skewed = [&](uint64_t n) { return rng() % (1 + rng() % n); };
  std::vector<TextChunk> chunks(kChunks);
  uint64_t line_number = 1, offset = 0;
  int second = 0;
  for (TextChunk& c : chunks) {
    c.first_line = line_number;
    c.first_offset = offset;
    char line[1024];
    while (c.data.size() < kChunkBytes) {
      const uint64_t client = skewed(20000) * 0x9E3779B97F4A7C15ull;
      char address[64];
      bench::sample_client(client, address, sizeof address);
      const uint64_t r = rng();
      ++second;
      const int n = snprintf(line, sizeof line,
                             "%s - - [%02d/Jan/2026:%02d:%02d:%02d +0900] \"GET %s%llu HTTP/1.1\" %d %u \"-\" \"%s\" %u\n",
                             address, 1 + second / 86400 % 28, second / 3600 % 24, second / 60 % 60, second % 60,
                             bench::kSamplePaths[r & 3], static_cast<unsigned long long>(skewed(30000)),
                             r >> 8 & 1 ? 200 : 304, unsigned(r >> 9 & 0xfffff), bench::kSampleAgents[r >> 40 & 3],
                             unsigned(1024 + (r >> 48) % 64512));
      c.data.append(line, size_t(n));
      c.line_ends.push_back(static_cast<uint32_t>(c.data.size() - 1));
      ++line_number;
    }
    offset += c.data.size();
  }
  return chunks;
}

// The whole lines of the first kChunks chunks' worth of `path`, cut where
// the ingest pipeline would cut them.
std::vector<TextChunk> file_chunks(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fprintf(stderr, "cannot read %s\n", path);
    std::exit(1);
  }
  std::vector<TextChunk> chunks;
  uint64_t line_number = 1, offset = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (chunks.empty() || chunks.back().data.size() >= kChunkBytes) {
      if (chunks.size() == kChunks) break;
      chunks.emplace_back();
      chunks.back().first_line = line_number;
      chunks.back().first_offset = offset;
    }
    TextChunk& c = chunks.back();
    line.push_back('\n');
    c.data.append(line.data(), line.size());
    c.line_ends.push_back(static_cast<uint32_t>(c.data.size() - 1));
    ++line_number;
    offset += line.size();
  }
  return chunks;
}

const std::vector<TextChunk>& chunks() {
  static const std::vector<TextChunk> c = [] {
    const char* path = std::getenv("ALCOR_BENCH_LOG");
    return path != nullptr ? file_chunks(path) : sample_chunks();
  }();
  return c;
}

std::unique_ptr<LineParser> sample_parser() {
  const char* format = std::getenv("ALCOR_BENCH_FORMAT");
  std::string error;
  auto parser = make_parser(format != nullptr ? format : "combined_port", ParseOptions{}, &error);
  if (!parser) {
    fprintf(stderr, "%s\n", error.c_str());
    std::exit(1);
  }
  return parser;
}

int64_t total_bytes() {
  int64_t n = 0;
  for (const TextChunk& c : chunks()) n += int64_t(c.data.size());
  return n;
}

void BM_ChunkIndexer(benchmark::State& state) {
  auto parser = sample_parser();
  ChunkIndexer indexer;
  uint64_t rejected = 0;
  for (auto _ : state) {
    for (const TextChunk& c : chunks()) {
      IndexedChunk out = indexer.index(c, *parser, 1, BlockLimits{});
      rejected += out.lines - out.records;
      benchmark::DoNotOptimize(out.blocks.data());
    }
  }
  // A real log may hold lines no server wrote; the generated sample may not.
  if (rejected != 0 && std::getenv("ALCOR_BENCH_LOG") == nullptr) state.SkipWithError("sample lines were rejected");
  state.counters["rejected"] = double(rejected) / double(state.iterations());
  state.SetBytesProcessed(int64_t(state.iterations()) * total_bytes());
}
BENCHMARK(BM_ChunkIndexer)->Unit(benchmark::kMillisecond);

// Block building alone: records parsed once, outside the timing. Only
// records whose fields the builder reads are views of their line are kept:
// an unescaped value is a view of the parser's scratch, which the next line
// overwrites.
void BM_BlockBuilder(benchmark::State& state) {
  auto parser = sample_parser();
  std::vector<LogRecord> records;
  std::vector<std::string_view> lines;
  for (const TextChunk& c : chunks()) {
    bench::for_each_line(std::string_view(c.data), [&](std::string_view line) {
      auto in_line = [&](std::string_view v) {
        return v.empty() || (v.data() >= line.data() && v.data() + v.size() <= line.data() + line.size());
      };
      LogRecord r;
      if (parser->parse(line, &r) == RejectReason::kNone && in_line(r.target) && in_line(r.method) &&
          in_line(r.host) && in_line(r.client_text)) {
        records.push_back(r);
        lines.push_back(line);
      }
    });
  }
  const BlockLimits limits;
  BlockBuilder builder(limits.zstd_level, limits.keep_lines);
  for (auto _ : state) {
    for (size_t i = 0; i < records.size(); ++i) {
      builder.add(records[i], Provenance{1, i + 1, 0}, lines[i]);
      if (builder.records() >= limits.records) benchmark::DoNotOptimize(builder.finish());
    }
    if (builder.records() > 0) benchmark::DoNotOptimize(builder.finish());
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * total_bytes());
  state.counters["records"] = double(records.size());
}
BENCHMARK(BM_BlockBuilder)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace alcor
