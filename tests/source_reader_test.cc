#include "parsers/source_reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include "tests/test_support.h"

namespace alcor {
namespace {

using ::alcor::testing::run_command;
using ::alcor::testing::TempDir;
using ::alcor::testing::write_file;
namespace fs = std::filesystem;

// Access-log-like text with enough randomness that gzip output spans
// several of StoredInput's 1 MiB reads.
std::string log_text(size_t lines, uint32_t seed) {
  std::mt19937 rng(seed);
  auto below = [&rng](uint32_t n) { return static_cast<unsigned>(rng() % n); };
  std::string out;
  char buf[256];
  for (size_t i = 0; i < lines; ++i) {
    snprintf(buf, sizeof buf,
             "%u.%u.%u.%u - - [27/Nov/2026:07:%02zu:%02zu +0000] \"GET /item/%08x%08x HTTP/1.1\" %u %u\n",
             below(256), below(256), below(256), below(256), i / 60 % 60, i % 60, below(UINT32_MAX),
             below(UINT32_MAX), 200 + below(300), below(100000));
    out += buf;
  }
  return out;
}

struct Decoded {
  std::string data;
  std::string error;
  std::string sha256;
  uint64_t stored_bytes = 0;
  Compression compression = Compression::kPlain;
};

Decoded read_all(const std::string& path, size_t buf_size = 1 << 16) {
  std::string open_error;
  std::unique_ptr<SourceReader> r = SourceReader::open(path, &open_error);
  EXPECT_NE(r, nullptr) << open_error;
  Decoded d;
  if (!r) return d;
  std::string buf(buf_size, '\0');
  while (size_t n = r->read(buf.data(), buf.size())) d.data.append(buf.data(), n);
  EXPECT_EQ(r->read(buf.data(), buf.size()), 0u) << "read() after the end must stay at 0";
  d.error = r->error();
  d.sha256 = to_hex(r->sha256());
  d.stored_bytes = r->stored_bytes();
  d.compression = r->compression();
  return d;
}

std::string sha256sum(const fs::path& p) {
  std::string out;
  EXPECT_EQ(run_command("sha256sum '" + p.string() + "'", &out), 0);
  return out.substr(0, 64);
}

// Runs `tool` (e.g. "gzip -n") on `in`, writing its stdout to `out`.
void compress(const std::string& tool, const fs::path& in, const fs::path& out) {
  std::string err;
  ASSERT_EQ(run_command(tool + " -c '" + in.string() + "' > '" + out.string() + "'", nullptr, &err), 0) << err;
}

std::string read_bytes(const fs::path& p) { return alcor::testing::read_file(p); }

// Checks what every read must satisfy: the digest and size describe the
// whole stored file, whatever the decoder made of it.
void expect_stored_identity(const Decoded& d, const fs::path& p) {
  EXPECT_EQ(d.sha256, sha256sum(p));
  EXPECT_EQ(d.stored_bytes, fs::file_size(p));
}

class SourceReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    text_a_ = log_text(40000, 1);  // ~4 MiB, ~1.3 MiB gzipped
    text_b_ = log_text(3000, 2);
    write_file(dir_ / "a.log", text_a_);
    write_file(dir_ / "b.log", text_b_);
  }

  // Compresses a.log and b.log with `tool` and returns the two paths.
  std::pair<fs::path, fs::path> compressed_pair(const std::string& tool, const std::string& ext) {
    fs::path a = dir_ / ("a" + ext), b = dir_ / ("b" + ext);
    compress(tool, dir_ / "a.log", a);
    compress(tool, dir_ / "b.log", b);
    return {a, b};
  }

  fs::path write(const std::string& name, const std::string& bytes) {
    write_file(dir_ / name, bytes);
    return dir_ / name;
  }

  // Writes `bytes` as `name`, reads it and checks what damage must give: an
  // error starting with `error_prefix`, and a digest of the whole file.
  Decoded read_damaged(const std::string& name, const std::string& bytes, const std::string& error_prefix) {
    fs::path p = write(name, bytes);
    Decoded d = read_all(p.string());
    EXPECT_EQ(d.error.rfind(error_prefix, 0), 0u) << d.error;
    expect_stored_identity(d, p);
    return d;
  }

  // `bytes` with 64 bytes in the middle inverted.
  static std::string flip_middle(std::string bytes) {
    for (size_t i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i) bytes[i] = static_cast<char>(~bytes[i]);
    return bytes;
  }

  TempDir dir_;
  std::string text_a_, text_b_;
};

TEST_F(SourceReaderTest, PlainFile) {
  Decoded d = read_all((dir_ / "a.log").string());
  EXPECT_EQ(d.compression, Compression::kPlain);
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.data, text_a_);
  expect_stored_identity(d, dir_ / "a.log");
}

TEST_F(SourceReaderTest, EmptyFileIsAnEmptyPlainStream) {
  fs::path p = write("empty", "");
  Decoded d = read_all(p.string());
  EXPECT_EQ(d.compression, Compression::kPlain);
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.data, "");
  EXPECT_EQ(d.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  expect_stored_identity(d, p);
}

// What every compressed format must do, checked with the real CLI tools.
struct Format {
  const char* tool;  // compresses its file argument to stdout with -c
  const char* ext;
  Compression kind;
};

class CompressedFormatTest : public SourceReaderTest, public ::testing::WithParamInterface<Format> {};

TEST_P(CompressedFormatTest, SingleStream) {
  auto [a, b] = compressed_pair(GetParam().tool, GetParam().ext);
  Decoded d = read_all(a.string());
  EXPECT_EQ(d.compression, GetParam().kind);
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.data, text_a_);
  expect_stored_identity(d, a);
}

TEST_P(CompressedFormatTest, ConcatenatedStreamsDecodeOneAfterAnother) {
  auto [a, b] = compressed_pair(GetParam().tool, GetParam().ext);
  fs::path p = write(std::string("ab") + GetParam().ext, read_bytes(a) + read_bytes(b) + read_bytes(b));
  Decoded d = read_all(p.string(), 1000);
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.data, text_a_ + text_b_ + text_b_);
  expect_stored_identity(d, p);
}

TEST_P(CompressedFormatTest, TruncatedStreamIsDamage) {
  auto [a, b] = compressed_pair(GetParam().tool, GetParam().ext);
  std::string bytes = read_bytes(a);
  Decoded d = read_damaged(std::string("cut") + GetParam().ext, bytes.substr(0, bytes.size() * 2 / 3),
                           "truncated " + std::string(compression_name(GetParam().kind)) + " stream");
  EXPECT_NE(d.data.size(), 0u) << "data before the cut is still delivered";
  EXPECT_EQ(text_a_.compare(0, d.data.size(), d.data), 0) << "decoded bytes must be a prefix";
}

INSTANTIATE_TEST_SUITE_P(Tools, CompressedFormatTest,
                         // gzip without -n stores the file name and mtime in the header.
                         ::testing::Values(Format{"gzip", ".gz", Compression::kGzip},
                                           Format{"zstd -q", ".zst", Compression::kZstd},
                                           Format{"bzip2", ".bz2", Compression::kBzip2},
                                           Format{"xz", ".xz", Compression::kXz}),
                         [](const ::testing::TestParamInfo<Format>& info) {
                           return std::string(compression_name(info.param.kind));
                         });

TEST_F(SourceReaderTest, GzipTinyReadsGiveTheSameBytes) {
  // Output buffers smaller than any deflate block exercise ISA-L's
  // output-full paths and the member switch with pending output.
  auto [a, b] = compressed_pair("gzip -n", ".gz");
  fs::path both = write("ab.gz", read_bytes(b) + read_bytes(b));
  for (size_t cap : {1, 7, 4096}) {
    Decoded d = read_all(both.string(), cap);
    EXPECT_EQ(d.error, "") << cap;
    EXPECT_EQ(d.data, text_b_ + text_b_) << cap;
  }
}

TEST_F(SourceReaderTest, GzipEmptyMemberBetweenMembers) {
  auto [a, b] = compressed_pair("gzip -n", ".gz");
  fs::path empty = write("empty.log", "");
  compress("gzip -n", empty, dir_ / "empty.gz");
  fs::path p = write("aeb.gz", read_bytes(b) + read_bytes(dir_ / "empty.gz") + read_bytes(b));
  Decoded d = read_all(p.string());
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.data, text_b_ + text_b_);
}

TEST_F(SourceReaderTest, GzipTrailingGarbageKeepsDecodedData) {
  auto [a, b] = compressed_pair("gzip -n", ".gz");
  const std::string gz = read_bytes(b);
  const std::string expected = "trailing garbage after gzip member at stored offset " + std::to_string(gz.size());
  // Zero padding (left by preallocating copy tools) is named as such.
  for (auto [tail, what] : {std::pair<std::string, std::string>{"not gzip at all", " (15 bytes)"},
                            {std::string(4096, '\0'), " (4096 zero bytes of padding)"}}) {
    Decoded d = read_damaged("garbage.gz", gz + tail, expected);
    EXPECT_EQ(d.error, expected + what);
    EXPECT_EQ(d.data, text_b_);
  }
}

TEST_F(SourceReaderTest, GzipTruncated) {
  auto [a, b] = compressed_pair("gzip -n", ".gz");
  std::string gz = read_bytes(a);
  // Cut inside the deflate data, inside the trailer, and after one byte of
  // a second member's magic.
  for (std::string cut : {gz.substr(0, gz.size() / 2), gz.substr(0, gz.size() - 3), gz + "\x1f"}) {
    Decoded d = read_damaged("cut.gz", cut, "truncated gzip stream");
    EXPECT_EQ(text_a_.compare(0, d.data.size(), d.data), 0) << "decoded bytes must be a prefix";
  }
}

TEST_F(SourceReaderTest, GzipCorruptDeflateNamesTheOffset) {
  auto [a, b] = compressed_pair("gzip -n", ".gz");
  std::string gz = read_bytes(a);
  // Depending on what the flipped bits decode to, ISA-L meets an invalid
  // code or only the CRC check fails; either way the member is named, and
  // the damage is not reported before the flipped bytes.
  Decoded d = read_damaged("corrupt.gz", flip_middle(gz), "corrupt gzip data: ");
  const std::string near = "in member at stored offset 0 (stream offset 0), detected near stored offset ";
  size_t at = d.error.find(near);
  ASSERT_NE(at, std::string::npos) << d.error;
  EXPECT_GE(std::stoull(d.error.substr(at + near.size())), gz.size() / 2);
}

TEST_F(SourceReaderTest, GzipCrcMismatchIsDamage) {
  auto [a, b] = compressed_pair("gzip -n", ".gz");
  std::string gz = read_bytes(b);
  gz[gz.size() - 8] = static_cast<char>(gz[gz.size() - 8] ^ 1);  // CRC32 of the trailer
  read_damaged("crc.gz", gz, "corrupt gzip data: CRC32/length check of the member failed");
}

TEST_F(SourceReaderTest, ZstdSkippableFramesAreSkipped) {
  auto [a, b] = compressed_pair("zstd -q", ".zst");
  // Skippable frame: magic 0x184D2A5?, little-endian u32 size, payload.
  auto skippable = [](uint8_t nibble, const std::string& payload) {
    std::string f = {static_cast<char>(0x50 | nibble), 0x2a, 0x4d, 0x18};
    for (int i = 0; i < 4; ++i) f.push_back(static_cast<char>((payload.size() >> (8 * i)) & 0xff));
    return f + payload;
  };
  fs::path p = write("skip.zst", skippable(0xe, "seek table?") + read_bytes(b) + skippable(0, "") + read_bytes(b));
  Decoded d = read_all(p.string());
  EXPECT_EQ(d.compression, Compression::kZstd);
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.data, text_b_ + text_b_);
  expect_stored_identity(d, p);
}

TEST_F(SourceReaderTest, ZstdTruncated) {
  auto [a, b] = compressed_pair("zstd -q", ".zst");
  std::string zst = read_bytes(a);
  // Cut inside a block, and inside the frame's closing checksum.
  for (std::string cut : {zst.substr(0, zst.size() / 2), zst.substr(0, zst.size() - 1)}) {
    Decoded d = read_damaged("cut.zst", cut, "truncated zstd stream");
    EXPECT_EQ(text_a_.compare(0, d.data.size(), d.data), 0);
  }
}

TEST_F(SourceReaderTest, ZstdCorruptFrame) {
  auto [a, b] = compressed_pair("zstd -q", ".zst");
  Decoded d = read_damaged("corrupt.zst", flip_middle(read_bytes(a)), "corrupt zstd data: ");
  EXPECT_NE(d.error.find("detected at stored offset "), std::string::npos) << d.error;
}

TEST_F(SourceReaderTest, ZstdTrailingGarbage) {
  auto [a, b] = compressed_pair("zstd -q", ".zst");
  Decoded d = read_damaged("garbage.zst", read_bytes(b) + "garbage!", "corrupt zstd data: ");
  EXPECT_EQ(d.data, text_b_);
}

TEST_F(SourceReaderTest, DirectoryIsRefused) {
  std::string error;
  EXPECT_EQ(SourceReader::open(dir_.path().string(), &error), nullptr);
  EXPECT_EQ(error, "cannot open " + dir_.path().string() + ": Is a directory");
}

TEST_F(SourceReaderTest, MissingFileIsRefused) {
  std::string error;
  std::string path = (dir_ / "nope.log").string();
  EXPECT_EQ(SourceReader::open(path, &error), nullptr);
  EXPECT_EQ(error, "cannot open " + path + ": No such file or directory");
}

// A file written to while it is read (a live log, copytruncate rotation)
// must say so: the bytes read are no state the file had as a whole.
class ChangedWhileReadTest : public SourceReaderTest, public ::testing::WithParamInterface<const char*> {
 protected:
  // Opens a.log (plain) or a.gz, reads one buffer, runs `change` on the
  // path, reads on to the end.
  template <typename Change>
  std::unique_ptr<SourceReader> read_changing(Change change) {
    fs::path p = dir_ / "a.log";
    if (std::string(GetParam()) == "gzip") {
      compress("gzip -n", dir_ / "a.log", dir_ / "a.gz");
      p = dir_ / "a.gz";
    }
    std::string error;
    std::unique_ptr<SourceReader> r = SourceReader::open(p.string(), &error);
    EXPECT_NE(r, nullptr) << error;
    std::string buf(1 << 16, '\0');
    EXPECT_GT(r->read(buf.data(), buf.size()), 0u);
    change(p);
    while (r->read(buf.data(), buf.size()) > 0) {
    }
    return r;
  }
};

TEST_P(ChangedWhileReadTest, TruncatedUnderTheReader) {
  auto r = read_changing([](const fs::path& p) { fs::resize_file(p, fs::file_size(p) / 2); });
  EXPECT_TRUE(r->changed_while_read());
  EXPECT_NE(r->error().find("changed while being read"), std::string::npos) << r->error();
}

TEST_P(ChangedWhileReadTest, AppendedUnderTheReader) {
  auto r = read_changing([](const fs::path& p) {
    std::ofstream(p, std::ios::app) << "appended by the server\n";
  });
  EXPECT_TRUE(r->changed_while_read());
  EXPECT_NE(r->error().find("modified since it was opened"), std::string::npos) << r->error();
}

TEST_P(ChangedWhileReadTest, RenamedUnderTheReaderIsTheSameFile) {
  // logrotate's default: the open file keeps its bytes under a new name.
  auto r = read_changing([](const fs::path& p) { fs::rename(p, fs::path(p.string() + ".1")); });
  EXPECT_FALSE(r->changed_while_read());
  EXPECT_EQ(r->error(), "");
}

INSTANTIATE_TEST_SUITE_P(PlainAndGzip, ChangedWhileReadTest, ::testing::Values("plain", "gzip"));

// Points standard input at the read end of a pipe for the test's duration.
class StdinFromPipe {
 public:
  StdinFromPipe() {
    EXPECT_EQ(pipe(fds_), 0);
    saved_ = dup(STDIN_FILENO);
    dup2(fds_[0], STDIN_FILENO);
    close(fds_[0]);
  }
  ~StdinFromPipe() {
    dup2(saved_, STDIN_FILENO);
    close(saved_);
  }
  int write_end() const { return fds_[1]; }

 private:
  int fds_[2];
  int saved_;
};

TEST_F(SourceReaderTest, StdinGzipArrivingByteByByte) {
  auto [a, b] = compressed_pair("gzip -n", ".gz");
  std::string gz = read_bytes(b);
  StdinFromPipe stdin_pipe;
  // The first bytes come one write at a time, so detection must peek across
  // several short reads.
  std::thread writer([&gz, fd = stdin_pipe.write_end()] {
    for (size_t i = 0; i < 8; ++i) {
      EXPECT_EQ(::write(fd, gz.data() + i, 1), 1);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    for (size_t i = 8; i < gz.size();) {
      ssize_t n = ::write(fd, gz.data() + i, gz.size() - i);
      ASSERT_GT(n, 0);
      i += static_cast<size_t>(n);
    }
    close(fd);
  });
  Decoded d = read_all("-");
  writer.join();
  EXPECT_EQ(d.compression, Compression::kGzip);
  EXPECT_EQ(d.error, "");
  EXPECT_EQ(d.data, text_b_);
  expect_stored_identity(d, b);
}

// Every compressed real sample decodes to what the format's own CLI tool
// gives, and the digest matches sha256sum (rotated .gz files kept as found).
TEST(SourceReaderRealData, MatchesCliDecoders) {
  fs::path real = alcor::testing::shared_real_dir();
  if (real.empty()) GTEST_SKIP() << "../shared/data/real is absent";
  int checked = 0;
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(real)) {
    const std::string ext = e.path().extension().string();
    const char* tool = ext == ".gz" ? "gzip -dc" : ext == ".zst" ? "zstd -dcq" : nullptr;
    if (!e.is_regular_file() || tool == nullptr) continue;
    SCOPED_TRACE(e.path().string());
    std::string expected;
    ASSERT_EQ(run_command(std::string(tool) + " '" + e.path().string() + "'", &expected), 0);
    Decoded d = read_all(e.path().string());
    EXPECT_EQ(d.error, "");
    EXPECT_EQ(d.compression, ext == ".gz" ? Compression::kGzip : Compression::kZstd);
    EXPECT_TRUE(d.data == expected) << "decoded " << d.data.size() << " bytes, the tool " << expected.size();
    expect_stored_identity(d, e.path());
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

TEST(DetectCompression, MagicBytesOnly) {
  using std::string_literals::operator""s;
  EXPECT_EQ(detect_compression("\x1f\x8b\x08"s), Compression::kGzip);
  EXPECT_EQ(detect_compression("\x28\xb5\x2f\xfd"s), Compression::kZstd);
  EXPECT_EQ(detect_compression("\x50\x2a\x4d\x18"s), Compression::kZstd);
  EXPECT_EQ(detect_compression("\x5f\x2a\x4d\x18"s), Compression::kZstd);
  EXPECT_EQ(detect_compression("\x60\x2a\x4d\x18"s), Compression::kPlain);
  EXPECT_EQ(detect_compression("BZh9"s), Compression::kBzip2);
  EXPECT_EQ(detect_compression("BZh is a log line"s), Compression::kPlain);
  EXPECT_EQ(detect_compression("\xfd\x37\x7a\x58\x5a\x00"s), Compression::kXz);
  EXPECT_EQ(detect_compression("\xfd\x37\x7a\x58\x5a"s), Compression::kPlain);
  EXPECT_EQ(detect_compression("\x1f"s), Compression::kPlain);
  EXPECT_EQ(detect_compression(""), Compression::kPlain);
  EXPECT_EQ(detect_compression("127.0.0.1 - - [..."), Compression::kPlain);
}

TEST(ToHex, LowercaseTwoDigitsPerByte) {
  Sha256 d{};
  d[0] = 0x0f;
  d[31] = 0xa0;
  EXPECT_EQ(to_hex(d), "0f" + std::string(60, '0') + "a0");
}

}  // namespace
}  // namespace alcor
