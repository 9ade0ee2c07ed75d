#include "parsers/line_splitter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace alcor {
namespace {

// A stream held in memory whose read() returns pieces of pseudo-random
// length up to `max_piece`, the way pipes and decoders do.
class StringSource final : public SourceReader {
 public:
  StringSource(std::string data, size_t max_piece, uint32_t seed = 0)
      : data_(std::move(data)), max_piece_(max_piece), rng_(seed) {}

  size_t read(char* buf, size_t cap) override {
    size_t n = std::min({cap, data_.size() - pos_, size_t{1} + rng_() % max_piece_});
    std::copy_n(data_.data() + pos_, n, buf);
    pos_ += n;
    return n;
  }
  Compression compression() const override { return Compression::kPlain; }
  const std::string& error() const override { return error_; }
  Sha256 sha256() const override { return {}; }
  uint64_t stored_bytes() const override { return data_.size(); }

 private:
  std::string data_;
  size_t max_piece_;
  std::mt19937 rng_;
  size_t pos_ = 0;
  std::string error_;
};

struct SeenLine {
  std::string text;
  uint64_t number;
  uint64_t offset;
  bool had_cr;
  bool too_long;
  bool operator==(const SeenLine&) const = default;
};

std::ostream& operator<<(std::ostream& os, const SeenLine& l) {
  return os << "{#" << l.number << " @" << l.offset << " '" << l.text << "' cr=" << l.had_cr
            << " long=" << l.too_long << "}";
}

// The obvious splitter over the whole stream in memory: what ChunkReader
// plus for_each_line must reproduce whatever the chunk and read sizes.
std::vector<SeenLine> naive_lines(const std::string& s, size_t max_line) {
  std::vector<SeenLine> out;
  size_t pos = 0;
  uint64_t number = 1;
  while (pos < s.size()) {
    size_t nl = s.find('\n', pos);
    size_t end = nl == std::string::npos ? s.size() : nl;
    std::string raw = s.substr(pos, end - pos);
    SeenLine l{raw, number++, pos, false, raw.size() > max_line};
    if (l.too_long) {
      l.text.resize(max_line);
    } else if (!raw.empty() && raw.back() == '\r') {
      l.had_cr = true;
      l.text.pop_back();
    }
    out.push_back(l);
    pos = nl == std::string::npos ? s.size() : nl + 1;
  }
  return out;
}

struct Split {
  std::vector<SeenLine> lines;
  std::vector<TextChunk> chunks;
};

Split split(const std::string& s, size_t chunk_bytes, size_t max_line, size_t max_piece, uint32_t seed = 0) {
  StringSource src(s, max_piece, seed);
  ChunkReader reader(src, chunk_bytes, max_line);
  Split out;
  TextChunk chunk;
  while (reader.next(&chunk)) {
    for_each_line(chunk, [&](const Line& l) {
      out.lines.push_back({std::string(l.text), l.number, l.offset, l.had_cr, l.too_long});
    });
    out.chunks.push_back(chunk);
  }
  EXPECT_FALSE(reader.next(&chunk)) << "the end stays the end";
  return out;
}

// Chunk-level promises: chunks tile the stream, hold whole lines, and stay
// bounded by the chunk size plus one (cut) line.
void expect_chunk_invariants(const Split& sp, const std::string& s, size_t chunk_bytes, size_t max_line) {
  uint64_t offset = 0, line = 1;
  for (size_t i = 0; i < sp.chunks.size(); ++i) {
    const TextChunk& c = sp.chunks[i];
    ASSERT_FALSE(c.data.empty());
    EXPECT_EQ(c.first_offset, offset);
    EXPECT_EQ(c.first_line, line);
    if (i + 1 < sp.chunks.size()) {
      EXPECT_EQ(c.data.back(), '\n') << "only the last chunk may end mid-line";
    }
    EXPECT_LE(c.data.size(), chunk_bytes + max_line);
    offset += c.data.size();
    for (const TextChunk::Cut& cut : c.cuts) offset += cut.dropped;
    line += static_cast<uint64_t>(std::ranges::count(std::string_view(c.data), '\n'));
  }
  EXPECT_EQ(offset, s.size());
}

TEST(ChunkReader, EmptyStreamGivesNoChunk) {
  Split sp = split("", 16, 16, 4);
  EXPECT_TRUE(sp.chunks.empty());
}

TEST(ChunkReader, FinalLineWithoutNewlineIsEmitted) {
  Split sp = split("one\ntwo", 1024, 100, 1024);
  ASSERT_EQ(sp.lines.size(), 2u);
  EXPECT_EQ(sp.lines[1], (SeenLine{"two", 2, 4, false, false}));
}

TEST(ChunkReader, EmptyLinesAreLines) {
  Split sp = split("\n\na\n\n", 3, 100, 2);
  EXPECT_EQ(sp.lines, naive_lines("\n\na\n\n", 100));
  EXPECT_EQ(sp.lines.size(), 4u);
}

TEST(ChunkReader, CrlfIsStrippedAndOffsetsCountIt) {
  std::string s = "GET /a\r\nGET /bb\r\n\r\nlast\r";
  Split sp = split(s, 5, 100, 3);
  ASSERT_EQ(sp.lines.size(), 4u);
  EXPECT_EQ(sp.lines[0], (SeenLine{"GET /a", 1, 0, true, false}));
  EXPECT_EQ(sp.lines[1], (SeenLine{"GET /bb", 2, 8, true, false}));
  EXPECT_EQ(sp.lines[2], (SeenLine{"", 3, 17, true, false}));
  EXPECT_EQ(sp.lines[3], (SeenLine{"last", 4, 19, true, false}));
}

TEST(ChunkReader, NulBytesPassThrough) {
  std::string s("a\0b\n\0\n", 6);
  Split sp = split(s, 2, 100, 1);
  ASSERT_EQ(sp.lines.size(), 2u);
  EXPECT_EQ(sp.lines[0].text, std::string("a\0b", 3));
  EXPECT_EQ(sp.lines[1].text, std::string("\0", 1));
}

TEST(ChunkReader, LongLineIsCutAndLaterOffsetsStayTrue) {
  std::string s = "short\n" + std::string(100, 'x') + "\r\nafter\n" + std::string(50, 'y');
  Split sp = split(s, 8, 10, 7);
  ASSERT_EQ(sp.lines.size(), 4u);
  EXPECT_EQ(sp.lines[1], (SeenLine{std::string(10, 'x'), 2, 6, false, true}));
  EXPECT_EQ(sp.lines[2], (SeenLine{"after", 3, 6 + 102, false, false}));
  EXPECT_EQ(sp.lines[3], (SeenLine{std::string(10, 'y'), 4, 6 + 102 + 6, false, true}));
  expect_chunk_invariants(sp, s, 8, 10);
}

TEST(ChunkReader, HugeLineNeverBuffersWhole) {
  // 64 MiB with no newline: the chunk holds only the kept part.
  std::string s = "first\n" + std::string(64 << 20, 'z') + "\nlast\n";
  Split sp = split(s, 4096, 1000, 1 << 16);
  ASSERT_EQ(sp.lines.size(), 3u);
  EXPECT_TRUE(sp.lines[1].too_long);
  EXPECT_EQ(sp.lines[1].text.size(), 1000u);
  EXPECT_EQ(sp.lines[2], (SeenLine{"last", 3, 6 + (64u << 20) + 1, false, false}));
  expect_chunk_invariants(sp, s, 4096, 1000);
}

TEST(ChunkReader, LineOfExactlyMaxLineIsKept) {
  std::string s = std::string(10, 'a') + "\n" + std::string(11, 'b') + "\n";
  Split sp = split(s, 4, 10, 3);
  EXPECT_EQ(sp.lines, naive_lines(s, 10));
  EXPECT_FALSE(sp.lines[0].too_long);
  EXPECT_TRUE(sp.lines[1].too_long);
}

// Random streams over an alphabet rich in terminators; every combination of
// chunk size, line limit and read piece size must give the naive answer.
TEST(ChunkReader, MatchesNaiveSplitterOnRandomInput) {
  std::mt19937 rng(42);
  const char alphabet[] = {'a', 'b', '\n', '\n', '\r', '\0', ' '};
  for (int round = 0; round < 400; ++round) {
    size_t len = rng() % 300;
    std::string s;
    for (size_t i = 0; i < len; ++i) {
      // Occasional long runs without a newline make over-long lines.
      if (rng() % 40 == 0) s.append(rng() % 80, 'L');
      s.push_back(alphabet[rng() % sizeof alphabet]);
    }
    const size_t chunk_bytes = 1 + rng() % 64;
    const size_t max_line = 1 + rng() % 40;
    const size_t max_piece = 1 + rng() % 100;
    SCOPED_TRACE(::testing::Message() << "round " << round << " chunk " << chunk_bytes << " max_line "
                                    << max_line << " piece " << max_piece);
    Split sp = split(s, chunk_bytes, max_line, max_piece, static_cast<uint32_t>(round));
    ASSERT_EQ(sp.lines, naive_lines(s, max_line));
    expect_chunk_invariants(sp, s, chunk_bytes, max_line);
    // The same stream in one huge chunk gives the same lines.
    ASSERT_EQ(split(s, 1 << 20, max_line, 1 << 20).lines, sp.lines);
  }
}

TEST(ChunkReader, ReadsThroughARealCompressedSource) {
  alcor::testing::TempDir dir;
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "10.0.0." + std::to_string(i % 256) + " line " + std::to_string(i) + "\r\n";
  alcor::testing::write_file(dir / "log", text);
  ASSERT_EQ(alcor::testing::run_command("gzip -n '" + (dir / "log").string() + "'"), 0);
  std::string error;
  std::unique_ptr<SourceReader> src = SourceReader::open((dir / "log.gz").string(), &error);
  ASSERT_NE(src, nullptr) << error;
  ChunkReader reader(*src, 64 << 10, 1 << 10);
  std::vector<SeenLine> lines;
  TextChunk chunk;
  while (reader.next(&chunk)) {
    for_each_line(chunk, [&](const Line& l) {
      lines.push_back({std::string(l.text), l.number, l.offset, l.had_cr, l.too_long});
    });
  }
  EXPECT_EQ(src->error(), "");
  EXPECT_EQ(lines, naive_lines(text, 1 << 10));
}

}  // namespace
}  // namespace alcor
