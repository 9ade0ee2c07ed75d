// LineMarks answers from bitmaps what the walker used to ask memchr and
// find_closing_quote; every answer must be theirs, for every sub-range of
// lines of every length around the 64-byte block edges.
#include "parsers/line_marks.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "parsers/log_escape.h"

namespace alcor {
namespace {

const char* memchr_in(const char* p, const char* end, char c) {
  return p < end ? static_cast<const char*>(std::memchr(p, c, size_t(end - p))) : nullptr;
}

// Lines of bytes the marks care about, mostly, with runs of backslashes.
std::string random_line(std::mt19937& rng, size_t n) {
  static constexpr char kBytes[] = {' ', '"', '\\', '\\', 'a', '[', '-', '"'};
  std::string s(n, 'a');
  for (char& c : s) c = kBytes[rng() % sizeof kBytes];
  return s;
}

TEST(LineMarks, AnswersAsMemchrAndFindClosingQuoteDo) {
  std::mt19937 rng(11);
  LineMarks marks;
  for (size_t n : {1, 2, 31, 63, 64, 65, 127, 128, 129, 200, 300}) {
    for (int round = 0; round < 4; ++round) {
      // The line sits inside a larger buffer, as in a chunk: marking must
      // not see the bytes around it.
      const std::string buffer = "\"\\ " + random_line(rng, n) + "\" \\";
      const std::string_view line(buffer.data() + 3, n);
      ASSERT_TRUE(marks.mark(line));
      const char* const b = line.data();
      for (size_t i = 0; i <= n; ++i) {
        for (size_t j = i; j <= n; ++j) {
          SCOPED_TRACE("n=" + std::to_string(n) + " [" + std::to_string(i) + ", " + std::to_string(j) + ")");
          ASSERT_EQ(marks.closing_quote(b + i, b + j), find_closing_quote(b + i, b + j));
          ASSERT_EQ(marks.has_backslash(b + i, b + j), memchr_in(b + i, b + j, '\\') != nullptr);
          for (char c : {' ', '"', '\\', '[', '-'}) ASSERT_EQ(marks.find(c, b + i, b + j), memchr_in(b + i, b + j, c));
        }
      }
    }
  }
}

// CPUs without AVX2 mark byte by byte; this machine most likely runs the
// vector routine, which must mark exactly alike.
TEST(LineMarks, PortableMarkingEqualsWhatThisMachineRuns) {
  std::mt19937 rng(5);
  for (size_t n : {64, 65, 100, 127, 128, 129, 300}) {
    for (int round = 0; round < 20; ++round) {
      std::string line = random_line(rng, n);
      if (round % 4 == 0) line[rng() % n] = '\0';
      LineMarks marks;
      const bool clean = marks.mark(line);
      std::vector<LineMarks::Word> portable((n + 63) / 64);
      ASSERT_EQ(LineMarks::mark_portably(line.data(), n, portable.data()), clean) << n;
      if (!clean) continue;
      for (size_t i = 0; i < n; ++i) {
        const LineMarks::Word& w = portable[i / 64];
        const char* at = line.data() + i;
        ASSERT_EQ((w.spaces >> (i % 64) & 1) != 0, marks.find(' ', at, at + 1) != nullptr) << n << " " << i;
        ASSERT_EQ((w.quotes >> (i % 64) & 1) != 0, marks.find('"', at, at + 1) != nullptr) << n << " " << i;
        ASSERT_EQ((w.backslashes >> (i % 64) & 1) != 0, marks.has_backslash(at, at + 1)) << n << " " << i;
      }
    }
  }
}

TEST(LineMarks, RefusesALineWithANulByteAnywhere) {
  LineMarks marks;
  for (size_t n : {1, 5, 63, 64, 65, 130}) {
    for (size_t at = 0; at < n; ++at) {
      std::string line(n, 'a');
      line[at] = '\0';
      EXPECT_FALSE(marks.mark(line)) << n << " " << at;
    }
    // A NUL just outside the line is not the line's.
    std::string buffer(n + 2, 'a');
    buffer[0] = buffer[n + 1] = '\0';
    EXPECT_TRUE(marks.mark(std::string_view(buffer).substr(1, n))) << n;
  }
}

}  // namespace
}  // namespace alcor
