#include "parsers/byte_buffer.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>

namespace alcor {
namespace {

// `size` bytes (a multiple of kHugePageBytes) mapped at an address aligned
// to kHugePageBytes, which a huge page needs. The kernel may decline the
// advice (THP off, or no huge page free): the buffer is then made of small
// pages, as a heap allocation would be.
char* map_huge(size_t size) {
  constexpr size_t kAlign = ByteBuffer::kHugePageBytes;
  void* mapped = mmap(nullptr, size + kAlign, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  char* const start = static_cast<char*>(mapped);
  char* const aligned = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(start) + kAlign - 1) & ~(kAlign - 1));
  // The slack on either side of the aligned range goes back at once.
  const size_t head = size_t(aligned - start);
  if (head > 0) munmap(start, head);
  if (head < kAlign) munmap(aligned + size, kAlign - head);
  madvise(aligned, size, MADV_HUGEPAGE);
  return aligned;
}

}  // namespace

void ByteBuffer::Release::operator()(char* p) const noexcept {
  if (mapped > 0) {
    munmap(p, mapped);
  } else {
    delete[] p;
  }
}

void ByteBuffer::grow(size_t n) {
  // Doubling keeps appends amortised O(1); the chunk reader asks for its
  // full size at once and never grows again.
  size_t capacity = std::max(n, 2 * capacity_);
  std::unique_ptr<char[], Release> bytes;
  if (capacity >= kHugePageBytes) {
    capacity = (capacity + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;  // the mapping's whole
    bytes = std::unique_ptr<char[], Release>(map_huge(capacity), Release{capacity});
  } else {
    bytes = std::unique_ptr<char[], Release>(new char[capacity]);  // default-initialised: not cleared
  }
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
