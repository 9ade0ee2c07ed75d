// Appending sources to an index, one writer at a time.
//
// Usage:
//   IndexWriter w(dir);                 // locks DIR, creates it if needed
//   uint32_t id = w.begin_source();
//   w.add(record, provenance, raw);     // ... for each parsed line
//   w.end_source(entry);                // or w.discard_source()
//   w.commit();                         // makes everything durable and visible
// end_source() commits by itself whenever the open segment has grown past
// its size target, so a crash loses at most one segment's worth of work and
// never leaves a record of an incomplete source visible.
#ifndef ALCOR_INDEX_INDEX_WRITER_H_
#define ALCOR_INDEX_INDEX_WRITER_H_

#include <filesystem>
#include <memory>
#include <optional>

#include "index/file_util.h"
#include "index/manifest.h"
#include "index/segment.h"

namespace alcor {

class IndexWriter {
 public:
  struct Options {
    SegmentWriter::Options segment;
    uint64_t segment_target_bytes = 256ull << 20;  // seal and commit past this
  };

  explicit IndexWriter(const std::filesystem::path& dir) : IndexWriter(dir, Options{}) {}
  IndexWriter(const std::filesystem::path& dir, Options options);
  ~IndexWriter();  // commits nothing: uncommitted work is dropped

  const Manifest& manifest() const { return manifest_; }

  // A committed or pending source with this content, or nullptr.
  const SourceEntry* find_sha256(std::string_view hex) const;
  const std::filesystem::path& dir() const { return dir_; }

  // A new source id. Ids are handed out in call order; one whose source is
  // discarded or never begun is simply not used again.
  uint32_t allocate_source_id();
  // Starts the source `id` (or a freshly allocated one) at the end of the
  // open segment; its records follow until end_source or discard_source.
  uint32_t begin_source() { return begin_source(allocate_source_id()); }
  uint32_t begin_source(uint32_t id);
  void add(const LogRecord& r, const Provenance& p, std::string_view raw_line);
  void add_block(const EncodedBlock& block);
  // `entry` describes the finished source; its id must be the begun one.
  // `access_index` (may be empty) is stored beside it for evidence reads,
  // written now and made durable by the commit that names the source.
  void end_source(SourceEntry entry, std::string_view access_index = {});
  void discard_source();

  // Seals the open segment and commits a manifest naming it and every source
  // ended since the last commit.
  void commit();

  // Removes every record of source `id` (rewriting its segment without
  // them), its access index and its manifest entry, records `note` in the
  // manifest's history, and commits. Throws IndexError if `id` is unknown.
  void forget_source(uint32_t id, const std::string& note);

  // Re-attaches the committed source `id` at `path` (its file was moved or
  // copied; the caller has checked that the file there has the recorded
  // SHA-256): records the new path and modification time, replaces its
  // access index with `access_index` when given (it carries the new file's
  // identity), records `note` in the history, and commits. Its records are
  // unchanged. Throws IndexError if `id` is unknown.
  void relocate_source(uint32_t id, const std::string& path, int64_t mtime_s, std::string_view access_index,
                       const std::string& note);

 private:
  void remove_unlisted_files();

  std::filesystem::path dir_;
  Options options_;
  DirectoryLock lock_;
  Manifest manifest_;  // committed state plus pending sources
  std::unique_ptr<SegmentWriter> segment_;
  std::vector<SourceEntry> pending_;
  StagedFiles access_files_;  // the access indexes of pending sources
  std::optional<uint32_t> open_source_;
};

}  // namespace alcor

#endif  // ALCOR_INDEX_INDEX_WRITER_H_
