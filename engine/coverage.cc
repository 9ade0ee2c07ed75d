#include "engine/coverage.h"

#include <algorithm>
#include <set>

#include "engine/query.h"
#include "parsers/url.h"

namespace alcor {

std::string_view coverage_state_name(CoverageState s) {
  switch (s) {
    case CoverageState::kCovered: return "covered";
    case CoverageState::kPartial: return "partial";
    case CoverageState::kGap: return "gap";
    case CoverageState::kOutside: return "outside";
    case CoverageState::kNoSource: return "no_source";
  }
  return "?";
}

namespace {

// The span of `host` in `s`: its own entry; the whole source when the log
// names no hosts (such a log may hold any host). Logged host names are
// canonicalized the same way as the asked one.
std::optional<SourceCover> cover_of(const SourceEntry& s, std::string_view host) {
  if (s.span.records == 0) return std::nullopt;
  if (host.empty()) return SourceCover{&s, s.span, !s.hosts.empty()};
  SourceCover c{&s, {}, true};
  for (const auto& [name, span] : s.hosts) {
    if (!name.empty() && canonicalize_host(name) == host) c.span.merge(span);
  }
  if (c.span.records > 0) return c;
  auto none = s.hosts.find("");
  if (none != s.hosts.end() && none->second.records > 0) return SourceCover{&s, none->second, false};
  if (s.hosts.empty()) return SourceCover{&s, s.span, false};
  return std::nullopt;
}

// Counts the lines of `host` (or without a host) whose request interval
// meets the window, and moves before/after to the host's nearest lines.
void count_host_lines(const std::vector<StoredRecord>& records, std::string_view host, Coverage* c) {
  for (const StoredRecord& r : records) {
    if (!host.empty()) {
      std::string h = record_host(r);
      if (!h.empty() && h != host) continue;
    }
    if (r.interval_end_us() < c->from_us) {
      c->before_us = std::max(c->before_us.value_or(r.time.utc_us), r.time.utc_us);
    } else if (r.interval_start_us() > c->to_us) {
      c->after_us = std::min(c->after_us.value_or(r.time.utc_us), r.time.utc_us);
    } else {
      ++c->host_lines;
    }
  }
}

}  // namespace

Coverage describe_coverage(const IndexReader& index, std::string_view host, int64_t from_us, int64_t to_us,
                           bool count_lines) {
  Coverage c;
  c.from_us = from_us;
  c.to_us = to_us;
  std::set<std::string> segments;
  for (const SourceEntry& s : index.manifest().sources) {
    auto cover = cover_of(s, host);
    if (!cover) continue;
    ++c.sources_for_host;
    if (c.host_span) c.host_span->merge(cover->span);
    else c.host_span = cover->span;
    segments.insert(s.segment);
    if (cover->span.max_us >= from_us && cover->span.min_us <= to_us) c.sources.push_back(*cover);
  }
  if (!c.host_span) return c;

  // A block is near the window when its requests' intervals (logged times
  // widened by logged durations) reach into it: a long upload logged at its
  // start covers the time it ended.
  c.lines_counted = count_lines;
  for (const SegmentReader& seg : index.segments()) {
    if (!segments.count(seg.name())) continue;
    for (size_t i = 0; i < seg.blocks().size(); ++i) {
      const BlockSummary& s = seg.blocks()[i].summary;
      if (s.records == 0) continue;
      if (s.interval_max_us >= from_us && s.interval_min_us <= to_us) {
        ++c.blocks_near;
        c.records_near += s.records;
        c.unparsed_near += s.rejected_lines;
        if (count_lines) count_host_lines(seg.read_fields(i), host, &c);
      } else if (s.time_max_us < from_us) {
        c.before_us = std::max(c.before_us.value_or(s.time_max_us), s.time_max_us);
      } else if (s.time_min_us > to_us) {
        c.after_us = std::min(c.after_us.value_or(s.time_min_us), s.time_min_us);
      }
    }
  }
  const TimeSpan& span = *c.host_span;
  const bool beyond_span = from_us < span.min_us || to_us > span.max_us;
  if (c.blocks_near == 0 || (count_lines && c.host_lines == 0)) {
    c.state = to_us < span.min_us || from_us > span.max_us ? CoverageState::kOutside : CoverageState::kGap;
  } else {
    c.state = beyond_span ? CoverageState::kPartial : CoverageState::kCovered;
    c.before_us.reset();
    c.after_us.reset();
  }
  return c;
}

}  // namespace alcor
