// Reading a source file as the stream of bytes its server wrote.
//
// A SourceReader opens a path (or "-" for standard input), detects the
// compression from the first bytes (never from the name: rotated files are
// called access.log.3), and yields decompressed bytes. In the same pass it
// hashes the bytes *as stored* with SHA-256, so the evidence can name the
// exact archive file without a second read.
//
// Damage does not throw: read() returns the bytes decoded before the damage
// and then 0, and error() says what went wrong and at which stored offset.
#ifndef ALCOR_PARSERS_SOURCE_READER_H_
#define ALCOR_PARSERS_SOURCE_READER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace alcor {

enum class Compression : uint8_t { kPlain, kGzip, kZstd, kBzip2, kXz };
std::string_view compression_name(Compression c);

// Detects compression from the leading bytes of a file.
Compression detect_compression(std::string_view head);

using Sha256 = std::array<uint8_t, 32>;
std::string to_hex(const Sha256& digest);

struct AccessIndex;  // parsers/access_index.h

class SourceReader {
 public:
  virtual ~SourceReader() = default;

  // Opens `path` ("-" is standard input). Returns nullptr and sets *error
  // when the file cannot be opened at all.
  static std::unique_ptr<SourceReader> open(const std::string& path, std::string* error);

  // Fills up to `cap` bytes of decompressed data; returns 0 at the end of
  // the stream or at the first damage (then error() is non-empty).
  virtual size_t read(char* buf, size_t cap) = 0;

  virtual Compression compression() const = 0;

  // Empty while the stream is healthy. Set when the stored data is damaged
  // (truncated, corrupt, trailing garbage) or an I/O error occurred.
  virtual const std::string& error() const = 0;

  // True when the file was written to while it was read (see error() for
  // the sizes): what was read is no state the file ever had, so neither the
  // records nor the digest can stand as evidence of it.
  virtual bool changed_while_read() const { return false; }

  // SHA-256 of every stored byte, once read() has returned 0. When read()
  // stopped at damage, the rest of the file is still hashed so the digest
  // always covers the whole file as stored.
  virtual Sha256 sha256() const = 0;
  virtual uint64_t stored_bytes() const = 0;  // bytes of the file as stored

  // Opt-in, before the first read(): also record access points about every
  // `decoded_bytes` of output, so that a RandomAccessReader can later fetch
  // any line from this file without decoding it from the start. Readers
  // that are not files (test doubles) ignore it.
  virtual void set_access_point_spacing(uint64_t decoded_bytes);
  // Once read() has returned 0: the points and the identity of the file.
  // Without points when set_access_point_spacing() was not called.
  virtual AccessIndex take_access_index();

  // Decoding in place. A decoder that refers back to its own output (zstd:
  // matches reach up to a window behind) normally decodes into a window of
  // its own and copies out; a caller that promises the following, before the
  // first read(), lets it decode straight into the caller's buffers instead:
  //  - every read() offers at least kInPlaceReadMin bytes;
  //  - a "run" is a sequence of reads each continuing where the last one
  //    ended; the bytes of the current run and of the run before it stay
  //    unchanged at their addresses (older runs may be reused);
  //  - every run but the stream's last holds at least `min_run` bytes.
  // Returns whether the reader took the promise (false: it copies as ever,
  // and the caller owes nothing). A caller about to break the promise (to
  // rewrite bytes in place) calls stop_in_place() first; from then on the
  // reader copies again.
  static constexpr size_t kInPlaceReadMin = size_t{128} << 10;  // zstd's largest block
  virtual bool decode_in_place(size_t /*min_run*/) { return false; }
  virtual void stop_in_place() {}
};

}  // namespace alcor

#endif  // ALCOR_PARSERS_SOURCE_READER_H_
