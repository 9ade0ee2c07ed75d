// The manifest: the one file that says what the index holds.
//
// A segment or source exists for readers only once a manifest naming it has
// been committed (atomic replace, index/file_util.h). A source is listed only
// when all of its records are in listed segments, so after a crash every
// record belongs to a complete source and re-running the same command
// neither loses nor duplicates anything.
#ifndef ALCOR_INDEX_MANIFEST_H_
#define ALCOR_INDEX_MANIFEST_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "index/segment.h"

namespace alcor {

struct TimeSpan {
  int64_t min_us = 0;
  int64_t max_us = 0;
  uint64_t records = 0;

  void add(int64_t t) {
    if (records == 0 || t < min_us) min_us = t;
    if (records == 0 || t > max_us) max_us = t;
    ++records;
  }
  void merge(const TimeSpan& o);
};

struct SourceEntry {
  uint32_t id = 0;
  std::string path;         // as resolved when indexed; "-" for standard input
  std::string sha256;       // hex, of the file as stored
  uint64_t size = 0;        // stored bytes
  int64_t mtime_s = 0;      // modification time when indexed
  std::string compression;  // "gzip", "zstd", ...
  std::string format;       // LineParser::definition() used: a SPEC that rebuilds it
  // What `--format auto` assumed in choosing `format` (which server wrote
  // lines both write alike, that a trailing number is the client port);
  // empty when the format was given or detection had no doubt. Answers
  // carry it, so a report can warn before an assumed port is sent.
  std::string format_note;
  std::string tz;           // ParseOptions it was parsed with (evidence is
  std::string host;         //   re-parsed with exactly these)
  std::vector<std::string> trusted_proxies;
  bool lines_kept = false;  // raw lines stored in the index (standard input)
  std::string error;        // damage that stopped reading early, if any
  uint64_t lines = 0;
  std::map<std::string, uint64_t> rejected;  // reason name -> lines
  TimeSpan span;                             // of indexed records
  std::map<std::string, TimeSpan, std::less<>> hosts;  // per logged host ("" = none)
  std::string segment;                       // segment file with its records
  int64_t indexed_at_s = 0;

  // Whether a file of `stored_size` bytes modified at `file_mtime_s` still
  // looks like the one indexed: what evidence checks before reading it, and
  // `alcor index` before taking another file with this SHA-256 for a copy.
  bool looks_unchanged(uint64_t stored_size, int64_t file_mtime_s) const {
    return stored_size == size && file_mtime_s == mtime_s;
  }
};

struct Manifest {
  static constexpr uint64_t kVersion = 1;

  std::string index_id;        // random, fixed at creation: names the index in reports
  uint64_t generation = 0;     // +1 per commit
  uint32_t next_source_id = 1;
  uint64_t next_segment = 1;
  std::vector<SourceEntry> sources;
  std::vector<SegmentStats> segments;
  std::vector<std::string> history;  // what was deleted, and when (alcor forget)

  std::string to_json() const;
  static Manifest parse(std::string_view json, std::string_view what);

  const SourceEntry* find_sha256(std::string_view hex) const;
  const SourceEntry* find_id(uint32_t id) const;
};

// DIR/MANIFEST and DIR/segments/ of an index.
std::filesystem::path manifest_path(const std::filesystem::path& index_dir);
std::filesystem::path segment_dir(const std::filesystem::path& index_dir);
// DIR/access/src-<id>.aix: the access points of source `id` (random access
// into its original archive for evidence; parsers/access_index.h).
std::filesystem::path access_dir(const std::filesystem::path& index_dir);
std::filesystem::path access_index_path(const std::filesystem::path& index_dir, uint32_t source_id);

// Loads DIR/MANIFEST. `exists` is false (and an empty manifest returned)
// when the index has never been committed.
Manifest load_manifest(const std::filesystem::path& index_dir, bool* exists);

// Commits `m` as the new state of the index (bumps nothing: callers set
// generation).
void commit_manifest(const std::filesystem::path& index_dir, const Manifest& m);

}  // namespace alcor

#endif  // ALCOR_INDEX_MANIFEST_H_
