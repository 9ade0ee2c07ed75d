#include "index/index_reader.h"

namespace alcor {
namespace fs = std::filesystem;

IndexReader::IndexReader(const fs::path& dir) : dir_(dir) {
  bool exists = false;
  manifest_ = load_manifest(dir, &exists);
  if (!exists) throw IndexError("no alcor index at " + dir.string() + " (run 'alcor index --index " + dir.string() + " FILES' first)");
  segments_.reserve(manifest_.segments.size());
  for (const auto& s : manifest_.segments) segments_.emplace_back(segment_dir(dir) / s.file);
}

std::optional<AccessIndex> IndexReader::access_index(uint32_t source_id, std::string* error) const {
  fs::path p = access_index_path(dir_, source_id);
  std::error_code ec;
  if (!fs::exists(p, ec)) {
    *error = "no access points recorded";
    return std::nullopt;
  }
  std::string blob;
  try {
    blob = read_whole_file(p);
  } catch (const IndexError& e) {
    *error = e.what();
    return std::nullopt;
  }
  auto index = AccessIndex::parse(blob, error);
  if (!index) *error = "damaged " + p.string() + ": " + *error;
  return index;
}

}  // namespace alcor
