// A consistent read-only view of an index.
//
// The view is the manifest as committed when it was opened plus the
// segments it names. Segments are immutable and a writer never removes a
// listed one, so a reader is unaffected by a writer appending meanwhile.
#ifndef ALCOR_INDEX_INDEX_READER_H_
#define ALCOR_INDEX_INDEX_READER_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "index/manifest.h"
#include "index/segment.h"
#include "parsers/access_index.h"

namespace alcor {

class IndexReader {
 public:
  // Throws IndexError when DIR holds no index or its manifest or a segment's
  // directory is damaged.
  explicit IndexReader(const std::filesystem::path& dir);

  const Manifest& manifest() const { return manifest_; }
  const std::vector<SegmentReader>& segments() const { return segments_; }
  const std::filesystem::path& dir() const { return dir_; }

  // The access points recorded for a source's original archive; nullopt
  // with *error when the source has none (standard input, an index made
  // before they existed) or its file is damaged.
  std::optional<AccessIndex> access_index(uint32_t source_id, std::string* error) const;

 private:
  std::filesystem::path dir_;
  Manifest manifest_;
  std::vector<SegmentReader> segments_;
};

}  // namespace alcor

#endif  // ALCOR_INDEX_INDEX_READER_H_
