#include "index/record_block.h"

#include <zstd.h>

#include <algorithm>
#include <array>
#include <utility>

#include "index/address_set.h"
#include "index/bloom_filter.h"
#include "parsers/url.h"

namespace alcor {
namespace {

// 3: addresses moved out of the frame into the block's address set; ports
// that repeat the client's previous one stored as a bit.
constexpr uint64_t kFormatVersion = 3;

// Byte offsets cost a byte or two per record and are needed only to find an
// evidence line, so blocks store the offset of every 64th record; evidence
// scans at most 63 lines forward from there. Blocks that keep their lines
// (nothing to scan) store every offset.
constexpr uint64_t kOffsetSampling = 64;

// Columns in the order they follow the header; see encode below.
enum Column : int {
  kTime, kOffset, kFlags, kDuration, kClient, kPortRepeat, kPort, kHost, kServerPort, kMethod, kUrl, kStatus, kSource,
  kLine, kLineOffset, kHostnames, kHosts, kMethods, kUrls, kColumnCount
};

// bits 0-1 precision, 2-3 offset source, 4 time meaning, 5-6 client kind,
// 7 port logged (the port column is then the port, else 0).
constexpr uint8_t kPortLogged = 0x80;

uint8_t pack_flags(const LogRecord& r) {
  return static_cast<uint8_t>(static_cast<unsigned>(r.time.precision) |
                              static_cast<unsigned>(r.time.offset_source) << 2 |
                              static_cast<unsigned>(r.time_meaning) << 4 |
                              static_cast<unsigned>(r.client_kind) << 5 |
                              (r.client_port == kPortNotLogged ? 0u : kPortLogged));
}

// Compresses `in` with `ctx`, or with a context of its own when null.
// zstd wants room for its worst case; `scratch` (kept by the caller between
// calls) holds it, so only the frame's own bytes are allocated per call: a
// fresh zeroed worst-case buffer per block cost page faults on every block.
std::string compress(std::string_view in, int level, ZSTD_CCtx* ctx, std::string* scratch) {
  const size_t bound = ZSTD_compressBound(in.size());
  if (scratch->size() < bound) scratch->resize(bound);
  size_t n = ctx ? ZSTD_compressCCtx(ctx, scratch->data(), bound, in.data(), in.size(), level)
                 : ZSTD_compress(scratch->data(), bound, in.data(), in.size(), level);
  if (ZSTD_isError(n)) throw IndexError(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
  return scratch->substr(0, n);
}

std::string decompress(std::string_view frame, uint32_t raw_size, std::string_view what) {
  // The frame header states its decoded size: a damaged directory entry
  // must not make us allocate gigabytes before zstd can object.
  const unsigned long long declared = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (declared == ZSTD_CONTENTSIZE_ERROR || (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != raw_size)) {
    throw IndexError("damaged " + std::string(what) + ": block size does not match its frame");
  }
  std::string out(raw_size, '\0');
  size_t n = ZSTD_decompress(out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(n) || n != raw_size) {
    throw IndexError("damaged " + std::string(what) + ": block does not decompress" +
                     (ZSTD_isError(n) ? std::string(" (") + ZSTD_getErrorName(n) + ")" : std::string()));
  }
  return out;
}

// "-1 means absent" integers as unsigned varints shifted by one.
char* put_optional(char* p, int64_t v) { return put_varint(p, static_cast<uint64_t>(v + 1)); }
int64_t get_optional(ByteReader& r) { return static_cast<int64_t>(r.varint() - 1); }  // wraps, never overflows

// The canonical host a record was served for: its logged host, else the host
// of an absolute-form target.
std::string canonical_record_host(const LogRecord& r, const CanonicalUrl& url) {
  return r.host.empty() ? url.host : canonicalize_host(r.host);
}

// Client ports repeat within a block: requests on one keep-alive connection
// carry its port, so a port equal to the client's previous one is stored as
// a bit instead of 16 random bits. Clients are told apart by kind and
// dictionary index; every client without an address or name shares a slot.
class PortRepeats {
 public:
  PortRepeats(size_t addresses, size_t hostnames)
      : addresses_(addresses), last_(addresses + hostnames + 1, kPortNotLogged) {}

  // Whether `port` equals the previous port of this client; remembers it.
  bool repeats(ClientKind kind, uint64_t client, int32_t port) {
    int32_t& last = last_[slot(kind, client)];
    const bool same = last == port;
    last = port;
    return same;
  }
  // kPortNotLogged when the client had no port yet.
  int32_t previous(ClientKind kind, uint64_t client) const { return last_[slot(kind, client)]; }

 private:
  // Indexes are checked against the dictionaries before they get here.
  size_t slot(ClientKind kind, uint64_t client) const {
    switch (kind) {
      case ClientKind::kAddress: return static_cast<size_t>(client);
      case ClientKind::kHostname: return addresses_ + static_cast<size_t>(client);
      default: return last_.size() - 1;
    }
  }

  size_t addresses_;
  std::vector<int32_t> last_;
};

// Sorts words whose low halves already ascend (positions, in the order the
// words were made): a stable sort by the high half alone then sorts the
// whole words. Least significant digit first, three passes of 11 bits with
// the counts of all three taken in one read: a block's few thousand IPv4
// addresses in a fifth of std::sort's time, which it stays for short runs.
void sort_by_high_half(std::vector<uint64_t>& words) {
  constexpr int kBits = 11;
  constexpr int kPasses = 3;  // 33 bits: the 32 of the high half
  constexpr size_t kBuckets = size_t{1} << kBits;
  if (words.size() < 256) {
    std::sort(words.begin(), words.end());
    return;
  }
  auto digit = [](uint64_t w, int pass) { return static_cast<size_t>(w >> (32 + pass * kBits)) & (kBuckets - 1); };
  std::vector<std::array<uint32_t, kBuckets>> starts(kPasses);  // zeroed
  for (uint64_t w : words) {
    for (int pass = 0; pass < kPasses; ++pass) ++starts[pass][digit(w, pass)];
  }
  std::vector<uint64_t> scratch(words.size());
  for (int pass = 0; pass < kPasses; ++pass) {
    uint32_t sum = 0;
    for (uint32_t& c : starts[pass]) sum += std::exchange(c, sum);  // counts -> first index of each digit
    for (uint64_t w : words) scratch[starts[pass][digit(w, pass)]++] = w;
    words.swap(scratch);
  }
}

// Positions of `addresses` in ascending order. IPv4 addresses, most of a
// block's, are sorted as 64-bit words, address above position, without a
// comparison through the table; the others are sorted by comparison.
// IPv4-mapped addresses fill one range of the address space
// (::ffff:0.0.0.0/96), so the others go before or after them.
std::vector<uint32_t> sorted_order(const std::vector<IpAddress>& addresses) {
  // The others as two words and a position: compared as integers, without
  // going back to the table (distinct addresses: no ties to order).
  struct Wide {
    uint64_t hi, lo;
    uint32_t at;
    bool operator<(const Wide& o) const { return hi != o.hi ? hi < o.hi : lo < o.lo; }
  };
  std::vector<uint64_t> v4;
  std::vector<Wide> others;
  v4.reserve(addresses.size());
  for (uint32_t i = 0; i < addresses.size(); ++i) {
    if (addresses[i].is_v4()) {
      v4.push_back(uint64_t{addresses[i].v4()} << 32 | i);
    } else {
      others.push_back(Wide{addresses[i].hi(), addresses[i].lo(), i});
    }
  }
  sort_by_high_half(v4);
  std::sort(others.begin(), others.end());
  const IpAddress first_v4 = IpAddress::from_v4(0);
  const auto above = std::partition_point(others.begin(), others.end(), [&](const Wide& w) {
    return w < Wide{first_v4.hi(), first_v4.lo(), 0};
  });
  std::vector<uint32_t> order;
  order.reserve(addresses.size());
  for (auto it = others.begin(); it != above; ++it) order.push_back(it->at);
  for (uint64_t word : v4) order.push_back(static_cast<uint32_t>(word));
  for (auto it = above; it != others.end(); ++it) order.push_back(it->at);
  return order;
}

// Each position's rank in `order`, a permutation of the positions.
std::vector<uint32_t> ranks(const std::vector<uint32_t>& order) {
  std::vector<uint32_t> rank(order.size());
  for (uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  return rank;
}

// Times are stored in the coarsest unit that represents every time of the
// block exactly: whole seconds for most logs, so deltas stay one byte.
// The units are constants here, so the remainders are multiplications, not
// a division per record.
template <int64_t kUnit, typename Rows>
bool all_multiples(const Rows& rows) {
  return std::all_of(rows.begin(), rows.end(), [](const auto& r) { return r.time_us % kUnit == 0; });
}

// `rows`: anything with a time_us, the builder's rows.
template <typename Rows>
int64_t time_unit_us(const Rows& rows) {
  if (all_multiples<kMicrosPerSecond>(rows)) return kMicrosPerSecond;
  return all_multiples<1000>(rows) ? 1000 : 1;
}

// t / unit for a unit time_unit_us() chose, with constant divisors.
int64_t in_unit(int64_t t, int64_t unit) {
  return unit == kMicrosPerSecond ? t / kMicrosPerSecond : unit == 1000 ? t / 1000 : t;
}

}  // namespace

RequestInterval request_interval(int64_t time_us, TimeMeaning meaning, int64_t duration_us,
                                 TimePrecision precision) {
  const int64_t d = std::max<int64_t>(duration_us, 0);
  const int64_t coarse = precision_span_us(precision);
  return meaning == TimeMeaning::kLogWrite ? RequestInterval{time_us - d, time_us + coarse}
                                           : RequestInterval{time_us, time_us + d + coarse};
}

int64_t StoredRecord::interval_start_us() const {
  return request_interval(time.utc_us, time_meaning, duration_us, time.precision).start_us;
}

int64_t StoredRecord::interval_end_us() const {
  return request_interval(time.utc_us, time_meaning, duration_us, time.precision).end_us;
}

void BlockBuilder::FreeZstdContext::operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }

BlockBuilder::BlockBuilder(int zstd_level, bool keep_lines)
    : zstd_level_(zstd_level), keep_lines_(keep_lines), zstd_(ZSTD_createCCtx()) {
  if (!zstd_) throw IndexError("zstd: cannot create a compression context");
}

uint32_t BlockBuilder::StringDictionary::id(std::string_view s) {
  if (last != UINT32_MAX && *order[last] == s) return last;
  auto it = ids.find(s);
  if (it == ids.end()) {
    it = ids.emplace(std::string(s), static_cast<uint32_t>(order.size())).first;
    order.push_back(&it->first);
  }
  return last = it->second;
}

void BlockBuilder::add(const LogRecord& r, const Provenance& p, std::string_view raw_line) {
  Row row;
  row.time_us = r.time.utc_us;
  row.duration_us = r.duration_us;
  row.offset_s = r.time.offset_s;
  row.port = r.client_port;
  row.status = r.status;
  row.server_port = r.server_port;
  row.flags = pack_flags(r);
  row.source_id = p.source_id;
  row.line = p.line;
  row.offset = p.offset;
  row.client = 0;
  row.url = 0;
  // Most targets are already canonical; only the others pay for the copy.
  CanonicalUrl url;
  std::string_view path_query = r.target;
  if (!is_canonical_origin_target(r.target)) {
    url = canonicalize_target(r.target);
    path_query = url.path_query;
  }
  const bool address = r.client_kind == ClientKind::kAddress;
  const uint64_t url_key = url_path_key(path_query);
  // The address and URL tables outgrow the L1 and L2 caches, and a probe
  // that waits on memory costs more than the rest of add(). Their slots are
  // fetched now and probed on the next add() (or in finish()), after the
  // caller has parsed another line.
  if (address) address_ids_.prefetch(r.client);
  url_ids_.prefetch(url_key);

  if (r.client_kind == ClientKind::kHostname) row.client = hostnames_.id(r.client_text);
  row.method = methods_.id(r.method);
  if (!url.host.empty()) {
    row.host = hosts_.id(canonical_record_host(r, url));
  } else {
    uint32_t logged = logged_hosts_.id(r.host);
    if (logged == logged_host_canonical_.size()) logged_host_canonical_.push_back(hosts_.id(canonicalize_host(r.host)));
    row.host = logged_host_canonical_[logged];
  }
  if (keep_lines_) lines_.string(raw_line);

  const auto [lo, hi] = request_interval(r.time.utc_us, r.time_meaning, r.duration_us, r.time.precision);
  if (summary_.records == 0) {
    // rejected_lines may already count lines before the first record.
    summary_.time_min_us = summary_.time_max_us = row.time_us;
    summary_.interval_min_us = lo;
    summary_.interval_max_us = hi;
  } else {
    summary_.time_min_us = std::min(summary_.time_min_us, row.time_us);
    summary_.time_max_us = std::max(summary_.time_max_us, row.time_us);
    summary_.interval_min_us = std::min(summary_.interval_min_us, lo);
    summary_.interval_max_us = std::max(summary_.interval_max_us, hi);
  }
  ++summary_.records;

  probe_pending();
  rows_.push_back(row);
  pending_ = true;
  pending_address_ = address;
  pending_client_ = r.client;
  pending_url_key_ = url_key;
  // A record without a host is found by its URL's path key (the filter says
  // so), which the URL's entry already adds: it has no pair key to make.
  pending_pair_ = !hosts_.order[row.host]->empty();
  hostless_ |= !pending_pair_;
  if (pending_pair_) pending_path_query_.assign(path_query);
}

// Dictionary ids of the last row added: its client address and URL, and
// the (host, URL) pairs the URL filter gets. Rows are probed in the order
// they were added, so ids are numbered by first appearance as before.
void BlockBuilder::probe_pending() {
  if (!pending_) return;
  pending_ = false;
  Row& row = rows_.back();
  if (pending_address_) {
    auto [id, added] = address_ids_.try_emplace(pending_client_, static_cast<uint32_t>(addresses_.size()));
    if (added) addresses_.push_back(pending_client_);
    row.client = id;
  }
  // A URL is mostly requested of one host: its first host's pair is added
  // with the URL, and only the other hosts' pairs need the pair table.
  auto add_pair = [&] {
    if (pending_pair_) host_url_keys_.push_back(url_host_key(*hosts_.order[row.host], pending_path_query_));
  };
  auto [url_id, url_added] = url_ids_.try_emplace(pending_url_key_, static_cast<uint32_t>(urls_.size()));
  row.url = url_id;
  if (url_added) {
    urls_.push_back(pending_url_key_);
    url_first_host_.push_back(row.host);
    add_pair();
  } else if (url_first_host_[url_id] != row.host &&
             host_url_ids_.try_emplace(uint64_t{row.host} << 32 | row.url, 0).second) {
    add_pair();
  }
}

EncodedBlock BlockBuilder::finish() {
  probe_pending();
  EncodedBlock out;
  out.summary = summary_;

  const int64_t unit = time_unit_us(rows_);

  // Column buffers live in the builder: each block's columns are about as
  // large as the last one's, so they no longer regrow from empty.
  columns_.resize(kColumnCount);
  for (ByteWriter& col : columns_) col.clear();
  ByteWriter* const c = columns_.data();
  // The address set is sorted, so the rows index it by rank.
  const std::vector<uint32_t> address_order = sorted_order(addresses_);
  const std::vector<uint32_t> address_rank = ranks(address_order);
  for (Row& r : rows_) {
    if (static_cast<ClientKind>(r.flags >> 5 & 3) == ClientKind::kAddress) r.client = address_rank[r.client];
  }
  PortRepeats repeats(addresses_.size(), hostnames_.order.size());

  const uint64_t sampling = keep_lines_ ? 1 : kOffsetSampling;
  // The per-row columns are written through a pointer each (put_varint()
  // says why), into room for every row's largest value taken first.
  std::array<char*, kLineOffset + 1> at;
  for (int col = 0; col <= kLineOffset; ++col) at[col] = c[col].room(rows_.size() * kMaxVarint);
  int64_t prev_time = 0;
  uint64_t prev_line = 0, prev_offset = 0;
  size_t next_sampled = 0;  // the next row whose offset is stored
  for (size_t i = 0; i < rows_.size(); ++i) {
    const Row r = rows_[i];  // a copy, which the stores cannot touch
    const int64_t time = in_unit(r.time_us, unit);
    at[kTime] = put_varint(at[kTime], zigzag(time - prev_time));
    prev_time = time;
    at[kOffset] = put_varint(at[kOffset], zigzag(r.offset_s));
    at[kFlags] = put_le(at[kFlags], r.flags);
    at[kDuration] = put_optional(at[kDuration], r.duration_us);
    at[kClient] = put_varint(at[kClient], r.client);
    if (r.flags & kPortLogged) {
      const bool repeat = repeats.repeats(static_cast<ClientKind>(r.flags >> 5 & 3), r.client, r.port);
      at[kPortRepeat] = put_le(at[kPortRepeat], uint8_t{repeat});
      if (!repeat) at[kPort] = put_le(at[kPort], static_cast<uint16_t>(r.port));
    }
    at[kHost] = put_varint(at[kHost], r.host);
    at[kServerPort] = put_optional(at[kServerPort], r.server_port);
    at[kMethod] = put_varint(at[kMethod], r.method);
    at[kUrl] = put_varint(at[kUrl], r.url);
    at[kStatus] = put_optional(at[kStatus], r.status);
    at[kSource] = put_varint(at[kSource], r.source_id);
    at[kLine] = put_varint(at[kLine], zigzag(static_cast<int64_t>(r.line - prev_line)));
    prev_line = r.line;
    if (i == next_sampled) {
      at[kLineOffset] = put_varint(at[kLineOffset], zigzag(static_cast<int64_t>(r.offset - prev_offset)));
      prev_offset = r.offset;
      next_sampled += sampling;
    }
  }
  for (int col = 0; col <= kLineOffset; ++col) c[col].commit(at[col]);
  for (const std::string* s : hostnames_.order) c[kHostnames].string(*s);
  for (const std::string* s : hosts_.order) c[kHosts].string(*s);
  for (const std::string* s : methods_.order) c[kMethods].string(*s);
  for (uint64_t u : urls_) c[kUrls].fixed32(url_record_key(u));

  ByteWriter& fields = fields_;
  fields.clear();
  fields.varint(kFormatVersion);
  fields.varint(static_cast<uint64_t>(unit));
  fields.varint(sampling);
  fields.varint(kColumnCount);
  for (const ByteWriter& col : columns_) fields.varint(col.size());
  for (const ByteWriter& col : columns_) fields.bytes(col.data());
  out.fields_raw_size = static_cast<uint32_t>(fields.size());
  out.fields = compress(fields.data(), zstd_level_, zstd_.get(), &compressed_);
  if (keep_lines_) {
    out.lines_raw_size = static_cast<uint32_t>(lines_.size());
    out.lines = compress(lines_.data(), zstd_level_, zstd_.get(), &compressed_);
  }

  std::vector<uint64_t> url_keys(urls_);
  url_keys.insert(url_keys.end(), host_url_keys_.begin(), host_url_keys_.end());
  encode_bloom_filter(std::move(url_keys), hostless_, &out.url_filter);
  std::vector<IpAddress> sorted_addresses;
  sorted_addresses.reserve(addresses_.size());
  for (uint32_t i : address_order) sorted_addresses.push_back(addresses_[i]);
  encode_address_set(sorted_addresses, &out.addresses);
  reset();
  return out;
}

void BlockBuilder::reset() {
  pending_ = false;
  hostless_ = false;
  rows_.clear();
  address_ids_.clear();
  addresses_.clear();
  hostnames_.clear();
  hosts_.clear();
  methods_.clear();
  url_ids_.clear();
  urls_.clear();
  url_first_host_.clear();
  host_url_ids_.clear();
  host_url_keys_.clear();
  logged_hosts_.clear();
  logged_host_canonical_.clear();
  lines_.clear();
  summary_ = BlockSummary{};
}

namespace {

// The decompressed fields of a block cut into their columns.
struct Columns {
  int64_t unit = 0;
  uint64_t sampling = 0;
  std::vector<ByteReader> c;
};

Columns split_columns(std::string_view fields, std::string_view what) {
  Columns out;
  ByteReader header(fields, what);
  if (header.varint() != kFormatVersion) header.fail("unknown block format version");
  out.unit = static_cast<int64_t>(header.varint());
  if (out.unit != 1 && out.unit != 1000 && out.unit != kMicrosPerSecond) header.fail("bad time unit");
  out.sampling = header.varint();
  if (out.sampling == 0) header.fail("bad offset sampling");
  if (header.varint() != kColumnCount) header.fail("unexpected column count");
  std::vector<uint64_t> sizes(kColumnCount);
  for (auto& s : sizes) s = header.varint();
  out.c.reserve(kColumnCount);
  for (uint64_t s : sizes) out.c.emplace_back(header.bytes(s), what);
  return out;
}

// The next row's time in microseconds, from the time column's delta on
// *time (in the block's unit). Damaged deltas may overflow; the sum wraps
// (defined) and the product is checked.
int64_t next_time_us(ByteReader& col, int64_t unit, int64_t* time) {
  *time = static_cast<int64_t>(static_cast<uint64_t>(*time) + static_cast<uint64_t>(col.svarint()));
  int64_t us;
  if (__builtin_mul_overflow(*time, unit, &us)) col.fail("time out of range");
  return us;
}

// The next row's flags; every precision (2 bits) is valid, not every
// client kind.
uint8_t next_flags(ByteReader& col) {
  const uint8_t flags = col.u8();
  if ((flags >> 5 & 3) > 2) col.fail("bad record flags");
  return flags;
}

}  // namespace

std::vector<StoredRecord> decode_block_fields(std::string_view fields_frame, uint32_t raw_size,
                                              std::string_view address_set, uint32_t records,
                                              std::string_view what, const RecordFilter& keep) {
  const std::string fields = decompress(fields_frame, raw_size, what);
  Columns columns = split_columns(fields, what);
  std::vector<ByteReader>& c = columns.c;
  const int64_t unit = columns.unit;
  const uint64_t sampling = columns.sampling;

  const std::vector<IpAddress> addresses = decode_address_set(address_set, what);
  auto read_strings = [](ByteReader& r) {
    std::vector<std::string_view> v;
    while (!r.done()) v.push_back(r.string());
    return v;
  };
  std::vector<std::string_view> hostnames = read_strings(c[kHostnames]);
  std::vector<std::string_view> hosts = read_strings(c[kHosts]);
  std::vector<std::string_view> methods = read_strings(c[kMethods]);
  std::vector<uint32_t> urls;
  while (!c[kUrls].done()) urls.push_back(c[kUrls].fixed32());
  auto pick = [&](auto& dict, uint64_t i, ByteReader& r) {
    if (i >= dict.size()) r.fail("dictionary index out of range");
    return dict[i];
  };

  PortRepeats repeats(addresses.size(), hostnames.size());
  std::vector<StoredRecord> out;
  if (!keep) out.reserve(records);
  // Every row is decoded (the columns are varint streams) into one scratch
  // record; only the kept ones are copied out.
  StoredRecord r;
  int64_t time = 0;
  uint64_t line = 0, offset = 0, offset_line = 0;
  for (size_t i = 0; i < records; ++i) {
    r.time.utc_us = next_time_us(c[kTime], unit, &time);
    r.time.offset_s = static_cast<int32_t>(c[kOffset].svarint());
    const uint8_t flags = next_flags(c[kFlags]);
    r.time.precision = static_cast<TimePrecision>(flags & 3);
    r.time.offset_source = static_cast<OffsetSource>(flags >> 2 & 3);
    r.time_meaning = static_cast<TimeMeaning>(flags >> 4 & 1);
    r.client_kind = static_cast<ClientKind>(flags >> 5 & 3);
    r.duration_us = get_optional(c[kDuration]);
    uint64_t client = c[kClient].varint();
    r.client = IpAddress();
    r.client_text.clear();
    if (r.client_kind == ClientKind::kAddress) {
      r.client = pick(addresses, client, c[kClient]);
    } else if (r.client_kind == ClientKind::kHostname) {
      r.client_text = pick(hostnames, client, c[kClient]);
    }
    r.client_port = kPortNotLogged;
    if (flags & kPortLogged) {
      const uint8_t repeat = c[kPortRepeat].u8();
      if (repeat > 1) c[kPortRepeat].fail("bad port repeat");
      const int32_t port = repeat ? repeats.previous(r.client_kind, client) : c[kPort].fixed16();
      if (port == kPortNotLogged) c[kPortRepeat].fail("port repeat without a port before");
      repeats.repeats(r.client_kind, client, port);
      r.client_port = port;
    }
    r.host = pick(hosts, c[kHost].varint(), c[kHost]);
    r.server_port = static_cast<int32_t>(get_optional(c[kServerPort]));
    r.method = pick(methods, c[kMethod].varint(), c[kMethod]);
    r.url_key = pick(urls, c[kUrl].varint(), c[kUrl]);
    r.status = static_cast<int32_t>(get_optional(c[kStatus]));
    r.source.source_id = static_cast<uint32_t>(c[kSource].varint());
    line += static_cast<uint64_t>(c[kLine].svarint());
    r.source.line = line;
    if (i % sampling == 0) {
      offset += static_cast<uint64_t>(c[kLineOffset].svarint());
      offset_line = line;
    }
    r.source.offset = offset;
    r.offset_line = offset_line;
    if (!keep || keep(r)) out.push_back(r);
  }
  return out;
}

std::vector<AddressRow> find_address_rows(std::string_view fields_frame, uint32_t raw_size, uint32_t records,
                                          uint64_t rank_first, uint64_t rank_last, int64_t from_us, int64_t to_us,
                                          std::string_view what) {
  std::vector<AddressRow> out;
  if (rank_first >= rank_last) return out;
  const std::string fields = decompress(fields_frame, raw_size, what);
  Columns columns = split_columns(fields, what);
  std::vector<ByteReader>& c = columns.c;
  int64_t time = 0;
  uint64_t line = 0;
  // The same per-row reads as decode_block_fields(), of five columns only:
  // each of them holds exactly one value per row.
  for (uint32_t i = 0; i < records; ++i) {
    const int64_t utc_us = next_time_us(c[kTime], columns.unit, &time);
    const uint8_t flags = next_flags(c[kFlags]);
    const uint64_t client = c[kClient].varint();
    const auto source_id = static_cast<uint32_t>(c[kSource].varint());
    line += static_cast<uint64_t>(c[kLine].svarint());
    if (static_cast<ClientKind>(flags >> 5 & 3) == ClientKind::kAddress && client >= rank_first &&
        client < rank_last && utc_us >= from_us && utc_us <= to_us) {
      out.push_back({utc_us, source_id, line, i});
    }
  }
  return out;
}

std::vector<ColumnSize> block_column_sizes(std::string_view fields_frame, uint32_t raw_size, std::string_view what,
                                           int zstd_level) {
  static constexpr std::string_view kNames[kColumnCount] = {
      "time", "utc offset", "flags", "duration", "client", "port repeat", "port", "host", "server port", "method", "url",
      "status", "source", "line", "byte offset", "host-name dictionary",
      "host dictionary", "method dictionary", "url dictionary"};
  const std::string fields = decompress(fields_frame, raw_size, what);
  Columns columns = split_columns(fields, what);
  std::vector<ColumnSize> out;
  std::string scratch;
  for (int i = 0; i < kColumnCount; ++i) {
    std::string_view col = columns.c[static_cast<size_t>(i)].bytes(columns.c[static_cast<size_t>(i)].remaining());
    out.push_back({kNames[i], col.size(), col.empty() ? 0 : compress(col, zstd_level, nullptr, &scratch).size()});
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
