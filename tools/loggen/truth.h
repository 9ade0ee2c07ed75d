// The ground truth files: one JSON object per planted posting (JSON Lines)
// and a JSON summary of what every file holds.
#ifndef ALCOR_TOOLS_LOGGEN_TRUTH_H_
#define ALCOR_TOOLS_LOGGEN_TRUTH_H_

#include <string>
#include <vector>

#include "tools/loggen/corpus_writer.h"
#include "tools/loggen/options.h"
#include "tools/loggen/planting.h"

namespace alcor::loggen {

// {"id", "host", "url", "path_and_query", "method", "status", "time_utc",
//  "time_local", "epoch", "ip", "port", "client_kind", "file", "line",
//  "decoys": [{"time_utc", "time_local", "epoch", "offset_s", "ip", "port",
//              "method", "file", "line"}]}
// Times are the logged request times (%t), not the write times.
std::string truth_json_lines(const PlantingPlan& plan, int32_t utc_offset_s);

// Options, totals (lines, junk per kind, planted) and the same per file.
std::string summary_json(const Options& o, uint64_t background_lines, const std::vector<FileStats>& files);

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_TRUTH_H_
