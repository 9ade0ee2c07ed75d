// gzip files, decoded with ISA-L's igzip (several times zlib's speed).
//
// ISA-L parses each member's header and checks its CRC32/ISIZE trailer
// (crc_flag = ISAL_GZIP). It stops at the end of one member, so members that
// logrotate or `cat a.gz b.gz` concatenated are decoded one after another
// here. Anything after the last member that is not another member is damage:
// the server never wrote it, and silently ignoring it could hide a splice.
//
// Access points (when recorded) are member starts and, inside a member,
// snapshots of the inflate state between two isal_inflate() calls
// (gzip_snapshot.h). To place a snapshot where it is due, a call's output is
// cut at the due offset; that only makes some read()s shorter.
#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "parsers/decoding_reader.h"
#include "parsers/gzip_snapshot.h"

namespace alcor {
namespace {

const char* isal_error_text(int code) {
  switch (code) {
    case ISAL_INVALID_BLOCK: return "invalid deflate block";
    case ISAL_INVALID_SYMBOL: return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK: return "invalid deflate back-reference distance";
    case ISAL_INVALID_WRAPPER: return "invalid gzip header";
    case ISAL_UNSUPPORTED_METHOD: return "unsupported gzip compression method";
    case ISAL_INCORRECT_CHECKSUM: return "CRC32/length check of the member failed";
    default: return "unknown ISA-L error";
  }
}

bool is_member_start(std::string_view head) {
  // A lone 0x1f at the very end is treated as a member start so that it is
  // reported as a truncated member rather than as garbage.
  return !head.empty() && static_cast<uint8_t>(head[0]) == 0x1f &&
         (head.size() < 2 || static_cast<uint8_t>(head[1]) == 0x8b);
}

class GzipReader final : public DecodingReader {
 public:
  // Starts at a member start, `decoded_offset` bytes into the stream.
  GzipReader(std::unique_ptr<StoredInput> input, uint64_t decoded_offset)
      : DecodingReader(Compression::kGzip, std::move(input)),
        state_(std::make_unique<inflate_state>()),
        member_offset_(this->input().offset()),
        member_stream_offset_(decoded_offset),
        decoded_(decoded_offset) {
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_GZIP;
  }

  // Continues inside a member from a snapshot; false with *error when it
  // cannot be restored. The member's own start is not known here, so
  // messages name the resume point instead.
  bool restore(std::string_view snapshot, std::string* error) {
    return restore_inflate_state(snapshot, state_.get(), error);
  }

 private:
  size_t decode(char* buf, size_t cap) override;
  std::string access_state_format() const override { return inflate_snapshot_format(); }

  // Called between members: starts the next one, or returns false at the
  // clean end of the file or after reporting trailing garbage.
  bool start_next_member();
  void fail_trailing_garbage();

  std::unique_ptr<inflate_state> state_;  // ~100 KiB: not on the stack
  bool in_member_ = true;
  uint64_t member_offset_;  // stored offset of the current member
  // Decoded offset where the current member began. The CRC is checked only
  // at a member's end, so when it fails, every byte from here on was handed
  // out unverified; the error names this offset so the caller can tell.
  uint64_t member_stream_offset_;
  uint64_t decoded_;  // bytes handed out (ISA-L's total_out is 32-bit)
  std::unique_ptr<InflateSnapshotWriter> snapshots_;  // once the first is due
};

size_t GzipReader::decode(char* buf, size_t cap) {
  StoredInput& in = input();
  inflate_state& st = *state_;
  for (;;) {
    if (!in_member_ && !start_next_member()) return 0;
    if (in.available().empty()) in.refill();
    std::string_view avail = in.available();  // at most StoredInput's buffer size
    st.next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(avail.data()));
    st.avail_in = static_cast<uint32_t>(avail.size());
    st.next_out = reinterpret_cast<uint8_t*>(buf);
    size_t room = std::min<size_t>(cap, std::numeric_limits<uint32_t>::max());
    AccessPointRecorder* points = access_points();
    if (points != nullptr && !points->due(decoded_)) room = std::min<uint64_t>(room, points->next_due() - decoded_);
    st.avail_out = static_cast<uint32_t>(room);
    const uint32_t out_room = st.avail_out;
    const isal_block_state state_before = st.block_state;

    int ret = isal_inflate(&st);
    size_t used = avail.size() - st.avail_in;
    in.consume(used);
    size_t produced = out_room - st.avail_out;
    decoded_ += produced;

    if (ret < 0) {
      // ISA-L has pulled whole bytes into its bit buffer that it has not
      // decoded yet; they are not part of the position of the damage.
      uint64_t at = in.offset() - static_cast<uint64_t>(std::max(st.read_in_length, 0) / 8);
      fail(std::string("corrupt gzip data: ") + isal_error_text(ret) + " in member at stored offset " +
           std::to_string(member_offset_) + " (stream offset " + std::to_string(member_stream_offset_) +
           "), detected near stored offset " + std::to_string(at));
      return produced;
    }
    if (st.block_state == ISAL_BLOCK_FINISH) in_member_ = false;
    if (points != nullptr && in_member_ && points->due(decoded_) && inflate_snapshot_possible(st)) {
      if (!snapshots_) snapshots_ = std::make_unique<InflateSnapshotWriter>();
      points->add(decoded_, in.offset(), snapshots_->save(st));
    }
    if (produced > 0) return produced;
    if (in_member_ && used == 0 && st.block_state == state_before && in.available().empty() &&
        in.at_eof()) {
      fail("truncated gzip stream: member at stored offset " + std::to_string(member_offset_) +
           " ends at stored offset " + std::to_string(in.offset()));
      return 0;
    }
  }
}

bool GzipReader::start_next_member() {
  StoredInput& in = input();
  std::string_view head = in.peek(2);
  if (head.empty()) return false;
  if (!is_member_start(head)) {
    fail_trailing_garbage();
    return false;
  }
  isal_inflate_reset(state_.get());
  state_->crc_flag = ISAL_GZIP;
  member_offset_ = in.offset();
  member_stream_offset_ = decoded_;
  in_member_ = true;
  AccessPointRecorder* points = access_points();
  if (points != nullptr && (points->due(decoded_) || points->last_offset() == decoded_)) {
    points->add(decoded_, member_offset_, "");
  }
  return true;
}

void GzipReader::fail_trailing_garbage() {
  StoredInput& in = input();
  const uint64_t at = in.offset();
  uint64_t bytes = 0;
  bool all_zero = true;
  // Reading the rest here (DecodingReader would do it anyway) lets the
  // message tell zero padding, common from preallocating copy tools, from
  // foreign bytes.
  in.drain([&](std::string_view b) {
    bytes += b.size();
    all_zero = all_zero && b.find_first_not_of('\0') == std::string_view::npos;
  });
  fail("trailing garbage after gzip member at stored offset " + std::to_string(at) + " (" +
       std::to_string(bytes) + (all_zero ? " zero bytes of padding)" : " bytes)"));
}

}  // namespace

std::unique_ptr<SourceReader> make_gzip_reader(std::unique_ptr<StoredInput> input) {
  return std::make_unique<GzipReader>(std::move(input), 0);
}

std::unique_ptr<SourceReader> resume_gzip_reader(std::unique_ptr<StoredInput> input, uint64_t decoded_offset,
                                                 std::string_view state, std::string* error) {
  auto reader = std::make_unique<GzipReader>(std::move(input), decoded_offset);
  if (!state.empty() && !reader->restore(state, error)) return nullptr;
  return reader;
}

}  // namespace alcor
