// Where the spaces, quotes and backslashes of one log line are, found in a
// single vectorised pass before the line is walked.
//
// Items end at a space or a quote, a quoted item at its first unescaped
// '"'; only a value holding a backslash needs unescaping, and a line with a
// NUL byte is no server's output. Asking memchr each of these per item scans
// the line's long fields (request, referer, user agent) two or three times
// over, paying a call's start-up cost each time; the field walker
// (apache_format.cc) asks these bitmaps instead.
#ifndef ALCOR_PARSERS_LINE_MARKS_H_
#define ALCOR_PARSERS_LINE_MARKS_H_

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace alcor {

class LineMarks {
 public:
  // Marks `line`, whose bytes must outlive the queries below. False when it
  // holds a NUL byte; the marks are then incomplete and must not be asked.
  bool mark(std::string_view line);

  // find_closing_quote(p, end) (log_escape.h) on the marked line: the first
  // '"' in [p, end) not escaped by an odd run of backslashes after p, or
  // nullptr. [p, end) lies within the marked line.
  const char* closing_quote(const char* p, const char* end) const;

  // Whether [p, end), within the marked line, holds a backslash.
  bool has_backslash(const char* p, const char* end) const;

  // The first byte `c` in [p, end), within the marked line, or nullptr.
  // Answered from the marks for ' ', '"' and '\\', by memchr for others.
  const char* find(char c, const char* p, const char* end) const;

  // The marks of 64 bytes of the line: bit i of word w stands for byte 64w+i.
  struct Word {
    uint64_t spaces;       // ' '
    uint64_t quotes;       // '"'
    uint64_t backslashes;  // '\\'
  };
  using Class = uint64_t Word::*;

  // Marks the n >= 64 bytes at p into out[0, (n + 63) / 64) byte by byte;
  // true when none is a NUL. What CPUs without AVX2 run, public so that a
  // test can hold it to the vector version this machine runs.
  static bool mark_portably(const char* p, size_t n, Word* out);

 private:
  // The first byte of class `c` in [from, to), or `to`.
  size_t next_mark(Class c, size_t from, size_t to) const;
  bool marked(Class c, size_t i) const { return words_[i / 64].*c >> (i % 64) & 1; }
  size_t at(const char* p) const { return size_t(p - base_); }

  const char* base_ = nullptr;
  std::vector<Word> words_;
};

// The queries are inline: the walker asks several per item.

inline size_t LineMarks::next_mark(Class c, size_t from, size_t to) const {
  if (from >= to) return to;
  size_t w = from / 64;
  uint64_t word = words_[w].*c & (~uint64_t{0} << (from % 64));
  const size_t last = (to - 1) / 64;
  while (word == 0) {
    if (w == last) return to;
    word = words_[++w].*c;
  }
  const size_t found = 64 * w + size_t(__builtin_ctzll(word));
  return found < to ? found : to;
}

inline const char* LineMarks::closing_quote(const char* p, const char* end) const {
  const size_t start = at(p);
  const size_t stop = at(end);
  for (size_t i = start; i < stop;) {
    const size_t q = next_mark(&Word::quotes, i, stop);
    if (q == stop) return nullptr;
    // Escaped when preceded by an odd run of backslashes ("\\" is one
    // escaped backslash, so \\" closes the field).
    size_t b = q;
    while (b > start && marked(&Word::backslashes, b - 1)) --b;
    if ((q - b) % 2 == 0) return base_ + q;
    i = q + 1;
  }
  return nullptr;
}

inline bool LineMarks::has_backslash(const char* p, const char* end) const {
  return next_mark(&Word::backslashes, at(p), at(end)) != at(end);
}

inline const char* LineMarks::find(char c, const char* p, const char* end) const {
  const Class marks = c == ' ' ? &Word::spaces : c == '"' ? &Word::quotes : c == '\\' ? &Word::backslashes : nullptr;
  if (marks == nullptr) return p < end ? static_cast<const char*>(std::memchr(p, c, size_t(end - p))) : nullptr;
  const size_t found = next_mark(marks, at(p), at(end));
  return found == at(end) ? nullptr : base_ + found;
}

}  // namespace alcor

#endif  // ALCOR_PARSERS_LINE_MARKS_H_
