// zstd files.
//
// A frame is decoded one of two ways. The streaming API
// (ZSTD_decompressStream) decodes into a window of its own and copies out;
// it walks concatenated frames and skips skippable frames by itself. Its
// return value is 0 exactly when a frame has been fully decoded and flushed,
// which is how a stream cut inside a frame is told from a complete one.
//
// When the caller allows it (decode_in_place()), a frame whose window fits
// in the caller's runs is decoded block by block straight into the caller's
// buffers with the buffer-less API (ZSTD_decompressContinue), the caller's
// earlier output serving as the window: no copy out of a window, about 4%
// of the CPU of indexing a zstd archive on one thread (bench/RESULTS.md).
// zstd itself keeps the current run and the one before it as history, which
// is what the caller keeps unchanged. If the caller has to rewrite its bytes
// after all (stop_in_place(): an over-long line to cut), the streaming API
// decodes the frame again from its start, through a second reading of the
// file, up to where the in-place decoding was, and goes on from there.
//
// Frame starts are the only access points: a file written as one frame is
// decoded from its start.
#define ZSTD_STATIC_LINKING_ONLY  // the frame header and the buffer-less API
#include <zstd.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "parsers/decoding_reader.h"

namespace alcor {
namespace {

struct DCtxDeleter {
  void operator()(ZSTD_DCtx* ctx) const { ZSTD_freeDCtx(ctx); }
};
using DCtx = std::unique_ptr<ZSTD_DCtx, DCtxDeleter>;

DCtx make_dctx() {
  DCtx ctx(ZSTD_createDCtx());
  if (!ctx) throw std::bad_alloc();
  return ctx;
}

class ZstdReader final : public DecodingReader {
 public:
  explicit ZstdReader(std::unique_ptr<StoredInput> input)
      : DecodingReader(Compression::kZstd, std::move(input)), stream_(make_dctx()) {}

  bool decode_in_place(size_t min_run) override;
  void stop_in_place() override;

 private:
  size_t decode(char* buf, size_t cap) override;
  // Each returns the bytes it decoded, possibly none; ended_ says whether
  // the stream is over.
  size_t decode_stream(char* buf, size_t cap);
  size_t decode_blocks(char* buf, size_t cap);
  // At a frame's first byte: decodes it in place when its window fits.
  void begin_frame();
  // Re-decodes the in-place frame so far with the streaming API.
  void replay_frame();
  void add_access_point(const StoredInput& in);

  // The stored bytes the streaming API reads: the file, or its second
  // reading after stop_in_place().
  StoredInput& stream_input() { return replay_ ? *replay_ : input(); }

  DCtx stream_;
  DCtx blocks_;  // for in-place frames; made on first use
  // Last ZSTD_decompressStream() result that made progress: 0 between
  // frames. The stream was detected by a frame magic, so it starts inside one.
  size_t frame_left_ = 1;
  uint64_t decoded_ = 0;  // bytes handed out
  bool ended_ = false;

  // In-place decoding: 0 when not allowed, else the caller's shortest run.
  size_t min_run_ = 0;
  bool at_frame_start_ = true;  // the next byte starts a frame
  bool in_place_ = false;       // the current frame is decoded in place
  uint64_t frame_stored_ = 0;   // where that frame starts in the file
  uint64_t frame_decoded_ = 0;  // ... and in the decoded stream
  size_t window_ = 0;
  size_t block_max_ = 0;
  const char* run_end_ = nullptr;  // where the current run's next byte goes
  uint64_t run_frame_bytes_ = 0;   // bytes of the frame in the current run
  std::unique_ptr<StoredInput> replay_;
};

bool ZstdReader::decode_in_place(size_t min_run) {
  // A frame may have to be decoded again (stop_in_place()): only from a
  // file that can be read twice.
  if (min_run == 0 || !input().can_reopen()) return false;
  min_run_ = min_run;
  return true;
}

size_t ZstdReader::decode(char* buf, size_t cap) {
  while (!ended_) {
    if (at_frame_start_ && min_run_ > 0) begin_frame();
    const size_t n = in_place_ ? decode_blocks(buf, cap) : decode_stream(buf, cap);
    if (n > 0) return n;
  }
  return 0;
}

void ZstdReader::begin_frame() {
  at_frame_start_ = false;
  StoredInput& in = input();
  const std::string_view head = in.peek(ZSTD_FRAMEHEADERSIZE_MAX);
  ZSTD_frameHeader header;
  // Skippable frames, damage and frames whose window the caller's runs
  // cannot hold go to the streaming API, which reports damage as ever.
  if (head.empty() || ZSTD_getFrameHeader(&header, head.data(), head.size()) != 0 ||
      header.frameType != ZSTD_frame || header.windowSize > min_run_ ||
      header.blockSizeMax > SourceReader::kInPlaceReadMin) {
    return;
  }
  if (!blocks_) blocks_ = make_dctx();
  if (const size_t r = ZSTD_decompressBegin(blocks_.get()); ZSTD_isError(r)) {
    throw std::runtime_error(std::string("cannot start a zstd frame: ") + ZSTD_getErrorName(r));
  }
  in_place_ = true;
  window_ = static_cast<size_t>(header.windowSize);
  block_max_ = header.blockSizeMax;
  frame_stored_ = in.offset();
  frame_decoded_ = decoded_;
  run_frame_bytes_ = 0;
}

size_t ZstdReader::decode_blocks(char* buf, size_t cap) {
  // The caller's promises (SourceReader::decode_in_place()), checked where
  // they can be: a broken one would decode wrong bytes, not fail.
  if (cap < SourceReader::kInPlaceReadMin) throw std::logic_error("in-place zstd read smaller than a block");
  if (buf != run_end_) {
    // A new run. zstd forgets the run before last, so the last one must
    // hold a window of this frame, or all of it so far.
    if (run_frame_bytes_ < window_ && run_frame_bytes_ != decoded_ - frame_decoded_) {
      throw std::logic_error("in-place zstd run shorter than the window");
    }
    run_frame_bytes_ = 0;
  }
  StoredInput& in = input();
  size_t out = 0;
  for (;;) {
    const size_t need = ZSTD_nextSrcSizeToDecompress(blocks_.get());
    if (need == 0) {  // the frame is complete (its checksum checked, if it has one)
      in_place_ = false;
      at_frame_start_ = true;
      frame_left_ = 0;
      add_access_point(in);
      break;
    }
    const ZSTD_nextInputType_e next = ZSTD_nextInputType(blocks_.get());
    if ((next == ZSTDnit_block || next == ZSTDnit_lastBlock) && cap - out < block_max_) break;
    // A step is a block at most (128 KiB), far below the input's buffer.
    while (in.available().size() < need && in.refill()) {
    }
    const std::string_view avail = in.available();
    if (avail.size() < need) {
      fail("truncated zstd stream: frame cut at stored offset " + std::to_string(in.offset() + avail.size()));
      ended_ = true;
      break;
    }
    const size_t n = ZSTD_decompressContinue(blocks_.get(), buf + out, cap - out, avail.data(), need);
    in.consume(need);
    if (ZSTD_isError(n)) {
      fail(std::string("corrupt zstd data: ") + ZSTD_getErrorName(n) + ", detected at stored offset " +
           std::to_string(in.offset()));
      ended_ = true;
      break;
    }
    out += n;
    decoded_ += n;
    run_frame_bytes_ += n;
  }
  run_end_ = buf + out;
  return out;
}

size_t ZstdReader::decode_stream(char* buf, size_t cap) {
  StoredInput& in = stream_input();
  for (;;) {
    if (in.available().empty()) in.refill();
    std::string_view avail = in.available();
    ZSTD_inBuffer src{avail.data(), avail.size(), 0};
    ZSTD_outBuffer dst{buf, cap, 0};
    // Called even without input: the context may still hold decoded bytes
    // that did not fit into the previous output buffer.
    size_t ret = ZSTD_decompressStream(stream_.get(), &dst, &src);
    in.consume(src.pos);
    if (ZSTD_isError(ret)) {
      fail(std::string("corrupt zstd data: ") + ZSTD_getErrorName(ret) + ", detected at stored offset " +
           std::to_string(in.offset()));
      ended_ = true;
      return dst.pos;
    }
    const bool progress = src.pos > 0 || dst.pos > 0;
    // Without progress the result is only a hint for the next frame's header.
    if (progress) frame_left_ = ret;
    decoded_ += dst.pos;
    // At 0 the input stops right after the frame: the next one starts here.
    if (ret == 0 && progress) {
      add_access_point(in);
      if (min_run_ > 0) {
        at_frame_start_ = true;  // the next frame may be decoded in place
        return dst.pos;
      }
    }
    if (dst.pos > 0) return dst.pos;
    if (src.pos == 0 && in.available().empty() && in.at_eof()) {
      if (frame_left_ != 0) {
        fail("truncated zstd stream: frame cut at stored offset " + std::to_string(in.offset()));
      }
      ended_ = true;
      return 0;
    }
  }
}

void ZstdReader::add_access_point(const StoredInput& in) {
  AccessPointRecorder* points = access_points();
  if (points != nullptr && points->due(decoded_)) points->add(decoded_, in.offset(), "");
}

void ZstdReader::stop_in_place() {
  min_run_ = 0;
  at_frame_start_ = false;
  if (!in_place_ || ended_) return;
  in_place_ = false;
  try {
    replay_frame();
  } catch (const std::exception& e) {
    fail(std::string("decoder failed: ") + e.what());
    ended_ = true;
  }
}

void ZstdReader::replay_frame() {
  std::string why;
  replay_ = input().reopen_at(frame_stored_, &why);
  if (!replay_) {
    fail("cannot read the file again to cut an over-long line: " + why);
    ended_ = true;
    return;
  }
  // The streaming context is between frames (or unused): it starts this one.
  const uint64_t resume_at = decoded_;
  decoded_ = frame_decoded_;
  std::vector<char> discard(SourceReader::kInPlaceReadMin);
  while (decoded_ < resume_at && !ended_) {
    decode_stream(discard.data(), static_cast<size_t>(std::min<uint64_t>(discard.size(), resume_at - decoded_)));
  }
  if (decoded_ != resume_at && error().empty()) {
    fail("the file changed while it was read: decoding a frame again ended at " + std::to_string(decoded_) +
         " bytes, first decoded past " + std::to_string(resume_at));
  }
  if (decoded_ != resume_at) ended_ = true;
}

}  // namespace

std::unique_ptr<SourceReader> make_zstd_reader(std::unique_ptr<StoredInput> input) {
  return std::make_unique<ZstdReader>(std::move(input));
}

}  // namespace alcor
