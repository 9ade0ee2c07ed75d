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

}  // namespace alcor
