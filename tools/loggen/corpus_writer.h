// Writes the corpus: background traffic with junk, the planted lines merged
// in by write time, split into rotated files. Records where every planted
// line landed and what each file holds.
#ifndef ALCOR_TOOLS_LOGGEN_CORPUS_WRITER_H_
#define ALCOR_TOOLS_LOGGEN_CORPUS_WRITER_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "tools/loggen/compressed_writer.h"
#include "tools/loggen/junk.h"
#include "tools/loggen/options.h"
#include "tools/loggen/planting.h"
#include "tools/loggen/traffic.h"

namespace alcor::loggen {

struct FileStats {
  std::string name;
  Compression compression = Compression::kNone;
  uint64_t lines = 0;
  uint64_t planted_lines = 0;  // postings and decoys
  std::array<uint64_t, kAllJunkKinds.size()> junk{};
  uint64_t bytes_uncompressed = 0;
  uint64_t bytes_written = 0;
};

// Background lines for `--size`: the average line length measured on a
// sample drawn from a copy of the model.
uint64_t lines_for_size(const TrafficModel& model, const Options& o);

// Writes all files into o.out_dir; fills in the placements in `plan`.
std::vector<FileStats> write_corpus(const Options& o, TrafficModel& model, PlantingPlan& plan,
                                    uint64_t background_lines);

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_CORPUS_WRITER_H_
