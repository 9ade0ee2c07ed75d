// A block of index records: the unit of compression, checksumming and
// skipping.
//
// Records are stored column by column (all times, then all addresses, ...)
// because neighbouring values of one field are alike and compress far better
// than whole rows. The raw lines form a second, separately compressed part,
// so a query that rejects every record of a block never inflates its lines.
#ifndef ALCOR_INDEX_RECORD_BLOCK_H_
#define ALCOR_INDEX_RECORD_BLOCK_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "index/byte_codec.h"
#include "parsers/log_record.h"

namespace alcor {

// Where a record came from: the evidence trail.
struct Provenance {
  uint32_t source_id = 0;  // manifest source id
  uint64_t line = 0;       // 1-based line number in the decompressed stream
  uint64_t offset = 0;     // byte offset of the line in the decompressed stream
};

// A record as the index stores and returns it (owning its strings).
struct StoredRecord {
  Timestamp time;
  TimeMeaning time_meaning = TimeMeaning::kRequestStart;
  int64_t duration_us = -1;
  ClientKind client_kind = ClientKind::kMissing;
  IpAddress client;
  std::string client_text;  // only for ClientKind::kHostname
  int32_t client_port = kPortNotLogged;
  std::string host;
  int32_t server_port = -1;
  std::string method;
  std::string target;
  std::string protocol;
  int32_t status = -1;
  int64_t response_bytes = -1;
  std::string referer;
  std::string user_agent;
  Provenance source;
  std::string raw;  // filled only by decode_block_lines()

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
  std::string lines;       // zstd frame of the raw lines
  uint32_t lines_raw_size = 0;
  std::string url_filter;  // encoded Bloom filters (index/bloom_filter.h)
  std::string ip_filter;
};

class BlockBuilder {
 public:
  explicit BlockBuilder(int zstd_level) : zstd_level_(zstd_level) {}

  void add(const LogRecord& r, const Provenance& p, std::string_view raw_line);
  // Counts a line of the source that did not parse, next to these records.
  void add_rejected() { ++summary_.rejected_lines; }

  uint32_t records() const { return summary_.records; }
  uint32_t rejected_lines() const { return summary_.rejected_lines; }
  size_t buffered_bytes() const;

  // Encodes the buffered records and starts an empty block.
  EncodedBlock finish();

  // Drops the buffered records.
  void reset();

 private:
  enum Column : int {
    kTime, kOffset, kFlags, kDuration, kAddress, kClientText, kPort, kHost, kServerPort,
    kMethod, kTarget, kProtocol, kStatus, kBytes, kReferer, kUserAgent, kSource, kLine,
    kLineOffset, kColumnCount
  };

  int zstd_level_;
  ByteWriter columns_[kColumnCount];
  ByteWriter lines_;
  std::vector<uint64_t> url_keys_;
  std::vector<uint64_t> ip_keys_;
  BlockSummary summary_;
  int64_t prev_time_ = 0;
  uint64_t prev_line_ = 0;
  uint64_t prev_offset_ = 0;
};

// Decodes the field columns of a block (`what` names it in errors).
std::vector<StoredRecord> decode_block_fields(std::string_view fields_frame, uint32_t raw_size,
                                              uint32_t records, std::string_view what);

// Fills StoredRecord::raw of every record from the block's line frame.
void decode_block_lines(std::string_view lines_frame, uint32_t raw_size,
                        std::vector<StoredRecord>* records, std::string_view what);

}  // namespace alcor

#endif  // ALCOR_INDEX_RECORD_BLOCK_H_
