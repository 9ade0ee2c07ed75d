// Checking an index, and optionally its sources, for damage.
#ifndef ALCOR_ENGINE_VERIFY_H_
#define ALCOR_ENGINE_VERIFY_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace alcor {

struct VerifyReport {
  std::vector<std::string> problems;  // each names the damaged file or source
  uint64_t segments = 0;
  uint64_t blocks = 0;
  uint64_t records = 0;
  uint64_t sources_checked = 0;  // re-hashed with --sources
  bool ok() const { return problems.empty(); }
};

// Reads every segment and block (checksums, decoding, record counts against
// the manifest, every record's source listed as complete). With
// `check_sources`, also re-hashes every source file and compares size and
// SHA-256 with what was indexed.
VerifyReport verify_index(const std::filesystem::path& dir, bool check_sources);

}  // namespace alcor

#endif  // ALCOR_ENGINE_VERIFY_H_
