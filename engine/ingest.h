// Adding log files to an index: the parallel streaming pipeline.
//
// Each source is read (decompressed and hashed) by one thread at a time and
// cut into line-aligned chunks; chunks are parsed and encoded into index
// blocks by any worker; blocks are committed to the index in input order, one
// source after another, so a source's records are contiguous and a source
// found to be a duplicate (same SHA-256) once fully read is rolled back.
// Memory is bounded by the number of chunks in flight, not by input size.
#ifndef ALCOR_ENGINE_INGEST_H_
#define ALCOR_ENGINE_INGEST_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/chunk_indexer.h"
#include "index/index_writer.h"
#include "parsers/format_registry.h"

namespace alcor {

struct IngestOptions {
  std::string format = "auto";  // --format SPEC
  ParseOptions parse;           // --tz, --host
  unsigned threads = 0;         // 0: one per core
  size_t chunk_bytes = 4 << 20;
  size_t max_line_bytes = 1 << 20;
  size_t detect_sample_lines = 200;
  // Decoded bytes between access points into compressed sources: a fetch of
  // an evidence line decodes at most this much (about 1 ms per 4 MiB) and
  // each point costs ~7 KB of index (bench/random_access_bench.cc).
  uint64_t access_point_spacing = 4 << 20;
  BlockLimits blocks;
};

enum class FileOutcome { kIndexed, kDamaged, kSkipped, kFailed, kMoved };
// kDamaged: lines before the damage are indexed; `reason` says why reading
// stopped. kSkipped: content already in the index. kFailed: nothing indexed
// (unreadable, no format fits). kMoved: content already in the index under
// a path that no longer exists: that source is re-attached at this path
// (the manifest's history says so) and nothing is indexed again.

struct FileReport {
  std::string path;
  FileOutcome outcome = FileOutcome::kIndexed;
  std::string reason;       // for damaged / skipped / failed
  std::string compression;
  std::string format;       // chosen format's definition
  std::string note;         // an assumption detection made (which server wrote the lines)
  uint64_t lines = 0;
  uint64_t records = 0;
  std::map<std::string, uint64_t> rejected;  // reason name -> lines
  std::map<std::string, TimeSpan, std::less<>> hosts;
  uint64_t stored_bytes = 0;
  uint64_t text_bytes = 0;
};

// Live counters for a progress display; written by the pipeline, read by
// anyone.
struct IngestProgress {
  std::atomic<uint64_t> files_done{0};
  std::atomic<uint64_t> stored_bytes{0};  // of the files as stored, read so far
  std::atomic<uint64_t> text_bytes{0};
  std::atomic<uint64_t> lines{0};
};

// The manifest history line for source `s` re-attached at `path`.
std::string moved_note(const SourceEntry& s, const std::string& path);

// The path a source is recorded under: absolute and lexically normal ("-"
// for standard input). Whatever names a source later (forget) goes through
// this same function, so the names agree.
std::string source_path(const std::string& path);

// Expands files, directories (recursively, sorted; directory symlinks are
// not followed, so a link loop cannot recurse) and "-" into the list of
// inputs. Paths that do not exist become failed reports right away.
std::vector<std::string> expand_inputs(const std::vector<std::string>& args, std::vector<FileReport>* failed);

// Indexes `inputs` into `writer` and returns one report per input, in input
// order. Commits as segments fill; the caller commits the rest. Throws
// IndexError when the index cannot be written (nothing half-written becomes
// visible).
std::vector<FileReport> ingest(IndexWriter& writer, const std::vector<std::string>& inputs,
                               const IngestOptions& options, IngestProgress* progress = nullptr);

}  // namespace alcor

#endif  // ALCOR_ENGINE_INGEST_H_
