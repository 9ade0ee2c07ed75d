// alcor-loggen: writes realistic shared-hosting access logs with planted
// postings and their ground truth. See options.cc for the flags and
// planting.h for what is planted.
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "tools/loggen/corpus_writer.h"
#include "tools/loggen/options.h"
#include "tools/loggen/planting.h"
#include "tools/loggen/traffic.h"
#include "tools/loggen/truth.h"

namespace alcor::loggen {
namespace {

// Plants sit far enough inside the span for all their decoys to fit.
constexpr int64_t kPlantMargin = kDecoyMaxOffset + 60;

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (!f) throw std::runtime_error("cannot write " + path.string());
}

int run(const Options& o) {
  const auto started = std::chrono::steady_clock::now();
  std::filesystem::create_directories(o.out_dir);
  Rng setup_rng(o.seed, RngStream::kSetup);
  TrafficModel model(setup_rng, o.sites, o.urls_per_site);
  Rng plant_rng(o.seed, RngStream::kPlants);
  PlantingPlan plan(plant_rng, model, o.plants, o.start + kPlantMargin, o.start + o.span_seconds - kPlantMargin);
  const uint64_t background_lines = o.lines != 0 ? o.lines : lines_for_size(model, o);

  const std::vector<FileStats> files = write_corpus(o, model, plan, background_lines);
  if (!o.truth_file.empty()) write_text(o.truth_file, truth_json_lines(plan, o.utc_offset_s));
  if (!o.summary_file.empty()) write_text(o.summary_file, summary_json(o, background_lines, files));

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  uint64_t lines = 0, text = 0, disk = 0;
  for (const FileStats& f : files) lines += f.lines, text += f.bytes_uncompressed, disk += f.bytes_written;
  std::fprintf(stderr, "alcor-loggen: %llu lines, %.1f MB text, %.1f MB on disk in %zu files, %.2f s: %.1f MB/s\n",
               static_cast<unsigned long long>(lines), text / 1e6, disk / 1e6, files.size(), seconds,
               text / 1e6 / seconds);
  return 0;
}

}  // namespace
}  // namespace alcor::loggen

int main(int argc, char** argv) {
  try {
    const auto options = alcor::loggen::parse_options(argc, argv);
    return options ? alcor::loggen::run(*options) : 0;
  } catch (const std::invalid_argument& e) {
    std::cerr << "alcor-loggen: " << e.what() << " (see --help)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "alcor-loggen: " << e.what() << '\n';
    return 1;
  }
}
