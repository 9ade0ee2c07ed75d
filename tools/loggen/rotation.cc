#include "tools/loggen/rotation.h"

namespace alcor::loggen {

std::optional<CompressionMode> parse_compression_mode(std::string_view name) {
  if (name == "none") return CompressionMode::kNone;
  if (name == "gzip") return CompressionMode::kGzip;
  if (name == "zstd") return CompressionMode::kZstd;
  if (name == "mixed") return CompressionMode::kMixed;
  return std::nullopt;
}

std::vector<RotatedFile> plan_rotation(std::string_view basename, uint32_t files, CompressionMode mode,
                                       uint32_t plain_newest) {
  std::vector<RotatedFile> plan;
  for (uint32_t age = files; age-- > 0;) {
    Compression c = Compression::kNone;
    if (age >= plain_newest) {
      switch (mode) {
        case CompressionMode::kNone: break;
        case CompressionMode::kGzip: c = Compression::kGzip; break;
        case CompressionMode::kZstd: c = Compression::kZstd; break;
        case CompressionMode::kMixed: c = age % 2 == 0 ? Compression::kGzip : Compression::kZstd; break;
      }
    }
    std::string name(basename);
    if (age > 0) name.append(".").append(std::to_string(age));
    name += compression_extension(c);
    plan.push_back({std::move(name), c});
  }
  return plan;
}

}  // namespace alcor::loggen
