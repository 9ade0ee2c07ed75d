#include "index/record_block.h"

#include <zstd.h>

#include <algorithm>

#include "index/bloom_filter.h"
#include "parsers/url.h"

namespace alcor {
namespace {

uint8_t pack_flags(const Timestamp& t, TimeMeaning meaning, ClientKind kind) {
  return static_cast<uint8_t>(static_cast<unsigned>(t.precision) |
                              static_cast<unsigned>(t.offset_source) << 2 |
                              static_cast<unsigned>(meaning) << 4 |
                              static_cast<unsigned>(kind) << 5);
}

std::string compress(std::string_view in, int level) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), level);
  if (ZSTD_isError(n)) throw IndexError(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

std::string decompress(std::string_view frame, uint32_t raw_size, std::string_view what) {
  std::string out(raw_size, '\0');
  size_t n = ZSTD_decompress(out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(n) || n != raw_size) {
    throw IndexError("damaged " + std::string(what) + ": block does not decompress" +
                     (ZSTD_isError(n) ? std::string(" (") + ZSTD_getErrorName(n) + ")" : std::string()));
  }
  return out;
}

// Encodes "-1 means absent" integers as unsigned varints shifted by one.
void put_optional(ByteWriter& w, int64_t v) { w.varint(static_cast<uint64_t>(v + 1)); }
int64_t get_optional(ByteReader& r) { return static_cast<int64_t>(r.varint()) - 1; }

}  // namespace

int64_t StoredRecord::interval_start_us() const {
  int64_t d = std::max<int64_t>(duration_us, 0);
  return time_meaning == TimeMeaning::kLogWrite ? time.utc_us - d : time.utc_us;
}

int64_t StoredRecord::interval_end_us() const {
  int64_t d = std::max<int64_t>(duration_us, 0);
  return time_meaning == TimeMeaning::kLogWrite ? time.utc_us : time.utc_us + d;
}

size_t BlockBuilder::buffered_bytes() const {
  size_t n = lines_.size();
  for (const auto& c : columns_) n += c.size();
  return n;
}

void BlockBuilder::add(const LogRecord& r, const Provenance& p, std::string_view raw_line) {
  int64_t t = r.time.utc_us;
  columns_[kTime].svarint(t - prev_time_);
  prev_time_ = t;
  columns_[kOffset].svarint(r.time.offset_s);
  columns_[kFlags].u8(pack_flags(r.time, r.time_meaning, r.client_kind));
  put_optional(columns_[kDuration], r.duration_us);
  if (r.client_kind == ClientKind::kAddress) {
    const auto& b = r.client.bytes();
    columns_[kAddress].bytes(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
    ip_keys_.push_back(ip_prefix_key(r.client, 128));
    for (int bits : ip_filter_prefix_bits(r.client.is_v4())) ip_keys_.push_back(ip_prefix_key(r.client, bits));
  } else if (r.client_kind == ClientKind::kHostname) {
    columns_[kClientText].string(r.client_text);
  }
  put_optional(columns_[kPort], r.client_port);
  columns_[kHost].string(r.host);
  put_optional(columns_[kServerPort], r.server_port);
  columns_[kMethod].string(r.method);
  columns_[kTarget].string(r.target);
  columns_[kProtocol].string(r.protocol);
  put_optional(columns_[kStatus], r.status);
  put_optional(columns_[kBytes], r.response_bytes);
  columns_[kReferer].string(r.referer);
  columns_[kUserAgent].string(r.user_agent);
  columns_[kSource].varint(p.source_id);
  columns_[kLine].svarint(static_cast<int64_t>(p.line - prev_line_));
  prev_line_ = p.line;
  columns_[kLineOffset].svarint(static_cast<int64_t>(p.offset - prev_offset_));
  prev_offset_ = p.offset;
  lines_.string(raw_line);

  if (!r.target.empty()) {
    CanonicalUrl url = canonicalize_target(r.target);
    url_keys_.push_back(url_path_key(url.path_query));
    // Host-less records get the key of host "", which every host query probes.
    std::string host = r.host.empty() ? url.host : canonicalize_host(r.host);
    url_keys_.push_back(url_host_key(host, url.path_query));
  }

  StoredRecord interval;  // only for the interval arithmetic
  interval.time = r.time;
  interval.time_meaning = r.time_meaning;
  interval.duration_us = r.duration_us;
  int64_t lo = interval.interval_start_us();
  int64_t hi = interval.interval_end_us();
  if (summary_.records == 0) {
    // Keeps rejected_lines counted before the first record.
    summary_.time_min_us = summary_.time_max_us = t;
    summary_.interval_min_us = lo;
    summary_.interval_max_us = hi;
  } else {
    summary_.time_min_us = std::min(summary_.time_min_us, t);
    summary_.time_max_us = std::max(summary_.time_max_us, t);
    summary_.interval_min_us = std::min(summary_.interval_min_us, lo);
    summary_.interval_max_us = std::max(summary_.interval_max_us, hi);
  }
  ++summary_.records;
}

EncodedBlock BlockBuilder::finish() {
  EncodedBlock out;
  out.summary = summary_;
  ByteWriter fields;
  fields.varint(kColumnCount);
  for (const auto& c : columns_) fields.varint(c.size());
  for (const auto& c : columns_) fields.bytes(c.data());
  out.fields_raw_size = static_cast<uint32_t>(fields.size());
  out.fields = compress(fields.data(), zstd_level_);
  out.lines_raw_size = static_cast<uint32_t>(lines_.size());
  out.lines = compress(lines_.data(), zstd_level_);
  encode_bloom_filter(std::move(url_keys_), &out.url_filter);
  encode_bloom_filter(std::move(ip_keys_), &out.ip_filter);
  reset();
  return out;
}

void BlockBuilder::reset() {
  for (auto& c : columns_) c.clear();
  lines_.clear();
  url_keys_.clear();
  ip_keys_.clear();
  summary_ = BlockSummary{};
  prev_time_ = 0;
  prev_line_ = 0;
  prev_offset_ = 0;
}

std::vector<StoredRecord> decode_block_fields(std::string_view fields_frame, uint32_t raw_size,
                                              uint32_t records, std::string_view what) {
  std::string fields = decompress(fields_frame, raw_size, what);
  ByteReader header(fields, what);
  uint64_t ncol = header.varint();
  if (ncol < 19) header.fail("too few columns");
  std::vector<uint64_t> sizes(ncol);
  for (auto& s : sizes) s = header.varint();
  std::vector<ByteReader> col;
  col.reserve(ncol);
  for (uint64_t s : sizes) col.emplace_back(header.bytes(s), what);

  std::vector<StoredRecord> out(records);
  int64_t time = 0;
  uint64_t line = 0;
  uint64_t offset = 0;
  for (auto& r : out) {
    time += col[0].svarint();
    r.time.utc_us = time;
    r.time.offset_s = static_cast<int32_t>(col[1].svarint());
    uint8_t flags = col[2].u8();
    r.time.precision = static_cast<TimePrecision>(flags & 3);
    r.time.offset_source = static_cast<OffsetSource>(flags >> 2 & 3);
    r.time_meaning = static_cast<TimeMeaning>(flags >> 4 & 1);
    r.client_kind = static_cast<ClientKind>(flags >> 5 & 3);
    if (flags >> 5 > 2 || (flags & 3) > 2) col[2].fail("bad record flags");
    r.duration_us = get_optional(col[3]);
    if (r.client_kind == ClientKind::kAddress) {
      IpAddress::Bytes b;
      std::string_view s = col[4].bytes(16);
      std::copy(s.begin(), s.end(), reinterpret_cast<char*>(b.data()));
      r.client = IpAddress(b);
    } else if (r.client_kind == ClientKind::kHostname) {
      r.client_text = col[5].string();
    }
    r.client_port = static_cast<int32_t>(get_optional(col[6]));
    r.host = col[7].string();
    r.server_port = static_cast<int32_t>(get_optional(col[8]));
    r.method = col[9].string();
    r.target = col[10].string();
    r.protocol = col[11].string();
    r.status = static_cast<int32_t>(get_optional(col[12]));
    r.response_bytes = get_optional(col[13]);
    r.referer = col[14].string();
    r.user_agent = col[15].string();
    r.source.source_id = static_cast<uint32_t>(col[16].varint());
    line += static_cast<uint64_t>(col[17].svarint());
    r.source.line = line;
    offset += static_cast<uint64_t>(col[18].svarint());
    r.source.offset = offset;
  }
  return out;
}

void decode_block_lines(std::string_view lines_frame, uint32_t raw_size,
                        std::vector<StoredRecord>* records, std::string_view what) {
  std::string lines = decompress(lines_frame, raw_size, what);
  ByteReader r(lines, what);
  for (auto& rec : *records) rec.raw = r.string();
  if (!r.done()) r.fail("extra bytes after the last line");
}

}  // namespace alcor
