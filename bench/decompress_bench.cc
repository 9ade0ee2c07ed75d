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
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_log_text.h"
#include "parsers/line_splitter.h"
#include "parsers/source_reader.h"

namespace alcor {
namespace {

namespace fs = std::filesystem;

constexpr size_t kTextBytes = size_t{64} << 20;
constexpr size_t kReadBytes = size_t{1} << 20;

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
    const std::string text = make_bench_log_text(kTextBytes);
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

// The whole input layer as ingest runs it: decoding plus splitting into
// line-aligned chunks of 4 MiB (lines up to 1 MiB), the chunk buffers taking
// turns as the pipeline's do: the last chunk stays untouched while the next
// one is read. `keeps_last_chunk` lets zstd decode straight into the chunks.
void read_chunks(benchmark::State& state, const fs::path& path, bool keeps_last_chunk) {
  size_t total = 0;
  std::vector<TextChunk> chunks(4);
  for (auto _ : state) {
    std::string error;
    std::unique_ptr<SourceReader> r = SourceReader::open(path.string(), &error);
    if (!r) {
      state.SkipWithError(error.c_str());
      return;
    }
    ChunkReader reader(*r, size_t{4} << 20, size_t{1} << 20, keeps_last_chunk);
    if (keeps_last_chunk && !reader.in_place()) {
      state.SkipWithError("not decoded in place");
      return;
    }
    for (size_t i = 0; reader.next(&chunks[i % chunks.size()]); ++i) total += chunks[i % chunks.size()].data.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(total));
}

// The gap to BM_SourceReaderGzip is ChunkReader's cost.
void BM_ChunkReaderOverGzip(benchmark::State& state) { read_chunks(state, BenchFiles::get().gzip, false); }
// zstd through its own window, copied out (the baseline), and straight into
// the chunks.
void BM_ChunkReaderOverZstd(benchmark::State& state) { read_chunks(state, BenchFiles::get().zstd, false); }
void BM_ChunkReaderOverZstdInPlace(benchmark::State& state) { read_chunks(state, BenchFiles::get().zstd, true); }

BENCHMARK(BM_SourceReaderGzip)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ZlibGzread)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SourceReaderZstd)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SourceReaderPlain)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ChunkReaderOverGzip)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ChunkReaderOverZstd)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ChunkReaderOverZstdInPlace)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace alcor
