// A growable byte buffer whose growth leaves the new bytes unset.
//
// ChunkReader reads each chunk straight into its buffer: std::string would
// clear the megabytes about to be overwritten on every resize (about 3% of
// ingest CPU). ByteWriter (index/byte_codec.h) writes each value into room()
// and then sizes the buffer past it, without a terminator or a check per
// byte. Otherwise a plain value type: copies copy the bytes, a moved-from
// buffer is empty.
//
// Buffers of kHugePageBytes or more (the chunk reader's, a few megabytes
// each) are mapped on their own, aligned and advised onto transparent huge
// pages: written for the first time, a 4 MiB buffer takes two page faults
// instead of 1,024. A fault cost 10.7 us on the VM this was measured on,
// where faults took 3.4% of the CPU of indexing the 1 GB e2e corpus (the
// first pass over each chunk buffer half of them), 1.6% with this.
#ifndef ALCOR_PARSERS_BYTE_BUFFER_H_
#define ALCOR_PARSERS_BYTE_BUFFER_H_

#include <cstddef>
#include <memory>
#include <string_view>
#include <utility>

namespace alcor {

class ByteBuffer {
 public:
  ByteBuffer() = default;
  ByteBuffer(const ByteBuffer& o) { assign(o); }
  ByteBuffer& operator=(const ByteBuffer& o) {
    if (this != &o) assign(o);
    return *this;
  }
  ByteBuffer(ByteBuffer&& o) noexcept { swap(o); }
  ByteBuffer& operator=(ByteBuffer&& o) noexcept {
    ByteBuffer taken(std::move(o));  // leaves `o` empty, as the constructor does
    swap(taken);
    return *this;
  }

  // The size from which a buffer gets its own mapping on huge pages.
  static constexpr size_t kHugePageBytes = size_t{2} << 20;

  char* data() { return bytes_.get(); }
  const char* data() const { return bytes_.get(); }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  char back() const { return bytes_[size_ - 1]; }
  operator std::string_view() const { return std::string_view(bytes_.get(), size_); }

  void assign(std::string_view s) {
    size_ = 0;
    append(s.data(), s.size());
  }
  void append(const char* p, size_t n);
  // Sets the size to `n`, keeping the first min(n, size()) bytes; bytes
  // beyond the old size are unset until the caller writes them. Inline:
  // encoders size their buffer once per value written.
  void resize_for_overwrite(size_t n) {
    if (n > capacity_) grow(n);
    size_ = n;
  }
  // Room for n bytes past the end, kept by the next resize_for_overwrite.
  // The address stays valid until the buffer grows.
  char* room(size_t n) {
    if (capacity_ - size_ < n) grow(size_ + n);
    return bytes_.get() + size_;
  }

  void swap(ByteBuffer& o) noexcept {
    bytes_.swap(o.bytes_);
    std::swap(size_, o.size_);
    std::swap(capacity_, o.capacity_);
  }

 private:
  // Frees what grow() allocated: heap memory, or a mapping of `mapped`
  // bytes for a buffer of kHugePageBytes or more. (No member initializer: it
  // would keep the enclosing class from default-constructing a Release;
  // unique_ptr value-initializes its deleter, to 0.)
  struct Release {
    size_t mapped;
    void operator()(char* p) const noexcept;
  };

  // Makes the capacity at least n, keeping the bytes.
  void grow(size_t n);

  std::unique_ptr<char[], Release> bytes_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace alcor

#endif  // ALCOR_PARSERS_BYTE_BUFFER_H_
