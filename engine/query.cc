#include "engine/query.h"

#include <algorithm>

#include "engine/evidence.h"
#include "index/bloom_filter.h"

namespace alcor {
namespace {

// The filter probes that stand for an address prefix: keys of the stored
// prefix length nearest at or above the query's. Empty when the prefix is
// too wide to enumerate (then only the time range narrows the search).
std::vector<uint64_t> prefix_probes(const IpPrefix& prefix) {
  constexpr int kMaxExpansionBits = 8;  // at most 256 probes per block
  std::vector<int> levels = ip_filter_prefix_bits(prefix.network.is_v4() && prefix.bits >= 96);
  levels.push_back(128);
  auto level = std::find_if(levels.begin(), levels.end(), [&](int l) { return l >= prefix.bits; });
  if (level == levels.end() || *level - prefix.bits > kMaxExpansionBits) return {};
  int extra = *level - prefix.bits;
  std::vector<uint64_t> probes;
  IpAddress::Bytes b = prefix.network.bytes();
  for (uint32_t i = 0; i < (1u << extra); ++i) {
    // Write i into bits [prefix.bits, *level) of the address.
    IpAddress::Bytes v = b;
    for (int k = 0; k < extra; ++k) {
      int bit = prefix.bits + k;
      if (i >> (extra - 1 - k) & 1) v[bit / 8] |= static_cast<uint8_t>(0x80 >> (bit % 8));
    }
    probes.push_back(ip_prefix_key(IpAddress(v), *level));
  }
  return probes;
}

bool any_present(const BloomFilterView& f, const std::vector<uint64_t>& keys) {
  return std::any_of(keys.begin(), keys.end(), [&](uint64_t k) { return f.may_contain(k); });
}

void sort_hits(std::vector<Hit>& hits) {
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.record.time.utc_us != b.record.time.utc_us) return a.record.time.utc_us < b.record.time.utc_us;
    if (a.record.source.source_id != b.record.source.source_id) {
      return a.record.source.source_id < b.record.source.source_id;
    }
    return a.record.source.line < b.record.source.line;
  });
}

// Visits every block that `keep_block` admits, decodes it, and collects the
// records `keep_record` admits, with their raw lines.
template <typename BlockPred, typename RecordPred>
std::vector<Hit> scan(const IndexReader& index, QueryStats* stats, BlockPred keep_block, RecordPred keep_record) {
  QueryStats local;
  std::vector<Hit> hits;
  for (const SegmentReader& seg : index.segments()) {
    for (size_t i = 0; i < seg.blocks().size(); ++i) {
      ++local.blocks_total;
      if (!keep_block(seg.blocks()[i])) continue;
      ++local.blocks_read;
      std::vector<StoredRecord> records = seg.read_fields(i);
      local.records_checked += records.size();
      std::vector<size_t> matched;
      for (size_t r = 0; r < records.size(); ++r) {
        if (keep_record(records[r])) matched.push_back(r);
      }
      if (matched.empty()) continue;
      seg.read_lines(i, &records);  // only sources whose lines the index kept
      for (size_t r : matched) {
        Hit h;
        h.record = std::move(records[r]);
        h.source = index.manifest().find_id(h.record.source.source_id);
        hits.push_back(std::move(h));
      }
    }
  }
  sort_hits(hits);
  EvidenceReader(index.manifest()).fill(hits);
  if (stats) *stats = local;
  return hits;
}

}  // namespace

std::vector<Hit> find_time_url(const IndexReader& index, const TimeUrlQuery& q, QueryStats* stats) {
  const int64_t lo = q.at_us - q.window_us;
  const int64_t hi = q.at_us + q.window_us;
  // A record without a host matches a query for any host; its filter key is
  // the host key of "".
  std::vector<uint64_t> probes;
  if (q.url.host.empty()) {
    probes.push_back(url_path_key(q.url.path_query));
  } else {
    probes.push_back(url_host_key(q.url.host, q.url.path_query));
    probes.push_back(url_host_key("", q.url.path_query));
  }
  auto keep_block = [&](const BlockRef& b) {
    if (b.summary.interval_max_us < lo || b.summary.interval_min_us > hi) return false;
    BloomFilterView f;
    return !f.reset(b.url_filter) || any_present(f, probes);
  };
  const uint32_t url_key = url_record_key(url_path_key(q.url.path_query));
  auto keep_record = [&](const StoredRecord& r) {
    if (r.interval_end_us() < lo || r.interval_start_us() > hi) return false;
    if (!q.method.empty() && r.method != q.method) return false;
    if (r.url_key != url_key) return false;
    // A record whose log carries no host matches any host.
    return q.url.host.empty() || r.host.empty() || r.host == q.url.host;
  };
  return scan(index, stats, keep_block, keep_record);
}

std::vector<Hit> find_address(const IndexReader& index, const AddressQuery& q, QueryStats* stats) {
  const int64_t lo = q.from_us.value_or(INT64_MIN);
  const int64_t hi = q.to_us.value_or(INT64_MAX);
  std::vector<uint64_t> probes = prefix_probes(q.prefix);
  auto keep_block = [&](const BlockRef& b) {
    if (b.summary.time_max_us < lo || b.summary.time_min_us > hi) return false;
    BloomFilterView f;
    return probes.empty() || !f.reset(b.ip_filter) || any_present(f, probes);
  };
  auto keep_record = [&](const StoredRecord& r) {
    return r.client_kind == ClientKind::kAddress && r.time.utc_us >= lo && r.time.utc_us <= hi &&
           q.prefix.contains(r.client);
  };
  return scan(index, stats, keep_block, keep_record);
}

}  // namespace alcor
