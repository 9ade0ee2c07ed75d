// zstd files, through the streaming API.
//
// ZSTD_decompressStream() walks concatenated frames by itself and skips
// skippable frames (which carry no log data). Its return value is 0 exactly
// when a frame has been fully decoded and flushed, which is how a stream cut
// inside a frame is told from a complete one. Frame starts are the only
// access points: a file written as one frame is decoded from its start.
#include <zstd.h>

#include <string>

#include "parsers/decoding_reader.h"

namespace alcor {
namespace {

struct DCtxDeleter {
  void operator()(ZSTD_DCtx* ctx) const { ZSTD_freeDCtx(ctx); }
};

class ZstdReader final : public DecodingReader {
 public:
  explicit ZstdReader(std::unique_ptr<StoredInput> input)
      : DecodingReader(Compression::kZstd, std::move(input)), dctx_(ZSTD_createDCtx()) {
    if (!dctx_) throw std::bad_alloc();
  }

 private:
  size_t decode(char* buf, size_t cap) override;

  std::unique_ptr<ZSTD_DCtx, DCtxDeleter> dctx_;
  // Last ZSTD_decompressStream() result that made progress: 0 between
  // frames. The stream was detected by a frame magic, so it starts inside one.
  size_t frame_left_ = 1;
  uint64_t decoded_ = 0;  // bytes handed out
};

size_t ZstdReader::decode(char* buf, size_t cap) {
  StoredInput& in = input();
  for (;;) {
    if (in.available().empty()) in.refill();
    std::string_view avail = in.available();
    ZSTD_inBuffer src{avail.data(), avail.size(), 0};
    ZSTD_outBuffer dst{buf, cap, 0};
    // Called even without input: the context may still hold decoded bytes
    // that did not fit into the previous output buffer.
    size_t ret = ZSTD_decompressStream(dctx_.get(), &dst, &src);
    in.consume(src.pos);
    if (ZSTD_isError(ret)) {
      fail(std::string("corrupt zstd data: ") + ZSTD_getErrorName(ret) + ", detected at stored offset " +
           std::to_string(in.offset()));
      return dst.pos;
    }
    // Without progress the result is only a hint for the next frame's header.
    if (src.pos > 0 || dst.pos > 0) frame_left_ = ret;
    decoded_ += dst.pos;
    // At 0 the input stops right after the frame: the next one starts here.
    AccessPointRecorder* points = access_points();
    if (points != nullptr && ret == 0 && (src.pos > 0 || dst.pos > 0) && points->due(decoded_)) {
      points->add(decoded_, in.offset(), "");
    }
    if (dst.pos > 0) return dst.pos;
    if (src.pos == 0 && in.available().empty() && in.at_eof()) {
      if (frame_left_ != 0) {
        fail("truncated zstd stream: frame cut at stored offset " + std::to_string(in.offset()));
      }
      return 0;
    }
  }
}

}  // namespace

std::unique_ptr<SourceReader> make_zstd_reader(std::unique_ptr<StoredInput> input) {
  return std::make_unique<ZstdReader>(std::move(input));
}

}  // namespace alcor
