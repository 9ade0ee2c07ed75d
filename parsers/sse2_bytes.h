// Text read 16 bytes at a time with SSE2, for the parsers that classify a
// short field (a target, an address) a block at a time instead of a byte
// at a time. Only where __SSE2__ is defined; callers keep a byte loop for
// the others.
#ifndef ALCOR_PARSERS_SSE2_BYTES_H_
#define ALCOR_PARSERS_SSE2_BYTES_H_

#if defined(__SSE2__)
#include <emmintrin.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace alcor::sse2 {

inline __m128i load16(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }

// The n (1 to 15) bytes at s in the low lanes, zeros above, read without
// touching s[n] or beyond and without a store to reload: a buffer written
// bytewise and loaded as a vector stalls the load. Overlapping reads of
// 8, 4 or single bytes cover the n bytes (x86: little-endian).
inline __m128i load_short(const char* s, size_t n) {
  uint64_t lo = 0, hi = 0;
  if (n >= 8) {
    std::memcpy(&lo, s, 8);
    if (n > 8) {
      std::memcpy(&hi, s + n - 8, 8);
      hi >>= 8 * (16 - n);  // keeps s[8, n)
    }
  } else if (n >= 4) {
    uint32_t first, last;
    std::memcpy(&first, s, 4);
    std::memcpy(&last, s + n - 4, 4);
    lo = first | uint64_t{last} << (8 * (n - 4));
  } else {
    auto byte = [&](size_t i) { return uint64_t{static_cast<unsigned char>(s[i])} << (8 * i); };
    lo = byte(0) | byte(n / 2) | byte(n - 1);
  }
  return _mm_set_epi64x(static_cast<int64_t>(hi), static_cast<int64_t>(lo));
}

// 0xff in each lane whose byte is in [lo, hi], compared unsigned.
inline __m128i in_range(__m128i v, char lo, char hi) {
  return _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(lo)), _mm_min_epu8(v, _mm_set1_epi8(hi)));
}

// Bit i set when byte i of v is c.
inline unsigned bytes_equal(__m128i v, char c) {
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c))));
}

}  // namespace alcor::sse2

#endif  // __SSE2__
#endif  // ALCOR_PARSERS_SSE2_BYTES_H_
