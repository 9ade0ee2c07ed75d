// RandomAccessReader against files written by the real gzip/zstd/bzip2/xz
// tools: every byte it returns must equal the fully decoded stream, wherever
// the fetch starts (access points, member and frame boundaries, line starts,
// random offsets), and a changed file or a damaged access index must be
// refused, never answered.
#include "parsers/random_access_reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "parsers/access_index.h"
#include "parsers/source_reader.h"
#include "tests/test_support.h"

namespace alcor {
namespace {

using ::alcor::testing::run_command;
using ::alcor::testing::TempDir;
using ::alcor::testing::write_file;
namespace fs = std::filesystem;

// Access-log text with the mix that matters for deflate: repeated fields
// (long back-references) and random ones (literals), lines of varying length.
std::string access_log(size_t bytes, uint32_t seed) {
  static const char* kAgents[] = {"curl/8.4.0", "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101",
                                  "Googlebot/2.1 (+http://www.google.com/bot.html)", "-"};
  std::mt19937 rng(seed);
  std::string out;
  char line[512];
  for (uint64_t i = 0; out.size() < bytes; ++i) {
    std::string path(rng() % 120, 'a' + static_cast<char>(rng() % 26));
    int n = snprintf(line, sizeof line, "2001:db8::%x - - [27/Nov/2026:08:%02u:%02u +0000] \"GET /%s?q=%u HTTP/1.1\" %u %u \"%s\"\n",
                     static_cast<unsigned>(rng() % 4096), static_cast<unsigned>(i / 600 % 60),
                     static_cast<unsigned>(i / 10 % 60), path.c_str(), static_cast<unsigned>(rng()),
                     rng() % 5 ? 200u : 404u, static_cast<unsigned>(rng() % 90000), kAgents[rng() % 4]);
    out.append(line, static_cast<size_t>(n));
  }
  return out;
}

std::vector<uint64_t> line_starts(const std::string& text) {
  std::vector<uint64_t> starts{0};
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && i + 1 < text.size()) starts.push_back(i + 1);
  }
  return starts;
}

// A source file with its decoded text and where its parts (members, frames)
// begin in the decoded stream.
struct Source {
  fs::path path;
  std::string text;
  std::vector<uint64_t> part_starts;
};

// Compresses `text` with `tool` (e.g. "gzip -9"), as `parts` pieces
// concatenated: several gzip members or zstd frames.
Source make_source(const TempDir& dir, const std::string& name, const std::string& tool, std::string text,
                   size_t parts = 1) {
  Source s{dir / name, std::move(text), {}};
  const fs::path piece = dir / (name + ".piece");
  write_file(s.path, "");
  for (size_t i = 0; i < parts; ++i) {
    const size_t begin = s.text.size() * i / parts;
    const size_t end = s.text.size() * (i + 1) / parts;
    s.part_starts.push_back(begin);
    write_file(piece, std::string_view(s.text).substr(begin, end - begin));
    std::string cmd = tool.empty() ? "cat '" + piece.string() + "'" : tool + " -c '" + piece.string() + "'";
    std::string err;
    EXPECT_EQ(run_command(cmd + " >> '" + s.path.string() + "'", nullptr, &err), 0) << err;
  }
  fs::remove(piece);
  return s;
}

// The ingest pass: reads the whole file with capture on, as ChunkReader
// would, and checks that capture changes nothing about the decoded bytes.
AccessIndex index_source(const Source& s, uint64_t spacing, size_t read_size = size_t{1} << 20) {
  std::string error;
  std::unique_ptr<SourceReader> r = SourceReader::open(s.path.string(), &error);
  EXPECT_NE(r, nullptr) << error;
  if (!r) return {};
  r->set_access_point_spacing(spacing);
  std::string decoded, buf(read_size, '\0');
  while (size_t n = r->read(buf.data(), buf.size())) decoded.append(buf.data(), n);
  EXPECT_EQ(r->error(), "");
  EXPECT_TRUE(decoded == s.text) << "capture changed the decoded stream of " << s.path;
  AccessIndex index = r->take_access_index();
  // What the index layer will store is the blob, so test through it.
  std::optional<AccessIndex> parsed = AccessIndex::parse(index.serialize(), &error);
  EXPECT_TRUE(parsed.has_value()) << error;
  return parsed ? std::move(*parsed) : AccessIndex{};
}

std::unique_ptr<RandomAccessReader> open_reader(const Source& s, AccessIndex index) {
  std::string error;
  std::unique_ptr<RandomAccessReader> r = RandomAccessReader::open(s.path.string(), std::move(index), &error);
  EXPECT_NE(r, nullptr) << error;
  return r;
}

void expect_read_at(RandomAccessReader& r, const Source& s, uint64_t offset, size_t len) {
  std::string got, error;
  ASSERT_TRUE(r.read_at(offset, len, &got, &error)) << error << " at " << offset;
  ASSERT_TRUE(got == s.text.substr(offset, len)) << "wrong bytes at offset " << offset << " len " << len;
}

void expect_line(RandomAccessReader& r, const Source& s, uint64_t offset) {
  std::string got, error;
  ASSERT_TRUE(r.read_line(offset, &got, &error)) << error << " at " << offset;
  size_t nl = s.text.find('\n', offset);
  ASSERT_EQ(got, s.text.substr(offset, nl == std::string::npos ? std::string::npos : nl - offset))
      << "wrong line at offset " << offset;
}

// Random offsets in random order, so the reader both reuses its decoder and
// restarts from access points.
void expect_random_reads(RandomAccessReader& r, const Source& s, int count, uint32_t seed) {
  std::mt19937_64 rng(seed);
  const std::vector<uint64_t> starts = line_starts(s.text);
  for (int i = 0; i < count; ++i) {
    expect_read_at(r, s, rng() % (s.text.size() + 1), rng() % 20000);
    expect_line(r, s, starts[rng() % starts.size()]);
    expect_line(r, s, rng() % s.text.size());  // mid-line: up to its end
  }
}

// Reads that start exactly at, and just around, every access point and every
// member/frame boundary.
void expect_boundary_reads(RandomAccessReader& r, const Source& s) {
  std::vector<uint64_t> offsets = s.part_starts;
  for (const AccessPoint& p : r.index().points) offsets.push_back(p.decoded_offset);
  for (uint64_t at : offsets) {
    for (uint64_t back : {0, 1, 100, 40000}) {
      if (back <= at) expect_read_at(r, s, at - back, back + 5000);
    }
    expect_read_at(r, s, at, 1);
  }
}

struct Variant {
  const char* name;
  const char* tool;
  size_t parts;
  Compression compression;
  // Formats without inner access points decode every fetch from the start
  // (of the file or frame): a smaller file keeps the test quick.
  size_t text_bytes = size_t{6} << 20;
};

class RandomAccessTest : public ::testing::TestWithParam<Variant> {};

TEST_P(RandomAccessTest, MatchesFullDecodeAtRandomOffsets) {
  const Variant& v = GetParam();
  TempDir dir;
  Source s = make_source(dir, "access.log", v.tool, access_log(v.text_bytes, 11), v.parts);
  AccessIndex index = index_source(s, size_t{512} << 10);
  ASSERT_EQ(index.compression, v.compression);
  ASSERT_EQ(index.decoded_bytes, s.text.size());
  std::unique_ptr<RandomAccessReader> r = open_reader(s, std::move(index));
  ASSERT_NE(r, nullptr);
  expect_random_reads(*r, s, v.text_bytes >> 20 >= 6 ? 300 : 30, 5);
  expect_boundary_reads(*r, s);
  // From every point to the end: the resumed decoder reaches each member's
  // trailer, where ISA-L checks the CRC32 and length of the whole member
  // against the state it resumed from.
  for (const AccessPoint& p : r->index().points) {
    expect_read_at(*r, s, p.decoded_offset, s.text.size() - p.decoded_offset);
  }
  std::string error;
  EXPECT_TRUE(r->verify_sha256(&error)) << error;
}

TEST_P(RandomAccessTest, EveryLineOfASmallFile) {
  const Variant& v = GetParam();
  TempDir dir;
  Source s = make_source(dir, "small.log", v.tool, access_log(300 << 10, 3), v.parts);
  // Small reads and a small spacing: many points, each line near one.
  std::unique_ptr<RandomAccessReader> r = open_reader(s, index_source(s, 20000, 7000));
  ASSERT_NE(r, nullptr);
  for (uint64_t start : line_starts(s.text)) expect_line(*r, s, start);
  // Descending: every fetch restarts from a point.
  const std::vector<uint64_t> starts = line_starts(s.text);
  for (size_t i = starts.size(); i > 0; i -= std::min<size_t>(i, 7)) expect_line(*r, s, starts[i - 1]);
}

INSTANTIATE_TEST_SUITE_P(
    Tools, RandomAccessTest,
    ::testing::Values(Variant{"gzip1", "gzip -1 -n", 1, Compression::kGzip},
                      Variant{"gzip9", "gzip -9 -n", 1, Compression::kGzip},
                      Variant{"gzip6_members", "gzip -6", 7, Compression::kGzip},
                      Variant{"gzip1_members", "gzip -1", 3, Compression::kGzip},
                      Variant{"zstd", "zstd -q -3", 1, Compression::kZstd, size_t{2} << 20},
                      Variant{"zstd_frames", "zstd -q -19", 9, Compression::kZstd},
                      Variant{"plain", "", 1, Compression::kPlain},
                      Variant{"bzip2", "bzip2", 1, Compression::kBzip2, size_t{1} << 19},
                      Variant{"xz_streams", "xz", 2, Compression::kXz, size_t{1} << 19}),
    [](const ::testing::TestParamInfo<Variant>& info) { return info.param.name; });

// The real sample logs (gzip, zstd, plain), every line, through a small
// spacing so that many lines start near a point.
TEST(RandomAccessRealData, EveryLineOfTheSamples) {
  fs::path real = alcor::testing::shared_real_dir();
  if (real.empty()) GTEST_SKIP() << "../shared/data/real is absent";
  int checked = 0;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(real)) {
    if (!e.is_regular_file() || e.path().filename() == "SOURCE.md") continue;
    SCOPED_TRACE(e.path().string());
    Source s{e.path(), "", {}};
    std::string error;
    std::unique_ptr<SourceReader> full = SourceReader::open(s.path.string(), &error);
    ASSERT_NE(full, nullptr) << error;
    std::string buf(1 << 16, '\0');
    while (size_t n = full->read(buf.data(), buf.size())) s.text.append(buf.data(), n);
    if (!full->error().empty() || s.text.empty()) continue;  // damage is source_reader_test's subject
    std::unique_ptr<RandomAccessReader> r = open_reader(s, index_source(s, 8192, 5000));
    ASSERT_NE(r, nullptr);
    for (uint64_t start : line_starts(s.text)) expect_line(*r, s, start);
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

size_t count_states(const AccessIndex& index) {
  return static_cast<size_t>(std::count_if(index.points.begin(), index.points.end(),
                                           [](const AccessPoint& p) { return !p.state.empty(); }));
}

TEST(AccessIndexCapture, PointsFollowTheFormat) {
  TempDir dir;
  const std::string text = access_log(size_t{4} << 20, 21);
  const uint64_t spacing = size_t{256} << 10;

  AccessIndex gz = index_source(make_source(dir, "a.gz", "gzip -6", text), spacing);
  // One member: all points but the first are snapshots, about `spacing` apart.
  EXPECT_GE(gz.points.size(), text.size() / spacing - 1);
  EXPECT_EQ(count_states(gz), gz.points.size() - 1);
  EXPECT_FALSE(gz.decoder_format.empty());
  for (size_t i = 1; i < gz.points.size(); ++i) {
    EXPECT_GE(gz.points[i].decoded_offset - gz.points[i - 1].decoded_offset, spacing);
  }

  // A member start where a point is due is a point without state, even when
  // the member before ends exactly there. Four members of exactly `member`
  // bytes with that spacing: no snapshot at all.
  const std::string even = text.substr(0, text.size() / 4 * 4);
  Source members = make_source(dir, "m.gz", "gzip -6", even, 4);
  const uint64_t member = even.size() / 4;
  AccessIndex gzm = index_source(members, member);
  ASSERT_EQ(gzm.points.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(gzm.points[i].decoded_offset, members.part_starts[i]);
    EXPECT_TRUE(gzm.points[i].state.empty());
  }
  EXPECT_TRUE(gzm.decoder_format.empty());

  // zstd: frame starts only. One frame is one point, decoding from the start.
  AccessIndex zst1 = index_source(make_source(dir, "a.zst", "zstd -q", text), spacing);
  EXPECT_EQ(zst1.points.size(), 1u);
  Source frames = make_source(dir, "f.zst", "zstd -q", text, 5);
  AccessIndex zst5 = index_source(frames, 1);
  ASSERT_EQ(zst5.points.size(), 5u);
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(zst5.points[i].decoded_offset, frames.part_starts[i]);
  EXPECT_EQ(count_states(zst5), 0u);
  EXPECT_TRUE(zst5.decoder_format.empty());

  AccessIndex plain = index_source(make_source(dir, "a.log", "", text), spacing);
  EXPECT_EQ(plain.points.size(), 1u);
}

TEST(AccessIndexCapture, NoPointsUnlessAsked) {
  TempDir dir;
  Source s = make_source(dir, "a.gz", "gzip", access_log(100000, 1));
  std::string error;
  std::unique_ptr<SourceReader> r = SourceReader::open(s.path.string(), &error);
  ASSERT_NE(r, nullptr) << error;
  std::string buf(1 << 16, '\0');
  while (r->read(buf.data(), buf.size()) > 0) {
  }
  EXPECT_TRUE(r->take_access_index().points.empty());
  EXPECT_EQ(RandomAccessReader::open(s.path.string(), AccessIndex{}, &error), nullptr);
}

class RandomAccessGzipTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_ = make_source(dir_, "access.log.gz", "gzip -6 -n", access_log(size_t{3} << 20, 8), 2);
    index_ = index_source(source_, size_t{128} << 10);
    ASSERT_GT(count_states(index_), 4u);
  }

  TempDir dir_;
  Source source_;
  AccessIndex index_;
};

// A snapshot written by another ISA-L build is not restored: the reader
// decodes from the member start instead, and the bytes are still right.
TEST_F(RandomAccessGzipTest, ForeignDecoderFormatFallsBackToMemberStarts) {
  index_.decoder_format = "isa-l 0.0.0 from elsewhere";
  std::unique_ptr<RandomAccessReader> r = open_reader(source_, index_);
  ASSERT_NE(r, nullptr);
  expect_random_reads(*r, source_, 40, 9);
}

// A snapshot that restores but decodes differently (here: the state of
// another point) fails its probe and is skipped, never believed.
TEST_F(RandomAccessGzipTest, SnapshotThatDoesNotReproduceTheProbeIsSkipped) {
  for (size_t i = 2; i < index_.points.size(); ++i) {
    if (!index_.points[i].state.empty() && !index_.points[i - 1].state.empty()) {
      index_.points[i].state = index_.points[i - 1].state;
    }
  }
  std::unique_ptr<RandomAccessReader> r = open_reader(source_, index_);
  ASSERT_NE(r, nullptr);
  expect_random_reads(*r, source_, 40, 10);
  expect_boundary_reads(*r, source_);
}

TEST_F(RandomAccessGzipTest, GarbageSnapshotIsSkipped) {
  for (AccessPoint& p : index_.points) {
    if (!p.state.empty()) p.state = "not a zstd frame";
  }
  std::unique_ptr<RandomAccessReader> r = open_reader(source_, index_);
  ASSERT_NE(r, nullptr);
  expect_random_reads(*r, source_, 20, 12);
}

TEST_F(RandomAccessGzipTest, ModifiedFileIsRefused) {
  // Same size, new mtime.
  fs::last_write_time(source_.path, fs::last_write_time(source_.path) + std::chrono::seconds(1));
  std::string error;
  EXPECT_EQ(RandomAccessReader::open(source_.path.string(), index_, &error), nullptr);
  EXPECT_NE(error.find("source changed since indexed"), std::string::npos) << error;

  // Appended to: new size.
  TempDir other;
  Source grown = make_source(other, "grown.log", "", access_log(50000, 2));
  AccessIndex grown_index = index_source(grown, 4096);
  ASSERT_EQ(run_command("echo more >> '" + grown.path.string() + "'"), 0);
  EXPECT_EQ(RandomAccessReader::open(grown.path.string(), grown_index, &error), nullptr);
  EXPECT_NE(error.find("source changed since indexed"), std::string::npos) << error;
}

// Content replaced under the same size and mtime: the probes catch it at
// read time, verify_sha256() catches it on demand.
TEST_F(RandomAccessGzipTest, ReplacedContentWithSameSizeAndMtimeIsCaught) {
  struct stat before;
  ASSERT_EQ(::stat(source_.path.c_str(), &before), 0);
  const std::string original = alcor::testing::read_file(source_.path);
  // Swapping two digits keeps the compressed size for most choices; try a
  // few.
  std::string changed_text;
  for (size_t at = 1000; at < 1100 && changed_text.empty(); ++at) {
    std::string t = source_.text;
    size_t d = t.find_first_of("0123456789", at);
    t[d] = t[d] == '9' ? '8' : static_cast<char>(t[d] + 1);
    Source candidate = make_source(dir_, "candidate.gz", "gzip -6 -n", t, 2);
    if (fs::file_size(candidate.path) == original.size()) {
      fs::rename(candidate.path, source_.path);
      changed_text = t;
    }
  }
  if (changed_text.empty()) GTEST_SKIP() << "no same-size variant found";
  struct timespec times[2] = {before.st_atim, before.st_mtim};
  ASSERT_EQ(utimensat(AT_FDCWD, source_.path.c_str(), times, 0), 0);

  std::unique_ptr<RandomAccessReader> r = open_reader(source_, index_);
  ASSERT_NE(r, nullptr);
  std::string got, error;
  EXPECT_FALSE(r->read_at(500, 100, &got, &error));
  EXPECT_NE(error.find("source changed since indexed"), std::string::npos) << error;
  EXPECT_FALSE(r->verify_sha256(&error));
  EXPECT_NE(error.find("SHA-256"), std::string::npos) << error;
}

TEST_F(RandomAccessGzipTest, OffsetsPastTheEnd) {
  std::unique_ptr<RandomAccessReader> r = open_reader(source_, index_);
  ASSERT_NE(r, nullptr);
  std::string got, error;
  EXPECT_TRUE(r->read_at(source_.text.size(), 10, &got, &error)) << error;
  EXPECT_EQ(got, "");
  EXPECT_TRUE(r->read_at(source_.text.size() - 3, 10, &got, &error)) << error;
  EXPECT_EQ(got, source_.text.substr(source_.text.size() - 3));
  EXPECT_FALSE(r->read_at(source_.text.size() + 1, 1, &got, &error));
  EXPECT_NE(error.find("past the end"), std::string::npos) << error;
}

TEST_F(RandomAccessGzipTest, DamagedBlobIsRejected) {
  const std::string blob = index_.serialize();
  std::string error;
  ASSERT_TRUE(AccessIndex::parse(blob, &error).has_value()) << error;
  EXPECT_FALSE(AccessIndex::parse("", &error).has_value());
  std::mt19937 rng(4);
  for (int i = 0; i < 2000; ++i) {
    std::string bad = blob;
    bad[rng() % bad.size()] ^= static_cast<char>(1 + rng() % 255);
    EXPECT_FALSE(AccessIndex::parse(bad, &error).has_value());
    EXPECT_NE(error.find("access index rejected"), std::string::npos);
  }
  for (size_t len = 0; len < blob.size(); len += 1 + len / 3) {
    EXPECT_FALSE(AccessIndex::parse(blob.substr(0, len), &error).has_value());
  }
  EXPECT_FALSE(AccessIndex::parse(blob + "x", &error).has_value());
}

}  // namespace
}  // namespace alcor
