// The ingest work per chunk after decompression: parsing plus block
// building (ChunkIndexer), and block building alone (BlockBuilder), on lines
// with the spread of a shared host's traffic: thousands of clients and URLs
// per block, so the per-block dictionaries work as they do on real logs.
#include <benchmark/benchmark.h>

#include <cstdio>
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

const std::vector<TextChunk>& chunks() {
  static const std::vector<TextChunk> c = sample_chunks();
  return c;
}

int64_t total_bytes() {
  int64_t n = 0;
  for (const TextChunk& c : chunks()) n += int64_t(c.data.size());
  return n;
}

void BM_ChunkIndexer(benchmark::State& state) {
  std::string error;
  auto parser = make_parser("combined_port", ParseOptions{}, &error);
  ChunkIndexer indexer;
  uint64_t rejected = 0;
  for (auto _ : state) {
    for (const TextChunk& c : chunks()) {
      IndexedChunk out = indexer.index(c, *parser, 1, BlockLimits{});
      rejected += out.lines - out.records;
      benchmark::DoNotOptimize(out.blocks.data());
    }
  }
  if (rejected != 0) state.SkipWithError("sample lines were rejected");
  state.SetBytesProcessed(int64_t(state.iterations()) * total_bytes());
}
BENCHMARK(BM_ChunkIndexer)->Unit(benchmark::kMillisecond);

// Block building alone: records parsed once, outside the timing (their
// views point into the sample text, which holds no escapes).
void BM_BlockBuilder(benchmark::State& state) {
  std::string error;
  auto parser = make_parser("combined_port", ParseOptions{}, &error);
  std::vector<LogRecord> records;
  std::vector<std::string_view> lines;
  for (const TextChunk& c : chunks()) {
    bench::for_each_line(std::string_view(c.data), [&](std::string_view line) {
      LogRecord r;
      if (parser->parse(line, &r) == RejectReason::kNone) {
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
