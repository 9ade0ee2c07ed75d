// Writes one output file, compressing on the fly: generating a multi-GB
// corpus must not need the uncompressed text on disk first.
#ifndef ALCOR_TOOLS_LOGGEN_COMPRESSED_WRITER_H_
#define ALCOR_TOOLS_LOGGEN_COMPRESSED_WRITER_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

namespace alcor::loggen {

enum class Compression : uint8_t { kNone, kGzip, kZstd };
std::string_view compression_extension(Compression c);  // "", ".gz", ".zst"
std::string_view compression_name(Compression c);       // "none", "gzip", "zstd"

class CompressedWriter {
 public:
  // `level`: ISA-L 0..3 for gzip, zstd's 1..19; ignored for kNone.
  static std::unique_ptr<CompressedWriter> open(const std::filesystem::path& path, Compression c, int level);
  virtual ~CompressedWriter() = default;

  virtual void write(std::string_view bytes) = 0;
  // Ends the stream and closes the file; throws on I/O errors.
  virtual void finish() = 0;
  // Bytes on disk so far (all of them after finish()).
  uint64_t bytes_written() const { return written_; }

 protected:
  uint64_t written_ = 0;
};

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_COMPRESSED_WRITER_H_
