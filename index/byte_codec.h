// Little-endian fixed-width integers and LEB128 varints in byte buffers.
//
// ByteReader is bounds-checked on every read: index files may be damaged,
// and a damaged file must produce an IndexError naming it, never a read out
// of bounds.
#ifndef ALCOR_INDEX_BYTE_CODEC_H_
#define ALCOR_INDEX_BYTE_CODEC_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "index/file_util.h"
#include "parsers/byte_buffer.h"

namespace alcor {

inline uint64_t zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

inline constexpr size_t kMaxVarint = 10;  // bytes of the longest varint: 64 bits, 7 a byte

// put_varint and put_le store one value at p and return the byte after it.
// A loop writing many values keeps its pointer in a register: through
// ByteWriter, each store to a char* may alias the buffer's own size, which
// is then reloaded per value.
inline char* put_varint(char* p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}
template <typename T>
char* put_le(char* p, T v) {
  for (size_t i = 0; i < sizeof(T); ++i) p[i] = static_cast<char>(v >> (8 * i));
  return p + sizeof(T);
}

// Appends to a buffer it owns. Each value reserves its largest size and is
// stored byte by byte: a block's columns are written a value at a time, so
// a write is a bounds check and a few stores, not a string append.
class ByteWriter {
 public:
  void u8(uint8_t v) { append_le(v); }
  void fixed16(uint16_t v) { append_le(v); }
  void fixed32(uint32_t v) { append_le(v); }
  void fixed64(uint64_t v) { append_le(v); }
  void varint(uint64_t v) { commit(put_varint(room(kMaxVarint), v)); }
  void svarint(int64_t v) { varint(zigzag(v)); }
  void bytes(std::string_view s) { buf_.append(s.data(), s.size()); }
  void string(std::string_view s) {
    varint(s.size());
    bytes(s);
  }

  // Writing without a check per value: room(n) is where the next bytes go
  // (valid until the buffer grows), commit(end) keeps those up to `end`.
  char* room(size_t n) { return buf_.room(n); }
  void commit(const char* end) { buf_.resize_for_overwrite(static_cast<size_t>(end - buf_.data())); }

  std::string_view data() const { return buf_; }
  size_t size() const { return buf_.size(); }
  void clear() { buf_.resize_for_overwrite(0); }
  // Drops the bytes after the first n (n <= size()).
  void truncate(size_t n) { buf_.resize_for_overwrite(n); }

 private:
  template <typename T>
  void append_le(T v) { commit(put_le(room(sizeof(T)), v)); }

  ByteBuffer buf_;
};

class ByteReader {
 public:
  // `what` names the data in error messages ("segment seg-000003.als").
  ByteReader(std::string_view data, std::string_view what) : p_(data), what_(what) {}

  uint8_t u8() { return static_cast<uint8_t>(take(1)[0]); }
  uint16_t fixed16() { return static_cast<uint16_t>(read_le(2)); }
  uint32_t fixed32() { return static_cast<uint32_t>(read_le(4)); }
  uint64_t fixed64() { return read_le(8); }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = u8();
      v |= uint64_t{b & 0x7fu} << shift;
      if ((b & 0x80) == 0) return v;
    }
    fail("varint too long");
  }
  int64_t svarint() { return unzigzag(varint()); }
  std::string_view bytes(size_t n) { return take(n); }
  std::string_view string() { return take(varint()); }

  size_t remaining() const { return p_.size(); }
  bool done() const { return p_.empty(); }
  [[noreturn]] void fail(std::string_view why) const {
    throw IndexError("damaged " + std::string(what_) + ": " + std::string(why));
  }

 private:
  std::string_view take(uint64_t n) {
    if (n > p_.size()) fail("truncated");
    std::string_view out = p_.substr(0, n);
    p_.remove_prefix(n);
    return out;
  }
  uint64_t read_le(size_t n) {
    std::string_view b = take(n);
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= uint64_t{static_cast<uint8_t>(b[i])} << (8 * i);
    return v;
  }

  std::string_view p_;
  std::string_view what_;
};

}  // namespace alcor

#endif  // ALCOR_INDEX_BYTE_CODEC_H_
