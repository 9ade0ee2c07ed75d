#include "parsers/byte_buffer.h"

#include <algorithm>
#include <cstring>

namespace alcor {

void ByteBuffer::grow(size_t n) {
  // Doubling keeps appends amortised O(1); the chunk reader asks for its
  // full size at once and never grows again.
  const size_t capacity = std::max(n, 2 * capacity_);
  std::unique_ptr<char[]> bytes(new char[capacity]);  // default-initialised: not cleared
  if (size_ > 0) std::memcpy(bytes.get(), bytes_.get(), size_);
  bytes_ = std::move(bytes);
  capacity_ = capacity;
}

void ByteBuffer::append(const char* p, size_t n) {
  if (n == 0) return;
  const size_t at = size_;
  resize_for_overwrite(size_ + n);
  std::memmove(bytes_.get() + at, p, n);  // p may point into this buffer
}

}  // namespace alcor
