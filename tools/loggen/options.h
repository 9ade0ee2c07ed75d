// Command-line options of alcor-loggen.
#ifndef ALCOR_TOOLS_LOGGEN_OPTIONS_H_
#define ALCOR_TOOLS_LOGGEN_OPTIONS_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "tools/loggen/log_format.h"
#include "tools/loggen/rotation.h"

namespace alcor::loggen {

struct Options {
  std::filesystem::path out_dir = ".";
  std::string basename = "access.log";
  LogFormat format = LogFormat::kCombinedPort;
  int64_t start = 0;          // epoch s
  int64_t span_seconds = 0;
  int32_t utc_offset_s = 9 * 3600;
  uint64_t seed = 1;
  uint64_t lines = 0;         // 0: derived from target_bytes
  uint64_t target_bytes = 0;  // uncompressed
  double junk_rate = 0.001;
  uint32_t files = 1;
  CompressionMode compression = CompressionMode::kGzip;
  uint32_t plain_newest = 2;
  int level = 1;
  uint32_t plants = 0;
  uint32_t sites = 50;
  uint32_t urls_per_site = 1500;
  std::filesystem::path truth_file;    // empty: none
  std::filesystem::path summary_file;  // empty: none
};

// Parses argv; prints help and returns nullopt for --help; throws
// std::invalid_argument with a message naming the bad option otherwise.
std::optional<Options> parse_options(int argc, char** argv);

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_OPTIONS_H_
