// SourceReader::open(): the factory that looks at a file's first bytes and
// stacks the matching decoder on a StoredInput.
#include "parsers/source_reader.h"

#include <cstdint>
#include <initializer_list>

#include "parsers/access_index.h"
#include "parsers/decoding_reader.h"
#include "parsers/stored_input.h"

namespace alcor {
namespace {

// The longest magic below (xz).
constexpr size_t kMagicBytes = 6;

bool starts_with_bytes(std::string_view head, std::initializer_list<uint8_t> magic) {
  if (head.size() < magic.size()) return false;
  size_t i = 0;
  for (uint8_t m : magic) {
    if (static_cast<uint8_t>(head[i++]) != m) return false;
  }
  return true;
}

}  // namespace

std::string_view compression_name(Compression c) {
  switch (c) {
    case Compression::kPlain: return "plain";
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
    case Compression::kBzip2: return "bzip2";
    case Compression::kXz: return "xz";
  }
  return "unknown";
}

Compression detect_compression(std::string_view head) {
  if (starts_with_bytes(head, {0x1f, 0x8b})) return Compression::kGzip;
  if (starts_with_bytes(head, {0x28, 0xb5, 0x2f, 0xfd})) return Compression::kZstd;
  // Skippable frames (magic 0x184D2A50..0x184D2A5F, little-endian) may open a
  // zstd file, e.g. to carry a seek table.
  if (head.size() >= 4 && (static_cast<uint8_t>(head[0]) & 0xf0) == 0x50 &&
      starts_with_bytes(head.substr(1), {0x2a, 0x4d, 0x18})) {
    return Compression::kZstd;
  }
  // "BZh" plus the block size digit, so a text line starting "BZh" stays text.
  if (head.size() >= 4 && head.substr(0, 3) == "BZh" && head[3] >= '1' && head[3] <= '9') {
    return Compression::kBzip2;
  }
  if (starts_with_bytes(head, {0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00})) return Compression::kXz;
  return Compression::kPlain;
}

std::string to_hex(const Sha256& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (uint8_t b : digest) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

void SourceReader::set_access_point_spacing(uint64_t) {}
AccessIndex SourceReader::take_access_index() { return AccessIndex{}; }

std::unique_ptr<SourceReader> SourceReader::open(const std::string& path, std::string* error) {
  std::unique_ptr<StoredInput> input = StoredInput::open(path, error);
  if (!input) return nullptr;
  // The head stays buffered in StoredInput, so this works on pipes too.
  switch (detect_compression(input->peek(kMagicBytes))) {
    case Compression::kPlain: return make_plain_reader(std::move(input));
    case Compression::kGzip: return make_gzip_reader(std::move(input));
    case Compression::kZstd: return make_zstd_reader(std::move(input));
    case Compression::kBzip2: return make_bzip2_reader(std::move(input));
    case Compression::kXz: return make_xz_reader(std::move(input));
  }
  return nullptr;  // unreachable: every Compression is handled above
}

}  // namespace alcor
