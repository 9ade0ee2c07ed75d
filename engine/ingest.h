// Adding log files to an index: discover inputs, read and decompress each,
// pick its format, parse every line, and record what happened to each file
// and each rejected line.
#ifndef ALCOR_ENGINE_INGEST_H_
#define ALCOR_ENGINE_INGEST_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "index/index_writer.h"
#include "parsers/format_registry.h"

namespace alcor {

struct IngestOptions {
  std::string format = "auto";  // --format SPEC
  ParseOptions parse;           // --tz, --host
  size_t chunk_bytes = 4 << 20;
  size_t max_line_bytes = 1 << 20;
  size_t detect_sample_lines = 200;
};

enum class FileOutcome { kIndexed, kDamaged, kSkipped, kFailed };
// kDamaged: lines before the damage are indexed; the file's error says why
// reading stopped. kSkipped: content already in the index. kFailed: nothing
// indexed (unreadable, no format fits).

struct FileReport {
  std::string path;
  FileOutcome outcome = FileOutcome::kIndexed;
  std::string reason;       // for damaged / skipped / failed
  std::string compression;
  std::string format;       // chosen format's definition
  uint64_t lines = 0;
  uint64_t records = 0;
  std::map<std::string, uint64_t> rejected;  // reason name -> lines
  uint64_t stored_bytes = 0;
  uint64_t decoded_bytes = 0;
};

// Expands files, directories (recursively, sorted; symbolic links to files
// followed, directory links not) and "-" into the list of inputs. Paths that
// do not exist become failed reports right away.
std::vector<std::string> expand_inputs(const std::vector<std::string>& args, std::vector<FileReport>* failed);

// Indexes one input into `writer` (which commits as its segments fill).
FileReport ingest_file(IndexWriter& writer, const std::string& path, const IngestOptions& options);

}  // namespace alcor

#endif  // ALCOR_ENGINE_INGEST_H_
