// Throughput of SourceReader on ~64 MiB of access-log-like text, in bytes/s
// of decompressed output, with zlib's gzread on the same gzip file as the
// baseline (its ratio to BM_SourceReaderGzip is what ISA-L buys).
//
// SourceReader also SHA-256-hashes every stored byte; gzread does not.
// BM_SourceReaderPlain shows what read + hash alone cost. Rates are per CPU
// second (the default), which is steadier than wall time on a shared box.
#include <benchmark/benchmark.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include "parsers/line_splitter.h"
#include "parsers/source_reader.h"

namespace alcor {
namespace {

namespace fs = std::filesystem;

constexpr size_t kTextBytes = size_t{64} << 20;
constexpr size_t kReadBytes = size_t{1} << 20;

// Log lines with the repetition of real traffic: few clients, few paths,
// a handful of user agents, ascending time. gzip -6 shrinks it about 6x.
std::string make_log_text() {
  static const char* kPaths[] = {"/", "/index.php", "/wp-login.php", "/static/app.js", "/static/site.css",
                                 "/api/v1/items", "/images/logo.png", "/feed.xml", "/search"};
  static const char* kAgents[] = {
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
      "Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.4.0"};
  std::mt19937 rng(7);
  std::string text;
  text.reserve(kTextBytes + 1024);
  char line[512];
  for (uint64_t i = 0; text.size() < kTextBytes; ++i) {
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

// The input files, written once per process into a private temp directory.
class BenchFiles {
 public:
  static const BenchFiles& get() {
    static const BenchFiles files;
    return files;
  }
  ~BenchFiles() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path plain, gzip, zstd;

 private:
  BenchFiles() : dir_(fs::temp_directory_path() / ("alcor-bench-" + std::to_string(getpid()))) {
    fs::create_directories(dir_);
    plain = dir_ / "access.log";
    gzip = dir_ / "access.log.gz";
    zstd = dir_ / "access.log.zst";
    const std::string text = make_log_text();
    std::ofstream(plain, std::ios::binary).write(text.data(), static_cast<std::streamsize>(text.size()));

    gzFile gz = gzopen(gzip.c_str(), "wb6");  // gzip's default level
    if (gz == nullptr || gzwrite(gz, text.data(), static_cast<unsigned>(text.size())) <= 0 || gzclose(gz) != Z_OK) {
      throw std::runtime_error("cannot write " + gzip.string());
    }

    std::string zst(ZSTD_compressBound(text.size()), '\0');
    size_t n = ZSTD_compress(zst.data(), zst.size(), text.data(), text.size(), 3);  // zstd's default level
    if (ZSTD_isError(n)) throw std::runtime_error(ZSTD_getErrorName(n));
    std::ofstream(zstd, std::ios::binary).write(zst.data(), static_cast<std::streamsize>(n));
  }

  fs::path dir_;
};

void read_with_source_reader(benchmark::State& state, const fs::path& path) {
  std::unique_ptr<char[]> buf(new char[kReadBytes]);
  size_t total = 0;
  for (auto _ : state) {
    std::string error;
    std::unique_ptr<SourceReader> r = SourceReader::open(path.string(), &error);
    if (!r) {
      state.SkipWithError(error.c_str());
      return;
    }
    while (size_t n = r->read(buf.get(), kReadBytes)) total += n;
    if (!r->error().empty()) {
      state.SkipWithError(r->error().c_str());
      return;
    }
    benchmark::DoNotOptimize(r->sha256());
  }
  state.SetBytesProcessed(static_cast<int64_t>(total));
}

void BM_SourceReaderGzip(benchmark::State& state) { read_with_source_reader(state, BenchFiles::get().gzip); }
void BM_SourceReaderZstd(benchmark::State& state) { read_with_source_reader(state, BenchFiles::get().zstd); }
void BM_SourceReaderPlain(benchmark::State& state) { read_with_source_reader(state, BenchFiles::get().plain); }

void BM_ZlibGzread(benchmark::State& state) {
  const fs::path& path = BenchFiles::get().gzip;
  std::unique_ptr<char[]> buf(new char[kReadBytes]);
  size_t total = 0;
  for (auto _ : state) {
    gzFile gz = gzopen(path.c_str(), "rb");
    if (gz == nullptr) {
      state.SkipWithError("gzopen failed");
      return;
    }
    gzbuffer(gz, kReadBytes);  // same stored-read size as SourceReader
    int n;
    while ((n = gzread(gz, buf.get(), kReadBytes)) > 0) total += static_cast<size_t>(n);
    gzclose(gz);
  }
  state.SetBytesProcessed(static_cast<int64_t>(total));
}

// The whole input layer as ingest runs it: gzip decoding plus splitting into
// line-aligned chunks. The gap to BM_SourceReaderGzip is ChunkReader's cost.
void BM_ChunkReaderOverGzip(benchmark::State& state) {
  size_t total = 0;
  TextChunk chunk;
  for (auto _ : state) {
    std::string error;
    std::unique_ptr<SourceReader> r = SourceReader::open(BenchFiles::get().gzip.string(), &error);
    if (!r) {
      state.SkipWithError(error.c_str());
      return;
    }
    ChunkReader chunks(*r, size_t{4} << 20, size_t{64} << 10);
    while (chunks.next(&chunk)) total += chunk.data.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(total));
}

BENCHMARK(BM_SourceReaderGzip)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ZlibGzread)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SourceReaderZstd)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SourceReaderPlain)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ChunkReaderOverGzip)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace alcor
