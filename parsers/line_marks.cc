#include "parsers/line_marks.h"

#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace alcor {
namespace {

// The marks of 64-byte blocks: bit i of word w stands for byte 64w+i.
struct MarkWords {
  uint64_t* spaces;
  uint64_t* quotes;
  uint64_t* backslashes;
};

// Marks the `words` 64-byte blocks at p into out[0, words); returns the NUL
// bytes' bits ORed together.
// Built for AVX2 and for any x86-64 (SSE2); the loader picks one per CPU.
#if defined(__x86_64__) && defined(__GNUC__)
// The 64 bits of two 32-byte comparison results.
[[gnu::target("avx2")]] inline uint64_t mask64(__m256i lo, __m256i hi) {
  return uint64_t(uint32_t(_mm256_movemask_epi8(lo))) | uint64_t(uint32_t(_mm256_movemask_epi8(hi))) << 32;
}

[[gnu::target("avx2")]] uint64_t mark_words(const char* p, size_t words, const MarkWords& out) {
  const __m256i space = _mm256_set1_epi8(' ');
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i backslash = _mm256_set1_epi8('\\');
  const __m256i zero = _mm256_setzero_si256();
  uint64_t nuls = 0;
  for (size_t w = 0; w < words; ++w, p += 64) {
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
    out.spaces[w] = mask64(_mm256_cmpeq_epi8(lo, space), _mm256_cmpeq_epi8(hi, space));
    out.quotes[w] = mask64(_mm256_cmpeq_epi8(lo, quote), _mm256_cmpeq_epi8(hi, quote));
    out.backslashes[w] = mask64(_mm256_cmpeq_epi8(lo, backslash), _mm256_cmpeq_epi8(hi, backslash));
    nuls |= mask64(_mm256_cmpeq_epi8(lo, zero), _mm256_cmpeq_epi8(hi, zero));
  }
  return nuls;
}

[[gnu::target("default")]]
#endif
uint64_t mark_words(const char* p, size_t words, const MarkWords& out) {
  uint64_t nuls = 0;
  for (size_t w = 0; w < words; ++w, p += 64) {
    uint64_t sp = 0, q = 0, b = 0;
    for (int i = 0; i < 64; ++i) {
      sp |= uint64_t(p[i] == ' ') << i;
      q |= uint64_t(p[i] == '"') << i;
      b |= uint64_t(p[i] == '\\') << i;
      nuls |= uint64_t(p[i] == '\0') << i;
    }
    out.spaces[w] = sp;
    out.quotes[w] = q;
    out.backslashes[w] = b;
  }
  return nuls;
}

}  // namespace

bool LineMarks::mark(std::string_view line) {
  base_ = line.data();
  const size_t n = line.size();
  const size_t whole = n / 64;
  const size_t tail = n % 64;
  const size_t words = whole + (tail != 0);
  spaces_.resize(words);
  quotes_.resize(words);
  backslashes_.resize(words);
  uint64_t nuls = mark_words(line.data(), whole, {spaces_.data(), quotes_.data(), backslashes_.data()});
  if (tail != 0) {
    uint64_t sp, q, b;
    if (whole > 0) {
      // The last 64 bytes of the line, shifted down to the tail's bytes:
      // reading a whole block past the line's end could leave its buffer.
      const int drop = int(64 - tail);
      nuls |= mark_words(line.data() + n - 64, 1, {&sp, &q, &b}) >> drop;
      sp >>= drop;
      q >>= drop;
      b >>= drop;
    } else {
      // A short line is copied; the padding byte is none of the marked ones.
      char block[64];
      std::memset(block, 'x', sizeof block);
      std::memcpy(block, line.data(), n);
      nuls |= mark_words(block, 1, {&sp, &q, &b});
    }
    spaces_[whole] = sp;
    quotes_[whole] = q;
    backslashes_[whole] = b;
  }
  return nuls == 0;
}

}  // namespace alcor
