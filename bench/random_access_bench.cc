// Evidence-line fetch from an original gzip archive (~200 MiB decoded, gzip
// -6), by RandomAccessReader with access points every 1, 2, 4 or 8 MiB, against
// the baseline of decoding from the start of the file to the same offset.
//
// Each fetch is timed on its own, in thread CPU time (steady on a shared
// machine) and in wall time; the counters report the median and p99 of both
// in microseconds, and the size of the serialized access index per GiB of
// decoded text. Offsets are visited in descending order so
// that no fetch profits from the decoder the previous one left open.
// BM_IngestWithCapture shows what recording the points adds to the ingest
// read pass (spacing 0: capture off).
#include <benchmark/benchmark.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bench_log_text.h"
#include "parsers/access_index.h"
#include "parsers/random_access_reader.h"
#include "parsers/source_reader.h"

namespace alcor {
namespace {

namespace fs = std::filesystem;

constexpr size_t kTextBytes = size_t{200} << 20;
constexpr size_t kReadBytes = size_t{1} << 20;
constexpr int kOffsets = 1000;

class GzipCorpus {
 public:
  static GzipCorpus& get() {
    static GzipCorpus corpus;
    return corpus;
  }
  ~GzipCorpus() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path path;
  uint64_t decoded_bytes = 0;
  std::vector<uint64_t> offsets;  // random line starts, descending

  // Indexed once per spacing (the ingest pass).
  const AccessIndex& index(uint64_t spacing) {
    auto it = indexes_.find(spacing);
    if (it == indexes_.end()) it = indexes_.emplace(spacing, read_all(spacing)).first;
    return it->second;
  }

  AccessIndex read_all(uint64_t spacing) const {
    std::string error;
    std::unique_ptr<SourceReader> r = SourceReader::open(path.string(), &error);
    if (!r) throw std::runtime_error(error);
    if (spacing > 0) r->set_access_point_spacing(spacing);
    std::unique_ptr<char[]> buf(new char[kReadBytes]);
    while (r->read(buf.get(), kReadBytes) > 0) {
    }
    if (!r->error().empty()) throw std::runtime_error(r->error());
    return r->take_access_index();
  }

 private:
  GzipCorpus() : dir_(fs::temp_directory_path() / ("alcor-ra-bench-" + std::to_string(getpid()))) {
    fs::create_directories(dir_);
    path = dir_ / "access.log.gz";
    const std::string text = make_bench_log_text(kTextBytes);
    decoded_bytes = text.size();
    gzFile gz = gzopen(path.c_str(), "wb6");
    if (gz == nullptr || gzwrite(gz, text.data(), static_cast<unsigned>(text.size())) <= 0 ||
        gzclose(gz) != Z_OK) {
      throw std::runtime_error("cannot write " + path.string());
    }
    std::mt19937_64 rng(3);
    for (int i = 0; i < kOffsets; ++i) {
      size_t at = text.rfind('\n', rng() % text.size());
      offsets.push_back(at == std::string::npos ? 0 : at + 1);
    }
    std::sort(offsets.rbegin(), offsets.rend());
  }

  fs::path dir_;
  std::map<uint64_t, AccessIndex> indexes_;
};

double thread_cpu_micros() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

void report_percentiles(benchmark::State& state, const std::string& name, std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  state.counters[name + "_p50_us"] = micros[micros.size() / 2];
  state.counters[name + "_p99_us"] = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
}

// Times `fetch` on successive offsets, one per iteration, and reports the
// latency distribution.
void time_fetches(benchmark::State& state, const std::function<bool(uint64_t, std::string*)>& fetch) {
  const std::vector<uint64_t>& offsets = GzipCorpus::get().offsets;
  std::vector<double> cpu, wall;
  std::string line;
  size_t i = 0;
  for (auto _ : state) {
    const double cpu_start = thread_cpu_micros();
    const auto wall_start = std::chrono::steady_clock::now();
    if (!fetch(offsets[i++ % offsets.size()], &line)) {
      state.SkipWithError(line.c_str());
      return;
    }
    wall.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - wall_start).count());
    cpu.push_back(thread_cpu_micros() - cpu_start);
    benchmark::DoNotOptimize(line);
  }
  report_percentiles(state, "cpu", std::move(cpu));
  report_percentiles(state, "wall", std::move(wall));
}

void BM_FetchLineWithAccessPoints(benchmark::State& state) {
  GzipCorpus& corpus = GzipCorpus::get();
  const uint64_t spacing = static_cast<uint64_t>(state.range(0)) << 20;
  const AccessIndex& index = corpus.index(spacing);
  std::string error;
  std::unique_ptr<RandomAccessReader> reader = RandomAccessReader::open(corpus.path.string(), index, &error);
  if (!reader) {
    state.SkipWithError(error.c_str());
    return;
  }
  time_fetches(state, [&](uint64_t offset, std::string* line) {
    return reader->read_line(offset, line, line) || (line->insert(0, "read_line: "), false);
  });
  const double blob = static_cast<double>(index.serialize().size());
  state.counters["points"] = static_cast<double>(index.points.size());
  state.counters["index_bytes_per_GiB"] = blob * static_cast<double>(1 << 30) / static_cast<double>(corpus.decoded_bytes);
  // The index-size bar is stated against the gzip -6 size of the logs.
  state.counters["index_pct_of_gzip"] = 100.0 * blob / static_cast<double>(fs::file_size(corpus.path));
}

// The baseline: decode from the file start, as without access points.
void BM_FetchLineDecodingFromStart(benchmark::State& state) {
  std::unique_ptr<char[]> buf(new char[kReadBytes]);
  time_fetches(state, [&](uint64_t offset, std::string* line) {
    std::string error;
    std::unique_ptr<SourceReader> r = SourceReader::open(GzipCorpus::get().path.string(), &error);
    if (!r) return *line = error, false;
    uint64_t pos = 0;
    line->clear();
    while (size_t n = r->read(buf.get(), kReadBytes)) {
      std::string_view chunk(buf.get(), n);
      if (pos + n > offset) {
        chunk.remove_prefix(offset > pos ? offset - pos : 0);
        size_t nl = chunk.find('\n');
        line->append(chunk.substr(0, nl));
        if (nl != std::string_view::npos) return true;
      }
      pos += n;
    }
    return true;
  });
}

void BM_IngestWithCapture(benchmark::State& state) {
  GzipCorpus& corpus = GzipCorpus::get();
  const uint64_t spacing = static_cast<uint64_t>(state.range(0)) << 20;
  for (auto _ : state) benchmark::DoNotOptimize(corpus.read_all(spacing));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.decoded_bytes));
}

BENCHMARK(BM_FetchLineWithAccessPoints)->Arg(1)->Arg(2)->Arg(4)->Arg(8)->Iterations(kOffsets)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FetchLineDecodingFromStart)->Iterations(30)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IngestWithCapture)->Arg(0)->Arg(1)->Arg(2)->Arg(4)->Arg(8)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace alcor
