#include "parsers/line_marks.h"

#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace alcor {
namespace {

using Word = LineMarks::Word;

// Marks the n bytes at p (n >= 64) into out[0, (n + 63) / 64); nonzero when
// one of them is a NUL. The vector version reads the last block as the
// line's last 64 bytes and shifts it down to the tail: reading a whole
// block past the line's end could leave its buffer.
// Built for AVX2 and for any other CPU; the loader picks one per CPU.
#if defined(__x86_64__) && defined(__GNUC__)
// The bits of the bytes equal to c among the 64 bytes in lo and hi.
[[gnu::target("avx2")]] inline uint64_t equal_bytes(__m256i lo, __m256i hi, char c) {
  const __m256i v = _mm256_set1_epi8(c);
  return uint64_t(uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, v)))) |
         uint64_t(uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, v)))) << 32;
}

// Marks the 64 bytes at b, the first `drop` of them left out; returns the
// NUL bits.
[[gnu::target("avx2")]] inline uint64_t mark_block(const char* b, int drop, Word* w) {
  const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b));
  const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + 32));
  w->spaces = equal_bytes(lo, hi, ' ') >> drop;
  w->quotes = equal_bytes(lo, hi, '"') >> drop;
  w->backslashes = equal_bytes(lo, hi, '\\') >> drop;
  return equal_bytes(lo, hi, '\0') >> drop;
}

[[gnu::target("avx2")]] uint64_t mark_words(const char* p, size_t n, Word* out) {
  uint64_t nuls = 0;
  const size_t whole = n / 64;
  for (size_t w = 0; w < whole; ++w) nuls |= mark_block(p + 64 * w, 0, out + w);
  if (n % 64 != 0) nuls |= mark_block(p + n - 64, int(64 - n % 64), out + whole);
  return nuls;
}

[[gnu::target("default")]]
#endif
uint64_t mark_words(const char* p, size_t n, Word* out) {
  return LineMarks::mark_portably(p, n, out) ? 0 : 1;
}

}  // namespace

bool LineMarks::mark_portably(const char* p, size_t n, Word* out) {
  bool nul = false;
  for (size_t w = 0; w < (n + 63) / 64; ++w) out[w] = Word{};
  for (size_t i = 0; i < n; ++i) {
    Word& w = out[i / 64];
    const int bit = int(i % 64);
    w.spaces |= uint64_t(p[i] == ' ') << bit;
    w.quotes |= uint64_t(p[i] == '"') << bit;
    w.backslashes |= uint64_t(p[i] == '\\') << bit;
    nul |= p[i] == '\0';
  }
  return !nul;
}

bool LineMarks::mark(std::string_view line) {
  base_ = line.data();
  words_.resize((line.size() + 63) / 64);
  if (line.size() >= 64) return mark_words(line.data(), line.size(), words_.data()) == 0;
  // A short line is copied; the padding byte is none of the marked ones.
  char block[64];
  std::memset(block, 'x', sizeof block);
  std::memcpy(block, line.data(), line.size());
  Word w;
  const uint64_t nuls = mark_words(block, sizeof block, &w);
  if (!words_.empty()) words_[0] = w;
  return nuls == 0;
}

}  // namespace alcor
