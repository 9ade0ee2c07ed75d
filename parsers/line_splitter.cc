#include "parsers/line_splitter.h"

#include <algorithm>
#include <cstring>

namespace alcor {
namespace {

// A chunk is at most a chunk and a line long, plus one read of a chunk's
// size: under 4 GiB with both at most 1 GiB.
constexpr size_t kMaxSize = size_t{1} << 30;

}  // namespace

ChunkReader::ChunkReader(SourceReader& src, size_t chunk_bytes, size_t max_line, bool keeps_last_chunk)
    : src_(src),
      chunk_bytes_(std::clamp<size_t>(chunk_bytes, 1, kMaxSize)),
      max_line_(std::clamp<size_t>(max_line, 1, kMaxSize)) {
  // A chunk's reads fill it from behind the carried line (under max_line_
  // bytes) to within a read of its end: that is the shortest run the
  // source is promised.
  const size_t read_min = SourceReader::kInPlaceReadMin;
  if (keeps_last_chunk && chunk_bytes_ > max_line_ + 2 * read_min) {
    in_place_ = src_.decode_in_place(chunk_bytes_ - max_line_ - read_min);
  }
}

void ChunkReader::stop_in_place() {
  in_place_ = false;
  src_.stop_in_place();
}

bool ChunkReader::next(TextChunk* chunk) {
  ByteBuffer& data = chunk->data;
  // Reuses the caller's buffer; an in-place source's bytes must not move
  // when it grows, so it gets all its room first.
  if (in_place_) data.resize_for_overwrite(chunk_bytes_);
  data.assign(carry_);
  carry_.clear();
  chunk->first_line = next_line_;
  chunk->first_offset = next_offset_;
  chunk->cuts.clear();
  chunk->line_ends.clear();

  size_t line_start = 0;  // the unfinished line; the carry holds no '\n'
  uint64_t lines = 0;     // complete lines in data[0, line_start)
  // In place, a chunk ends while a whole read still fits.
  auto full = [&] { return data.size() + (in_place_ ? SourceReader::kInPlaceReadMin : 0) >= chunk_bytes_; };
  while (!eof_ && (line_start == 0 || !full())) {
    const size_t old = data.size();
    const size_t want = old < chunk_bytes_ ? chunk_bytes_ - old : chunk_bytes_;
    // Not while in place: a line that long was cut, which stopped it. But a
    // read that shrank below a block or grew the buffer (moving what the
    // source decoded) would break its promise unseen, so it is checked.
    if (in_place_ && (want < SourceReader::kInPlaceReadMin || old + want > chunk_bytes_)) stop_in_place();
    data.resize_for_overwrite(old + want);
    const size_t got = src_.read(data.data() + old, want);
    data.resize_for_overwrite(old + got);
    if (got == 0) {
      eof_ = true;
    } else {
      scan(chunk, old, &line_start, &lines);
    }
  }

  if (eof_) {
    // The stream's last line needs no '\n' to count.
    if (skipping_long_) {
      chunk->cuts.push_back({chunk->first_line + lines, dropped_pending_});
      skipping_long_ = false;
      dropped_pending_ = 0;
    }
    if (data.size() > line_start) ++lines;
    line_start = data.size();
  }
  carry_.assign(std::string_view(data).substr(line_start));
  data.resize_for_overwrite(line_start);
  if (data.empty()) return false;

  next_line_ += lines;
  next_offset_ += data.size();
  for (const TextChunk::Cut& cut : chunk->cuts) next_offset_ += cut.dropped;
  return true;
}

void ChunkReader::scan(TextChunk* chunk, size_t from, size_t* line_start, uint64_t* lines) {
  ByteBuffer& data = chunk->data;
  char* const d = data.data();
  const size_t end = data.size();
  // Bytes kept are compacted from the read cursor r down to the write cursor
  // w; they only differ after a cut, so the common case moves nothing.
  size_t r = from;
  size_t w = from;
  auto keep = [&](size_t a, size_t b) {
    if (w != a) std::memmove(d + w, d + a, b - a);
    w += b - a;
  };

  for (;;) {
    const char* nl = static_cast<const char*>(std::memchr(d + r, '\n', end - r));
    const size_t stop = nl ? static_cast<size_t>(nl - d) : end;
    if (skipping_long_) {
      dropped_pending_ += stop - r;
      r = stop;
    } else {
      // Invariant: the unfinished line never holds more than max_line_ bytes.
      const size_t room = max_line_ - (w - *line_start);
      const size_t len = stop - r;
      // Cutting moves the bytes after the cut down over it.
      if (len > room && in_place_) stop_in_place();
      keep(r, r + std::min(len, room));
      if (len > room) {
        dropped_pending_ = len - room;
        skipping_long_ = true;
      }
      r = stop;
    }
    if (!nl) break;
    if (skipping_long_) {
      chunk->cuts.push_back({chunk->first_line + *lines, dropped_pending_});
      skipping_long_ = false;
      dropped_pending_ = 0;
    }
    chunk->line_ends.push_back(static_cast<uint32_t>(w));
    keep(r, r + 1);  // the '\n'
    ++r;
    ++*lines;
    *line_start = w;
  }
  data.resize_for_overwrite(w);
}

}  // namespace alcor
