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

// How far around the window lines of the host must be missing for the
// window to be a gap rather than a quiet moment of a working log.
constexpr int64_t kQuietMarginUs = 5 * 60 * kMicrosPerSecond;

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
// meets the window or its margin, and moves before/after to the host's
// nearest lines outside the window.
void count_host_lines(const std::vector<StoredRecord>& records, std::string_view host, int64_t margin_us,
                      Coverage* c, uint64_t* lines_in_margin) {
  for (const StoredRecord& r : records) {
    if (!host.empty()) {
      const std::string& h = r.host;
      if (!h.empty() && h != host) continue;
    }
    if (r.interval_end_us() < c->from_us) {
      c->before_us = std::max(c->before_us.value_or(r.time.utc_us), r.time.utc_us);
      if (r.interval_end_us() >= c->from_us - margin_us) ++*lines_in_margin;
    } else if (r.interval_start_us() > c->to_us) {
      c->after_us = std::min(c->after_us.value_or(r.time.utc_us), r.time.utc_us);
      if (r.interval_start_us() <= c->to_us + margin_us) ++*lines_in_margin;
    } else {
      ++c->host_lines;
    }
  }
}

}  // namespace

Coverage describe_coverage(const IndexReader& index, std::string_view host, int64_t from_us, int64_t to_us,
                           bool count_lines, BlockCache* cache) {
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
  // start covers the time it ended. Counting lines also looks at the
  // margin, to tell a quiet site from missing logs.
  c.lines_counted = count_lines;
  uint64_t lines_in_margin = 0;
  const int64_t margin_us = count_lines ? kQuietMarginUs : 0;
  for (const SegmentReader& seg : index.segments()) {
    if (!segments.count(seg.name())) continue;
    for (size_t i = 0; i < seg.blocks().size(); ++i) {
      const BlockSummary& s = seg.blocks()[i].summary;
      if (s.records == 0) continue;
      const bool in_window = s.interval_max_us >= from_us && s.interval_min_us <= to_us;
      if (in_window) {
        ++c.blocks_near;
        c.records_near += s.records;
        c.unparsed_near += s.rejected_lines;
      }
      if (s.interval_max_us >= from_us - margin_us && s.interval_min_us <= to_us + margin_us && count_lines) {
        if (cache) {
          count_host_lines(cache->get(seg, i, false), host, margin_us, &c, &lines_in_margin);
        } else {
          count_host_lines(seg.read_fields(i), host, margin_us, &c, &lines_in_margin);
        }
      } else if (s.time_max_us < from_us) {
        c.before_us = std::max(c.before_us.value_or(s.time_max_us), s.time_max_us);
      } else if (s.time_min_us > to_us) {
        c.after_us = std::min(c.after_us.value_or(s.time_min_us), s.time_min_us);
      }
    }
  }
  const TimeSpan& span = *c.host_span;
  const bool beyond_span = from_us < span.min_us || to_us > span.max_us;
  const bool lines_near = count_lines ? c.host_lines + lines_in_margin > 0 : c.blocks_near > 0;
  if (!lines_near) {
    c.state = to_us < span.min_us || from_us > span.max_us ? CoverageState::kOutside : CoverageState::kGap;
    return c;
  }
  c.state = beyond_span ? CoverageState::kPartial : CoverageState::kCovered;
  c.quiet = count_lines && c.host_lines == 0;
  if (!c.quiet) {
    c.before_us.reset();
    c.after_us.reset();
  }
  return c;
}

}  // namespace alcor
