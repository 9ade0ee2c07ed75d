#include "parsers/line_splitter.h"

#include <gtest/gtest.h>

#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <utility>
#include <random>
#include <sstream>
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


// zstd frames of `text` cut at `cuts` (ascending offsets), frame i with
// window 2^window_logs[i] and a checksum, and a skippable frame after the
// first: what decoding in place has to walk.
std::string zstd_frames(const std::string& text, const std::vector<size_t>& cuts, const std::vector<int>& window_logs) {
  std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> cctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
  std::string out;
  size_t from = 0;
  for (size_t i = 0; i <= cuts.size(); ++i) {
    const size_t to = i < cuts.size() ? cuts[i] : text.size();
    ZSTD_CCtx_reset(cctx.get(), ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, 3);
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_windowLog, window_logs[i]);
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
    // Without the size up front the frame keeps its window (a frame that
    // states a size smaller than its window gets a window of that size).
    ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_contentSizeFlag, 0);
    std::string frame(ZSTD_compressBound(to - from), '\0');
    ZSTD_inBuffer in{text.data() + from, to - from, 0};
    ZSTD_outBuffer o{frame.data(), frame.size(), 0};
    size_t left;
    do {
      left = ZSTD_compressStream2(cctx.get(), &o, &in, ZSTD_e_end);
      EXPECT_FALSE(ZSTD_isError(left));
    } while (left != 0 && !ZSTD_isError(left));
    out.append(frame.data(), o.pos);
    if (i == 0) out += std::string({'\x50', '\x2a', '\x4d', '\x18', 3, 0, 0, 0, 'a', 'b', 'c'});  // skippable
    from = to;
  }
  return out;
}

// Lines of pseudo-random lengths, some CRLF, some empty, and `long_lines`
// longer than `max_line` (some spanning several chunks).
std::string log_text(size_t bytes, size_t max_line, size_t chunk_bytes, int long_lines, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s;
  std::vector<size_t> long_at;
  for (int i = 0; i < long_lines; ++i) long_at.push_back(rng() % bytes);
  std::sort(long_at.begin(), long_at.end());
  size_t next_long = 0;
  for (uint64_t n = 0; s.size() < bytes; ++n) {
    size_t len = rng() % 200;
    if (next_long < long_at.size() && s.size() >= long_at[next_long]) {
      len = max_line + 1 + rng() % (3 * chunk_bytes);
      ++next_long;
    }
    for (size_t i = 0; i < len; ++i) s += static_cast<char>('a' + (n + i * 7) % 26);
    if (rng() % 20 == 0) s += '\r';
    s += '\n';
  }
  if (seed % 2 == 1) s += "no newline at the end";
  return s;
}

// "" when equal, else where the first difference is (the vectors are too
// long to print).
std::string first_difference(const std::vector<SeenLine>& got, const std::vector<SeenLine>& want) {
  for (size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
    if (!(got[i] == want[i])) {
      std::ostringstream os;
      os << "line " << i << ": got #" << got[i].number << " @" << got[i].offset << " (" << got[i].text.size()
         << " bytes), want #" << want[i].number << " @" << want[i].offset << " (" << want[i].text.size() << " bytes)";
      return os.str();
    }
  }
  if (got.size() != want.size()) return std::to_string(got.size()) + " lines, want " + std::to_string(want.size());
  return "";
}

struct KeptRead {
  std::vector<SeenLine> lines;
  bool in_place_at_start = false;
  bool in_place_at_end = false;
  std::string error;
};

// Reads `path` as the ingest pipeline does with keeps_last_chunk: a
// chunk's buffer comes back for a later chunk, scribbled over first, once
// the chunk after it has been read (or, `reuse_last_at_once`, right away:
// breaking the promise).
KeptRead read_keeping_last_chunk(const std::string& path, size_t chunk_bytes, size_t max_line,
                                 bool reuse_last_at_once = false) {
  KeptRead out;
  std::string error;
  std::unique_ptr<SourceReader> src = SourceReader::open(path, &error);
  EXPECT_NE(src, nullptr) << error;
  if (!src) return out;
  ChunkReader reader(*src, chunk_bytes, max_line, /*keeps_last_chunk=*/true);
  out.in_place_at_start = reader.in_place();
  std::vector<ByteBuffer> spare;
  std::optional<ByteBuffer> last;
  for (;;) {
    TextChunk chunk;
    if (reuse_last_at_once && last) spare.push_back(std::move(*std::exchange(last, std::nullopt)));
    if (!spare.empty()) {
      chunk.data = std::move(spare.back());
      spare.pop_back();
      chunk.data.resize_for_overwrite(chunk_bytes);
      std::memset(chunk.data.data(), '#', chunk_bytes);
    }
    if (!reader.next(&chunk)) break;
    for_each_line(chunk, [&](const Line& l) {
      out.lines.push_back({std::string(l.text), l.number, l.offset, l.had_cr, l.too_long});
    });
    if (last) spare.push_back(std::move(*last));
    last = std::move(chunk.data);
  }
  out.in_place_at_end = reader.in_place();
  out.error = src->error();
  return out;
}

constexpr size_t kInPlaceChunk = 512 << 10;
constexpr size_t kInPlaceMaxLine = 64 << 10;  // runs of at least 320 KiB

TEST(ChunkReaderInPlace, ZstdFramesDecodedIntoTheChunksGiveTheSameLines) {
  alcor::testing::TempDir dir;
  for (uint32_t seed = 0; seed < 4; ++seed) {
    const std::string text = log_text(3 << 20, kInPlaceMaxLine, kInPlaceChunk, 0, seed);
    // 128 KiB and 256 KiB windows fit the runs and are decoded in place; the
    // 1 MiB one does not and is streamed.
    const std::string zst = zstd_frames(text, {text.size() / 3, 2 * text.size() / 3}, {17, 20, 18});
    alcor::testing::write_file(dir / "log.zst", zst);
    KeptRead r = read_keeping_last_chunk((dir / "log.zst").string(), kInPlaceChunk, kInPlaceMaxLine);
    EXPECT_EQ(r.error, "");
    EXPECT_TRUE(r.in_place_at_start);
    EXPECT_TRUE(r.in_place_at_end);
    ASSERT_EQ(first_difference(r.lines, naive_lines(text, kInPlaceMaxLine)), "") << "seed " << seed;
  }
}

TEST(ChunkReaderInPlace, AnOverLongLineEndsDecodingInPlaceWithTheSameLines) {
  alcor::testing::TempDir dir;
  for (uint32_t seed = 0; seed < 6; ++seed) {
    const std::string text = log_text(3 << 20, kInPlaceMaxLine, kInPlaceChunk, 1 + seed % 3, seed);
    // The over-long line falls in an in-place frame or in the streamed one:
    // the in-place frame so far is decoded again from the file.
    const std::string zst = zstd_frames(text, {text.size() / 2}, {seed % 2 == 0 ? 17 : 22, 17});
    alcor::testing::write_file(dir / "log.zst", zst);
    KeptRead r = read_keeping_last_chunk((dir / "log.zst").string(), kInPlaceChunk, kInPlaceMaxLine);
    EXPECT_EQ(r.error, "");
    EXPECT_FALSE(r.in_place_at_end);
    ASSERT_EQ(first_difference(r.lines, naive_lines(text, kInPlaceMaxLine)), "") << "seed " << seed;
  }
}

TEST(ChunkReaderInPlace, DamageInAnInPlaceFrameIsReported) {
  alcor::testing::TempDir dir;
  const std::string text = log_text(2 << 20, kInPlaceMaxLine, kInPlaceChunk, 0, 2);
  const std::string zst = zstd_frames(text, {}, {17});
  alcor::testing::write_file(dir / "cut.zst", zst.substr(0, zst.size() / 2));
  KeptRead cut = read_keeping_last_chunk((dir / "cut.zst").string(), kInPlaceChunk, kInPlaceMaxLine);
  EXPECT_NE(cut.error.find("truncated zstd stream"), std::string::npos) << cut.error;
  const std::vector<SeenLine> all = naive_lines(text, kInPlaceMaxLine);
  ASSERT_GT(cut.lines.size(), 1u);
  ASSERT_LT(cut.lines.size(), all.size());
  // Every line before the damage is whole; the last one may be cut by it.
  const size_t whole = cut.lines.size() - 1;
  EXPECT_EQ(first_difference(std::vector<SeenLine>(cut.lines.begin(), cut.lines.begin() + whole),
                             std::vector<SeenLine>(all.begin(), all.begin() + whole)),
            "");

  std::string flipped = zst;
  flipped[flipped.size() * 3 / 4] ^= 0x55;
  alcor::testing::write_file(dir / "flipped.zst", flipped);
  KeptRead bad = read_keeping_last_chunk((dir / "flipped.zst").string(), kInPlaceChunk, kInPlaceMaxLine);
  EXPECT_NE(bad.error.find("corrupt zstd data"), std::string::npos) << bad.error;
}

// Why the pipeline holds each chunk's buffer until the next chunk is read:
// the chunk is the window the next one is decoded from.
TEST(ChunkReaderInPlace, ReusingTheLastChunkAtOnceBreaksDecoding) {
  alcor::testing::TempDir dir;
  const std::string text = log_text(3 << 20, kInPlaceMaxLine, kInPlaceChunk, 0, 4);
  alcor::testing::write_file(dir / "log.zst", zstd_frames(text, {}, {17}));
  KeptRead r = read_keeping_last_chunk((dir / "log.zst").string(), kInPlaceChunk, kInPlaceMaxLine,
                                       /*reuse_last_at_once=*/true);
  EXPECT_TRUE(r.error != "" || first_difference(r.lines, naive_lines(text, kInPlaceMaxLine)) != "");
}

TEST(ChunkReaderInPlace, OtherSourcesAndSmallChunksAreNotDecodedInPlace) {
  alcor::testing::TempDir dir;
  const std::string text = log_text(1 << 20, kInPlaceMaxLine, kInPlaceChunk, 0, 0);
  alcor::testing::write_file(dir / "log", text);
  alcor::testing::write_file(dir / "log.zst", zstd_frames(text, {}, {17}));
  std::string error;
  std::unique_ptr<SourceReader> plain = SourceReader::open((dir / "log").string(), &error);
  ASSERT_NE(plain, nullptr) << error;
  EXPECT_FALSE(ChunkReader(*plain, kInPlaceChunk, kInPlaceMaxLine, true).in_place());
  std::unique_ptr<SourceReader> zst = SourceReader::open((dir / "log.zst").string(), &error);
  ASSERT_NE(zst, nullptr) << error;
  // A chunk must hold a carried line and a whole read besides a window.
  EXPECT_FALSE(ChunkReader(*zst, 2 * kInPlaceMaxLine, kInPlaceMaxLine, true).in_place());
  EXPECT_FALSE(ChunkReader(*zst, kInPlaceChunk, kInPlaceMaxLine, false).in_place());
}

}  // namespace
}  // namespace alcor
