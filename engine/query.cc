#include "engine/query.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <charconv>
#include <cstdlib>

#include "engine/evidence.h"
#include "index/address_set.h"
#include "index/bloom_filter.h"

namespace alcor {
namespace {

bool any_present(const BloomFilterView& f, const std::vector<uint64_t>& keys) {
  return std::any_of(keys.begin(), keys.end(), [&](uint64_t k) { return f.may_contain(k); });
}

bool same_place_before(const Hit& a, const Hit& b) {
  if (a.record.source.source_id != b.record.source.source_id) {
    return a.record.source.source_id < b.record.source.source_id;
  }
  return a.record.source.line < b.record.source.line;
}

void sort_by_time(std::vector<Hit>& hits) {
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.record.time.utc_us != b.record.time.utc_us) return a.record.time.utc_us < b.record.time.utc_us;
    return same_place_before(a, b);
  });
}

void sort_by_distance(std::vector<Hit>& hits) {
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.distance_us != b.distance_us) return a.distance_us < b.distance_us;
    if (std::llabs(a.offset_us) != std::llabs(b.offset_us)) return std::llabs(a.offset_us) < std::llabs(b.offset_us);
    return same_place_before(a, b);
  });
}

// Distance from `at` to [lo, hi]; 0 inside.
int64_t distance_to(int64_t at, int64_t lo, int64_t hi) {
  return at < lo ? lo - at : at > hi ? at - hi : 0;
}

// "/bbs" is a prefix of "/bbs", "/bbs/1" and "/bbs?x", not of "/bbsx"; a
// prefix with a query ("/read?t=7") ends at a parameter ("&") or the end.
bool is_url_prefix(std::string_view prefix, std::string_view path_query) {
  if (path_query.substr(0, prefix.size()) != prefix) return false;
  if (path_query.size() == prefix.size() || prefix.empty()) return true;
  char last = prefix.back(), next = path_query[prefix.size()];
  if (prefix.find('?') != std::string_view::npos) return last == '&' || last == '?' || next == '&';
  return last == '/' || next == '/' || next == '?';
}

// Visits every block whose summary `keep_summary` admits and, once its
// checksum is verified (a damaged filter must not skip a block silently),
// whose filters `keep_block` admit; decodes it (through `cache` when given),
// and collects the records `keep_record` admits, with their raw lines.
template <typename SummaryPred, typename BlockPred, typename RecordPred>
std::vector<Hit> scan(const IndexReader& index, QueryStats* stats, BlockCache* cache, SummaryPred keep_summary,
                      BlockPred keep_block, RecordPred keep_record) {
  QueryStats local;
  std::vector<Hit> hits;
  for (const SegmentReader& seg : index.segments()) {
    for (size_t i = 0; i < seg.blocks().size(); ++i) {
      ++local.blocks_total;
      if (!keep_summary(seg.blocks()[i].summary)) continue;
      seg.check_block(i);
      const BlockRef& block = seg.blocks()[i];
      if (!keep_block(block)) continue;
      ++local.blocks_read;
      local.records_checked += block.summary.records;
      // Without a cache, only the matching records are built, except where
      // the block's kept lines are matched to its records by position.
      std::vector<StoredRecord> own;
      const std::vector<StoredRecord>* records =
          cache                  ? &cache->get(seg, i, false)
          : block.lines.empty() ? &(own = seg.read_fields(i, keep_record))
                                 : &(own = seg.read_fields(i));
      std::vector<size_t> matched;
      for (size_t r = 0; r < records->size(); ++r) {
        if (keep_record((*records)[r])) matched.push_back(r);
      }
      if (matched.empty()) continue;
      if (cache) {
        records = &cache->get(seg, i, true);
      } else {
        seg.read_lines(i, &own);
      }
      for (size_t r : matched) {
        Hit h;
        h.record = (*records)[r];
        h.source = index.manifest().find_id(h.record.source.source_id);
        hits.push_back(std::move(h));
      }
    }
  }
  if (stats) *stats = local;
  return hits;
}

}  // namespace

bool compile_url_regex(TimeUrlQuery* q, std::string* error) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<RE2>(q->url.path_query, options);
  if (!re->ok()) {
    *error = "bad regular expression '" + q->url.path_query + "': " + re->error();
    return false;
  }
  q->regex = std::move(re);
  return true;
}

std::optional<std::vector<StatusRange>> parse_status_filter(std::string_view text) {
  std::vector<StatusRange> out;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    auto number = [](std::string_view s) -> std::optional<int32_t> {
      int32_t v = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc() || p != s.data() + s.size() || s.size() != 3) return std::nullopt;
      return v;
    };
    if (item.size() == 3 && item[0] >= '1' && item[0] <= '5' && (item.substr(1) == "xx" || item.substr(1) == "XX")) {
      int32_t base = (item[0] - '0') * 100;
      out.push_back({base, base + 99});
    } else if (size_t dash = item.find('-'); dash != std::string_view::npos) {
      auto lo = number(item.substr(0, dash)), hi = number(item.substr(dash + 1));
      if (!lo || !hi || *lo > *hi) return std::nullopt;
      out.push_back({*lo, *hi});
    } else if (auto v = number(item)) {
      out.push_back({*v, *v});
    } else {
      return std::nullopt;
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::vector<Hit> find_time_url(const IndexReader& index, const TimeUrlQuery& q, QueryStats* stats,
                               QuerySession* session) {
  const int64_t other = q.other_at_us.value_or(q.at_us);
  const int64_t lo = std::min(q.at_us, other) - q.window_us;
  const int64_t hi = std::max(q.at_us, other) + q.window_us;
  auto near_asked = [&](int64_t start, int64_t end) {
    return distance_to(q.at_us, start, end) <= q.window_us || distance_to(other, start, end) <= q.window_us;
  };
  // The filters hold exact URL keys only: prefix and regex queries are
  // narrowed by time alone. A record without a host matches a query for any
  // host; a filter keys it by the pair of host "" or by the path key
  // (BloomFilterView::hostless_by_path()), so a host query has a probe set
  // for each.
  std::vector<uint64_t> probes, probes_hostless_by_path;
  if (q.match == UrlMatch::kExact) {
    const uint64_t path_key = url_path_key(q.url.path_query);
    if (q.url.host.empty()) {
      probes = probes_hostless_by_path = {path_key};
    } else {
      const uint64_t pair_key = url_host_key(q.url.host, q.url.path_query);
      probes = {pair_key, url_host_key("", q.url.path_query)};
      probes_hostless_by_path = {pair_key, path_key};
    }
  }
  auto keep_summary = [&](const BlockSummary& b) {
    return b.interval_max_us >= lo && b.interval_min_us <= hi && near_asked(b.interval_min_us, b.interval_max_us);
  };
  auto keep_block = [&](const BlockRef& b) {
    BloomFilterView f;
    return probes.empty() || !f.reset(b.url_filter) ||
           any_present(f, f.hostless_by_path() ? probes_hostless_by_path : probes);
  };
  // Exact queries match on the URL key the index keeps; prefix and regex
  // queries need the logged URL itself, which only the evidence line has, so
  // they take every request near the time and filter after reading it.
  const uint32_t url_key = url_record_key(url_path_key(q.url.path_query));
  auto keep_record = [&](const StoredRecord& r) {
    if (!near_asked(r.interval_start_us(), r.interval_end_us())) return false;
    if (!q.method.empty() && r.method != q.method) return false;
    if (!q.statuses.empty() && std::none_of(q.statuses.begin(), q.statuses.end(), [&](const StatusRange& s) {
          return r.status >= s.lo && r.status <= s.hi;
        })) {
      return false;
    }
    if (q.match == UrlMatch::kExact && r.url_key != url_key) return false;
    // A record whose log carries no host matches any host.
    return q.url.host.empty() || r.host.empty() || r.host == q.url.host;
  };
  auto path_matches = [&](std::string_view logged) {
    switch (q.match) {
      case UrlMatch::kExact: return logged == q.url.path_query;
      case UrlMatch::kPrefix: return is_url_prefix(q.url.path_query, logged);
      case UrlMatch::kRegex: return RE2::PartialMatch(logged, *q.regex);
    }
    return false;
  };
  std::vector<Hit> hits =
      scan(index, stats, session ? &session->blocks : nullptr, keep_summary, keep_block, keep_record);
  if (session) {
    session->evidence.fill(hits);
  } else {
    EvidenceReader(index).fill(hits);
  }
  if (q.match != UrlMatch::kExact) {
    // Without its line a candidate cannot be told apart: it stays, marked.
    std::erase_if(hits, [&](const Hit& h) {
      return h.evidence_error.empty() && !path_matches(canonicalize_target(h.record.target).path_query);
    });
  }
  for (Hit& h : hits) {
    const StoredRecord& r = h.record;
    int64_t d1 = distance_to(q.at_us, r.interval_start_us(), r.interval_end_us());
    int64_t d2 = distance_to(other, r.interval_start_us(), r.interval_end_us());
    int64_t nearer = d1 <= d2 ? q.at_us : other;
    h.distance_us = std::min(d1, d2);
    h.offset_us = r.time.utc_us - nearer;
  }
  sort_by_distance(hits);
  return hits;
}

AddressAnswer find_address(const IndexReader& index, const AddressQuery& q, QueryStats* stats) {
  const int64_t lo = q.from_us.value_or(INT64_MIN);
  const int64_t hi = q.to_us.value_or(INT64_MAX);
  // Every match is placed (time, source, line) from five columns of its
  // block, which gives the exact total and the page; only the blocks that
  // hold the page are decoded in full. A heavy address over a day matches in
  // every block of the day, so this is most of the query's cost saved.
  struct Match {
    AddressRow row;
    const SegmentReader* seg;
    size_t block;
  };
  QueryStats local;
  std::vector<Match> matches;
  for (const SegmentReader& seg : index.segments()) {
    for (size_t i = 0; i < seg.blocks().size(); ++i) {
      ++local.blocks_total;
      const BlockSummary& b = seg.blocks()[i].summary;
      if (b.time_max_us < lo || b.time_min_us > hi) continue;
      std::vector<AddressRow> rows = seg.address_rows(i, q.prefix, lo, hi);
      if (rows.empty()) continue;
      ++local.blocks_read;
      local.records_checked += b.records;
      for (const AddressRow& r : rows) matches.push_back({r, &seg, i});
    }
  }
  if (stats) *stats = local;
  // The order sort_by_time() gives the hits.
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    if (a.row.utc_us != b.row.utc_us) return a.row.utc_us < b.row.utc_us;
    if (a.row.source_id != b.row.source_id) return a.row.source_id < b.row.source_id;
    return a.row.line < b.row.line;
  });
  AddressAnswer answer;
  answer.total = matches.size();
  answer.offset = std::min<uint64_t>(q.offset, answer.total);
  const uint64_t end = q.limit == 0 ? answer.total : std::min(answer.total, answer.offset + q.limit);
  // The page's records, block by block (each block decoded once). Only the
  // page's rows are built, found again by source and line (a line makes one
  // record at most): building a block's thousands of records would touch
  // megabytes of fresh memory, and its page faults were a third of a
  // one-day address query. A block of standard input matches its kept lines
  // to its records by position, so it is built whole.
  using LineKey = std::pair<uint32_t, uint64_t>;  // (source id, line)
  auto key_of = [](const StoredRecord& r) { return LineKey(r.source.source_id, r.source.line); };
  std::map<std::pair<const SegmentReader*, size_t>, std::vector<LineKey>> page_blocks;
  for (uint64_t k = answer.offset; k < end; ++k) {
    page_blocks[{matches[k].seg, matches[k].block}].emplace_back(matches[k].row.source_id, matches[k].row.line);
  }
  for (auto& entry : page_blocks) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one.
    const auto& [seg, block] = entry.first;
    std::vector<LineKey>& wanted = entry.second;
    std::sort(wanted.begin(), wanted.end());
    auto is_wanted = [&](const StoredRecord& r) { return std::binary_search(wanted.begin(), wanted.end(), key_of(r)); };
    std::vector<StoredRecord> records;
    if (seg->blocks()[block].lines.empty()) {
      records = seg->read_fields(block, is_wanted);
    } else {
      records = seg->read_fields(block);
      seg->read_lines(block, &records);
    }
    size_t found = 0;
    for (StoredRecord& r : records) {
      if (!is_wanted(r)) continue;
      Hit h;
      h.record = std::move(r);
      h.source = index.manifest().find_id(h.record.source.source_id);
      answer.hits.push_back(std::move(h));
      ++found;
    }
    if (found != wanted.size()) {
      throw IndexError("damaged " + seg->block_name(block) + ": the rows placed for the address are not one record per line each");
    }
  }
  sort_by_time(answer.hits);
  if (q.evidence) {
    // Evidence reads each source once in file order; the page stays in time order.
    EvidenceReader(index).fill(answer.hits);
  } else {
    for (Hit& h : answer.hits) {
      if (h.record.raw.empty()) h.evidence_error = std::string(kNotReread);
    }
  }
  return answer;
}

}  // namespace alcor
