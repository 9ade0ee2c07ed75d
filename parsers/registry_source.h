// Reads one registry file (plain or gzip), fingerprints it, recognises its
// kind and hands it to the matching importer.
#ifndef ALCOR_PARSERS_REGISTRY_SOURCE_H_
#define ALCOR_PARSERS_REGISTRY_SOURCE_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "parsers/registry_records.h"

namespace alcor::registry {

struct RegistryFile {
  std::string name;        // as given on the command line
  std::string text;        // decompressed content
  std::string sha256;      // hex digest of the bytes on disk
  std::string mtime_date;  // YYYY-MM-DD (UTC) of the file's modification time
};

// Throws ParseError when the file cannot be read or its gzip stream is
// corrupt or cut off.
RegistryFile read_registry_file(const std::filesystem::path& path);

// Recognises the kind from the content; RPSL is the fallback.
SourceKind detect_kind(std::string_view text);

struct ImportOptions {
  std::optional<SourceKind> kind;   // forced instead of detected
  bool check_record_count = true;   // see DelegatedOptions
};

// Parses the whole file or throws ParseError: never half a file. When the
// content carries no date, the snapshot is dated by the file's mtime.
ImportBatch parse_registry_file(const RegistryFile& file, const ImportOptions& options);

std::string sha256_hex(std::string_view bytes);

}  // namespace alcor::registry

#endif  // ALCOR_PARSERS_REGISTRY_SOURCE_H_
