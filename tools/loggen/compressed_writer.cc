#include "tools/loggen/compressed_writer.h"

#include <isa-l/igzip_lib.h>
#include <zstd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace alcor::loggen {
namespace {

constexpr size_t kOutputChunk = 1 << 20;

class File {
 public:
  explicit File(const std::filesystem::path& path) : path_(path.string()), f_(std::fopen(path_.c_str(), "wb")) {
    if (f_ == nullptr) fail("cannot create");
  }
  ~File() {
    if (f_ != nullptr) std::fclose(f_);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  void write(const void* data, size_t n) {
    if (n != 0 && std::fwrite(data, 1, n, f_) != n) fail("cannot write");
  }
  void close() {
    const int rc = std::fclose(f_);
    f_ = nullptr;
    if (rc != 0) fail("cannot close");
  }

 private:
  [[noreturn]] void fail(const char* what) const {
    throw std::runtime_error(std::string(what) + " " + path_ + ": " + std::strerror(errno));
  }
  std::string path_;
  std::FILE* f_;
};

class PlainWriter final : public CompressedWriter {
 public:
  explicit PlainWriter(const std::filesystem::path& path) : file_(path) {}
  void write(std::string_view bytes) override {
    file_.write(bytes.data(), bytes.size());
    written_ += bytes.size();
  }
  void finish() override { file_.close(); }

 private:
  File file_;
};

class GzipWriter final : public CompressedWriter {
 public:
  GzipWriter(const std::filesystem::path& path, int level) : file_(path), out_(kOutputChunk) {
    isal_deflate_init(&stream_);
    stream_.gzip_flag = IGZIP_GZIP;
    stream_.level = static_cast<uint32_t>(level);
    level_buf_.resize(level_buffer_size(level));
    stream_.level_buf = level_buf_.data();
    stream_.level_buf_size = static_cast<uint32_t>(level_buf_.size());
  }
  void write(std::string_view bytes) override { deflate(bytes, false); }
  void finish() override {
    deflate({}, true);
    file_.close();
  }

 private:
  static size_t level_buffer_size(int level) {
    switch (level) {
      case 0: return 0;
      case 1: return ISAL_DEF_LVL1_DEFAULT;
      case 2: return ISAL_DEF_LVL2_DEFAULT;
      case 3: return ISAL_DEF_LVL3_DEFAULT;
    }
    throw std::invalid_argument("gzip (ISA-L) level must be 0..3");
  }

  void deflate(std::string_view bytes, bool end) {
    stream_.next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(bytes.data()));
    stream_.avail_in = static_cast<uint32_t>(bytes.size());
    stream_.end_of_stream = end ? 1 : 0;
    do {
      stream_.next_out = out_.data();
      stream_.avail_out = static_cast<uint32_t>(out_.size());
      if (isal_deflate(&stream_) != COMP_OK) throw std::runtime_error("isal_deflate failed");
      const size_t n = out_.size() - stream_.avail_out;
      file_.write(out_.data(), n);
      written_ += n;
      // A full output buffer may hide more pending output.
    } while (stream_.avail_in != 0 || stream_.avail_out == 0 ||
             (end && stream_.internal_state.state != ZSTATE_END));
  }

  File file_;
  isal_zstream stream_{};
  std::vector<uint8_t> level_buf_;
  std::vector<uint8_t> out_;
};

class ZstdWriter final : public CompressedWriter {
 public:
  ZstdWriter(const std::filesystem::path& path, int level)
      : file_(path), ctx_(ZSTD_createCCtx()), out_(ZSTD_CStreamOutSize()) {
    if (ctx_ == nullptr) throw std::runtime_error("ZSTD_createCCtx failed");
    check(ZSTD_CCtx_setParameter(ctx_, ZSTD_c_compressionLevel, level));
    check(ZSTD_CCtx_setParameter(ctx_, ZSTD_c_checksumFlag, 1));
  }
  ~ZstdWriter() override { ZSTD_freeCCtx(ctx_); }
  ZstdWriter(const ZstdWriter&) = delete;
  ZstdWriter& operator=(const ZstdWriter&) = delete;

  void write(std::string_view bytes) override { compress(bytes, ZSTD_e_continue); }
  void finish() override {
    compress({}, ZSTD_e_end);
    file_.close();
  }

 private:
  static size_t check(size_t rc) {
    if (ZSTD_isError(rc)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(rc));
    return rc;
  }

  void compress(std::string_view bytes, ZSTD_EndDirective mode) {
    ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
    size_t remaining;
    do {
      ZSTD_outBuffer out{out_.data(), out_.size(), 0};
      remaining = check(ZSTD_compressStream2(ctx_, &out, &in, mode));
      file_.write(out_.data(), out.pos);
      written_ += out.pos;
      // ZSTD_e_continue is done once the input is consumed; ZSTD_e_end
      // once the frame is completely flushed.
    } while (mode == ZSTD_e_end ? remaining != 0 : in.pos != in.size);
  }

  File file_;
  ZSTD_CCtx* ctx_;
  std::vector<char> out_;
};

}  // namespace

std::string_view compression_extension(Compression c) {
  switch (c) {
    case Compression::kNone: return "";
    case Compression::kGzip: return ".gz";
    case Compression::kZstd: return ".zst";
  }
  return "";
}

std::string_view compression_name(Compression c) {
  switch (c) {
    case Compression::kNone: return "none";
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
  }
  return "?";
}

std::unique_ptr<CompressedWriter> CompressedWriter::open(const std::filesystem::path& path, Compression c,
                                                         int level) {
  switch (c) {
    case Compression::kNone: return std::make_unique<PlainWriter>(path);
    case Compression::kGzip: return std::make_unique<GzipWriter>(path, level);
    case Compression::kZstd: return std::make_unique<ZstdWriter>(path, level);
  }
  throw std::invalid_argument("unknown compression");
}

}  // namespace alcor::loggen

