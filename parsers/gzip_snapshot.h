// Snapshots of ISA-L's inflate state, the gzip access points.
//
// ISA-L cannot stop at deflate block boundaries, so the zlib/zran way (bit
// offset of a block plus the 32 KiB window before it) is not available from
// the decoder that ingest runs. What ISA-L does offer: between two
// isal_inflate() calls its state is self-contained. The caller may pass a
// different output buffer on every call, so ISA-L keeps the last 32 KiB of
// history (and any output that did not fit) in inflate_state::tmp_out_buffer,
// the Huffman tables of the current block in the struct, and the input bits
// it has pulled ahead in read_in. The struct has no pointer besides the
// per-call next_in/next_out. A copy of it taken between calls, restored into
// a fresh state and fed the stored bytes from the same offset, therefore
// continues exactly where the original left off, including the member's CRC.
//
// The layout and meaning of those fields belong to one ISA-L build, so every
// snapshot is tied to inflate_snapshot_format(); a reader with a different
// format must not restore it (it falls back to a point without state).
#ifndef ALCOR_PARSERS_GZIP_SNAPSHOT_H_
#define ALCOR_PARSERS_GZIP_SNAPSHOT_H_

#include <memory>
#include <string>
#include <string_view>

struct inflate_state;
struct ZSTD_CCtx_s;

namespace alcor {

// ISA-L header version, the runtime library file, and the struct layout.
const std::string& inflate_snapshot_format();

// True when the decoder is inside a deflate stream, where a snapshot can be
// taken (not in the gzip header or trailer, not past the last block).
bool inflate_snapshot_possible(const inflate_state& state);

// Takes snapshots: the state without its per-call pointers and without the
// unused tail of tmp_out_buffer, zstd-compressed. Keeps its compression
// context and scratch copy, which halves the cost of a snapshot against
// setting them up each time (~90 us each, mostly the 32 KiB of history).
class InflateSnapshotWriter {
 public:
  InflateSnapshotWriter();
  ~InflateSnapshotWriter();
  InflateSnapshotWriter(const InflateSnapshotWriter&) = delete;
  InflateSnapshotWriter& operator=(const InflateSnapshotWriter&) = delete;

  std::string save(const inflate_state& state);

 private:
  struct CCtxDeleter {
    void operator()(ZSTD_CCtx_s* ctx) const;
  };
  std::unique_ptr<ZSTD_CCtx_s, CCtxDeleter> cctx_;
  std::unique_ptr<inflate_state> scratch_;
};

// Overwrites *state from a snapshot of the same format; false with *error on
// a snapshot that does not decode to a consistent state.
bool restore_inflate_state(std::string_view snapshot, inflate_state* state, std::string* error);

}  // namespace alcor

#endif  // ALCOR_PARSERS_GZIP_SNAPSHOT_H_
