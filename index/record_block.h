// A block of index records: the unit of compression, checksumming and
// skipping.
//
// The index keeps what a question is matched on (time, address, port, host,
// method, status, the canonical URL as a 64-bit key) and where the line is
// (source, line number, byte offset), not the line itself: evidence is read
// back from the original archive and re-parsed (engine/evidence.h), which
// also proves the archive still says what the index says. Only sources that
// cannot be read again (standard input) keep their raw lines in the block.
//
// Records are stored column by column with per-block dictionaries for the
// repetitive fields (hosts, methods, URLs), then compressed with zstd:
// neighbouring values of one field are alike and compress far better than
// whole rows. The address dictionary is the block's address set, kept
// beside the frame (index/address_set.h).
#ifndef ALCOR_INDEX_RECORD_BLOCK_H_
#define ALCOR_INDEX_RECORD_BLOCK_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/byte_codec.h"
#include "index/flat_map.h"
#include "parsers/log_record.h"

struct ZSTD_CCtx_s;  // zstd's compression context, kept out of this header

namespace alcor {

// Where a record came from: the evidence trail.
struct Provenance {
  uint32_t source_id = 0;  // manifest source id
  uint64_t line = 0;       // 1-based line number in the decompressed stream
  uint64_t offset = 0;     // byte offset of the line in the decompressed stream
};

// The time interval of a request: [t, t+duration] for a time logged at
// request start, [t-duration, t] for one logged at write time; its end
// moves on by precision_span_us() when the clock was logged coarser than a
// second (a time logged to the minute is any time in that minute).
struct RequestInterval {
  int64_t start_us;
  int64_t end_us;
};
RequestInterval request_interval(int64_t time_us, TimeMeaning meaning, int64_t duration_us,
                                 TimePrecision precision);

// A record as the index returns it (owning its strings). Fields marked
// (evidence) are empty until the raw line has been read back and re-parsed.
struct StoredRecord {
  Timestamp time;
  TimeMeaning time_meaning = TimeMeaning::kRequestStart;
  int64_t duration_us = -1;
  ClientKind client_kind = ClientKind::kMissing;
  IpAddress client;
  std::string client_text;  // only for ClientKind::kHostname
  int32_t client_port = kPortNotLogged;
  std::string host;         // canonical; empty when the log carries none
  int32_t server_port = -1;
  std::string method;
  uint32_t url_key = 0;     // url_record_key() of the canonical path?query
  int32_t status = -1;
  std::string target;       // (evidence) as logged
  std::string protocol;     // (evidence)
  int64_t response_bytes = -1;  // (evidence)
  std::string referer;      // (evidence)
  std::string user_agent;   // (evidence)
  Provenance source;
  // The index stores the byte offset of only every few lines; until evidence
  // has found the line, source.offset is the offset of line `offset_line`, a
  // few lines before it (equal to source.line once exact).
  uint64_t offset_line = 0;
  bool offset_exact() const { return offset_line == source.line; }
  std::string raw;          // (evidence) the line exactly as logged

  // The request's time interval: [start, start+duration] for a time logged at
  // request start, [end-duration, end] for one logged at write time.
  int64_t interval_start_us() const;
  int64_t interval_end_us() const;
};

// Summary of one encoded block, kept uncompressed in the segment directory.
struct BlockSummary {
  uint32_t records = 0;
  int64_t time_min_us = 0;       // logged times
  int64_t time_max_us = 0;
  int64_t interval_min_us = 0;   // request intervals (time widened by duration)
  int64_t interval_max_us = 0;
  // Lines of the source between this block's first and last record (and
  // just before them) that did not parse: what a coverage statement reports
  // as "unparsed lines near this time".
  uint32_t rejected_lines = 0;
};

struct EncodedBlock {
  BlockSummary summary;
  std::string fields;      // zstd frame of the field columns
  uint32_t fields_raw_size = 0;
  std::string lines;       // zstd frame of the raw lines; empty unless kept
  uint32_t lines_raw_size = 0;
  std::string url_filter;  // encoded Bloom filter (index/bloom_filter.h)
  std::string addresses;   // encoded address set (index/address_set.h)
};

class BlockBuilder {
 public:
  // `keep_lines`: store the raw lines too (for sources that cannot be read
  // again).
  BlockBuilder(int zstd_level, bool keep_lines);

  int zstd_level() const { return zstd_level_; }
  bool keep_lines() const { return keep_lines_; }

  void add(const LogRecord& r, const Provenance& p, std::string_view raw_line);
  // Counts a line of the source that did not parse, next to these records.
  void add_rejected() { ++summary_.rejected_lines; }

  uint32_t records() const { return summary_.records; }
  uint32_t rejected_lines() const { return summary_.rejected_lines; }
  size_t buffered_bytes() const { return summary_.records * sizeof(Row) + lines_.size(); }

  // Encodes the buffered records and starts an empty block.
  EncodedBlock finish();
  // Drops the buffered records.
  void reset();

 private:
  struct Row {
    int64_t time_us;
    int64_t duration_us;
    int32_t offset_s;
    int32_t port;
    int32_t status;
    int32_t server_port;
    uint32_t client;  // index into addresses_ or hostnames_ (by kind)
    uint32_t host;
    uint32_t method;
    uint32_t url;
    uint32_t source_id;
    uint8_t flags;
    uint64_t line;
    uint64_t offset;
  };

  // Lets the dictionaries be probed with a string_view, without a copy.
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };

  // Insertion-ordered string set: index of `s`, adding it when new. Runs of
  // one value (a vhost's lines, GETs) are answered from the last lookup.
  struct StringDictionary {
    std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> ids;
    std::vector<const std::string*> order;
    uint32_t last = UINT32_MAX;
    uint32_t id(std::string_view s);
    void clear() {
      ids.clear();
      order.clear();
      last = UINT32_MAX;
    }
  };

  struct FreeZstdContext {
    void operator()(ZSTD_CCtx_s* c) const;
  };

  void probe_pending();

  int zstd_level_;
  bool keep_lines_;
  // One context for every block: a fresh one per block allocates and clears
  // its match tables (about a megabyte) each time.
  std::unique_ptr<ZSTD_CCtx_s, FreeZstdContext> zstd_;
  std::string compressed_;  // compress()'s worst-case output buffer
  std::vector<Row> rows_;
  // The last row's keys, probed on the next add() or in finish(); see add().
  bool pending_ = false;
  bool pending_address_ = false;
  IpAddress pending_client_;
  uint64_t pending_url_key_ = 0;
  bool pending_pair_ = false;      // the row has a host: its (host, URL) pair may be new
  std::string pending_path_query_;  // set only then
  bool hostless_ = false;           // a row without a host was added
  FlatMap<IpAddress, IpAddressHash> address_ids_;
  std::vector<IpAddress> addresses_;
  StringDictionary hostnames_;  // clients logged by name
  StringDictionary hosts_;      // canonical hosts
  StringDictionary methods_;
  FlatMap<uint64_t, MixU64> url_ids_;
  std::vector<uint64_t> urls_;
  std::vector<uint32_t> url_first_host_;    // url id -> host id of its first record
  FlatMap<uint64_t, MixU64> host_url_ids_;  // (host id << 32 | url id) of the other hosts' pairs
  std::vector<uint64_t> host_url_keys_;     // url_host_key of each (host, url) pair
  StringDictionary logged_hosts_;                 // hosts as logged, before canonical form
  std::vector<uint32_t> logged_host_canonical_;  // logged_hosts_ id -> hosts_ id
  ByteWriter lines_;
  BlockSummary summary_;
  std::vector<ByteWriter> columns_;  // finish()'s buffers, kept for their capacity
  ByteWriter fields_;
};

// Decodes the field columns of a block and its address set (`what` names
// it in errors): every record, or only those `keep` admits (still checking
// every one), which spares building the others.
using RecordFilter = std::function<bool(const StoredRecord&)>;
std::vector<StoredRecord> decode_block_fields(std::string_view fields_frame, uint32_t raw_size,
                                              std::string_view address_set, uint32_t records,
                                              std::string_view what, const RecordFilter& keep = {});

// A record an address query selects, placed without being built: enough to
// order matches by time and find the page's rows again.
struct AddressRow {
  int64_t utc_us = 0;
  uint32_t source_id = 0;
  uint64_t line = 0;
  uint32_t row = 0;  // position in the block
};

// The rows of a block whose client is an address of rank [rank_first,
// rank_last) in the block's address set (address_set_ranks()) and whose
// time is within [from_us, to_us]. Reads only the time, flags, client,
// source and line columns: counting an address's matches over a day costs
// a fraction of decoding the day's records.
std::vector<AddressRow> find_address_rows(std::string_view fields_frame, uint32_t raw_size, uint32_t records,
                                          uint64_t rank_first, uint64_t rank_last, int64_t from_us, int64_t to_us,
                                          std::string_view what);

// Where a block's field bytes go, column by column: each column's encoded
// size and its size zstd-compressed on its own (columns are compressed
// together, so the latter apportions the frame only approximately).
struct ColumnSize {
  std::string_view name;
  uint64_t raw = 0;
  uint64_t compressed = 0;
};
std::vector<ColumnSize> block_column_sizes(std::string_view fields_frame, uint32_t raw_size, std::string_view what,
                                           int zstd_level);

// Fills StoredRecord::raw of every record from the block's line frame.
void decode_block_lines(std::string_view lines_frame, uint32_t raw_size,
                        std::vector<StoredRecord>* records, std::string_view what);

}  // namespace alcor

#endif  // ALCOR_INDEX_RECORD_BLOCK_H_
