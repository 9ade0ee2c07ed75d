// logrotate-style file names for a corpus split into N rotated files:
// access.log (newest), access.log.1, access.log.2.gz, ... With
// delaycompress the newest rotations stay uncompressed, hence
// `plain_newest`.
#ifndef ALCOR_TOOLS_LOGGEN_ROTATION_H_
#define ALCOR_TOOLS_LOGGEN_ROTATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/loggen/compressed_writer.h"

namespace alcor::loggen {

// "mixed" alternates gzip and zstd over the compressed rotations.
enum class CompressionMode : uint8_t { kNone, kGzip, kZstd, kMixed };
std::optional<CompressionMode> parse_compression_mode(std::string_view name);

struct RotatedFile {
  std::string name;
  Compression compression;
};

// Oldest file first, i.e. in the order their lines were written.
std::vector<RotatedFile> plan_rotation(std::string_view basename, uint32_t files, CompressionMode mode,
                                       uint32_t plain_newest);

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_ROTATION_H_
