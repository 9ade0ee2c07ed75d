// A damaged segment file: SegmentReader must refuse it or its blocks with
// IndexError, never crash or read outside the mapping.
//
// When the footer points at a directory inside the input, its CRC-32C is
// recomputed here, so that mutations reach the directory parser instead of
// stopping at the checksum (block_fuzz.cc covers what lies behind the
// per-block checksums).
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "index/byte_codec.h"
#include "index/file_util.h"
#include "index/segment.h"

namespace {

constexpr size_t kHeaderSize = 8;
constexpr size_t kFooterSize = 8 + 4 + 4 + 8;  // offset, size, CRC, magic

void fix_directory_crc(std::string* file) {
  if (file->size() < kHeaderSize + kFooterSize) return;
  const size_t footer = file->size() - kFooterSize;
  alcor::ByteReader in(std::string_view(*file).substr(footer), "footer");
  const uint64_t offset = in.fixed64();
  const uint64_t size = in.fixed32();
  if (size > footer || offset != footer - size) return;
  const uint32_t crc = alcor::crc32c(std::string_view(*file).substr(offset, size));
  for (int i = 0; i < 4; ++i) (*file)[footer + 12 + i] = static_cast<char>(crc >> (8 * i));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One file per process, rewritten for each input (the reader maps it).
  static const std::string path = [] {
    const char* tmp = std::getenv("TMPDIR");
    return std::string(tmp ? tmp : "/tmp") + "/alcor-segment-fuzz-" + std::to_string(getpid()) + ".als";
  }();
  std::string file(reinterpret_cast<const char*>(data), size);
  fix_directory_crc(&file);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(file.data(), static_cast<std::streamsize>(file.size()));
  }
  try {
    const alcor::SegmentReader reader(path);
    for (size_t b = 0; b < reader.blocks().size(); ++b) {
      try {
        std::vector<alcor::StoredRecord> records = reader.read_fields(b);
        reader.read_lines(b, &records);
      } catch (const alcor::IndexError&) {
      }
    }
  } catch (const alcor::IndexError&) {
  }
  return 0;
}
