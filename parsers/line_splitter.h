// Line-aligned chunks of a decompressed stream.
//
// The ingest pipeline hands whole chunks of lines to worker threads, so the
// split happens once, here: ChunkReader cuts the stream at the last newline
// of each buffer and remembers where every chunk starts (line number and byte
// offset in the decompressed stream), which is what evidence quotes.
#ifndef ALCOR_PARSERS_LINE_SPLITTER_H_
#define ALCOR_PARSERS_LINE_SPLITTER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/byte_buffer.h"
#include "parsers/source_reader.h"

namespace alcor {

struct TextChunk {
  ByteBuffer data;              // whole lines, each ending in '\n' except
                                // possibly the last line of the stream
  uint64_t first_line = 1;      // 1-based number of the first line
  uint64_t first_offset = 0;    // byte offset of data[0] in the stream

  // Lines longer than the limit are kept cut to it; the bytes dropped from
  // each are recorded so later lines still get their true stream offsets.
  struct Cut {
    uint64_t line = 0;      // line number that was cut
    uint64_t dropped = 0;   // bytes of it not in `data`
  };
  std::vector<Cut> cuts;

  // Where each line's '\n' is in `data`, in order; a last line without one
  // runs to the end of `data`. ChunkReader finds them while it reads, so
  // for_each_line need not search again.
  std::vector<uint32_t> line_ends;
};

// One line inside a chunk. `text` excludes the terminator and a trailing
// '\r' (CRLF files); `offset` is the line's first byte in the stream.
struct Line {
  std::string_view text;
  uint64_t number = 0;
  uint64_t offset = 0;
  bool had_cr = false;     // line ended in "\r\n" (false for cut lines)
  bool too_long = false;   // longer than the limit; `text` is cut to it
};

class ChunkReader {
 public:
  // `chunk_bytes` is the target chunk size; `max_line` the longest line kept
  // whole, counting every byte before the '\n' (a CR included). A longer
  // line is passed on cut to `max_line` bytes with too_long set, and its
  // remaining bytes are skipped (memory stays bounded). Both are at least 1
  // and at most 1 GiB, so line_ends' offsets fit in 32 bits.
  //
  // `keeps_last_chunk`: the caller leaves the text of the chunk next()
  // returned last unchanged, in its buffer, until the following next() has
  // returned. A decoder that can then writes straight into the chunk
  // buffers (SourceReader::decode_in_place()), and chunks end while a whole
  // read still fits: up to SourceReader::kInPlaceReadMin short of
  // `chunk_bytes`.
  ChunkReader(SourceReader& src, size_t chunk_bytes, size_t max_line, bool keeps_last_chunk = false);

  // Fills *chunk with the next run of whole lines; false at end of stream
  // (or at damage: then src.error() says why). A chunk holds at least one
  // line; it is about `chunk_bytes` long unless single lines are longer.
  bool next(TextChunk* chunk);

  // Whether the source decodes straight into the chunk buffers now (until
  // an over-long line has to be cut in place).
  bool in_place() const { return in_place_; }

 private:
  // Takes in the bytes chunk->data[from, end) just read, behind the
  // unfinished line starting at *line_start: drops what over-long lines
  // lose, records their cuts, and counts the lines completed in *lines.
  void scan(TextChunk* chunk, size_t from, size_t* line_start, uint64_t* lines);
  // Before bytes the source decoded in place are rewritten or moved.
  void stop_in_place();

  SourceReader& src_;
  size_t chunk_bytes_;
  size_t max_line_;
  std::string carry_;         // start of an unfinished line
  uint64_t next_line_ = 1;
  uint64_t next_offset_ = 0;
  bool eof_ = false;
  bool in_place_ = false;       // the source decodes into the chunk buffers
  bool skipping_long_ = false;  // inside the tail of an over-long line
  uint64_t dropped_pending_ = 0;  // bytes of that line skipped so far
};

// Calls fn(const Line&) for each line of a chunk, in order.
template <typename Fn>
void for_each_line(const TextChunk& chunk, Fn&& fn) {
  const char* const data = chunk.data.data();
  const size_t ends = chunk.line_ends.size();
  Line line;
  line.number = chunk.first_line;
  line.offset = chunk.first_offset;
  size_t next_cut = 0;
  size_t start = 0;
  for (size_t k = 0; k <= ends; ++k) {
    const bool terminated = k < ends;
    const size_t stop = terminated ? chunk.line_ends[k] : chunk.data.size();
    if (!terminated && start == stop) break;  // the chunk ends with its last '\n'
    const size_t len = stop - start;
    uint64_t dropped = 0;
    line.too_long = next_cut < chunk.cuts.size() && chunk.cuts[next_cut].line == line.number;
    if (line.too_long) dropped = chunk.cuts[next_cut++].dropped;
    // A cut line lost its terminator with the dropped bytes: a '\r' left at
    // its end is content, not half of a CRLF.
    line.had_cr = !line.too_long && len > 0 && data[stop - 1] == '\r';
    line.text = std::string_view(data + start, line.had_cr ? len - 1 : len);
    fn(static_cast<const Line&>(line));
    line.offset += len + (terminated ? 1 : 0) + dropped;
    ++line.number;
    start = stop + 1;
  }
}

}  // namespace alcor

#endif  // ALCOR_PARSERS_LINE_SPLITTER_H_
