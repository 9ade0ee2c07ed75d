// What the index can say about a host and a time window, independent of any
// match: "no match" is only an answer when logs cover the asked time.
//
// Built from the manifest (per-source, per-host time spans) and the block
// summaries (time ranges, records, unparsed lines). That costs microseconds,
// but a block's time range is its resolution: a pause inside one block is
// not seen. With `count_lines` the blocks near the window are decoded and
// the host's own lines in the window counted, so a gap is found however
// long the blocks are (callers do this when nothing matched, where the
// difference between "no match" and "no logs" is the answer).
#ifndef ALCOR_ENGINE_COVERAGE_H_
#define ALCOR_ENGINE_COVERAGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/block_cache.h"
#include "index/index_reader.h"

namespace alcor {

enum class CoverageState : uint8_t {
  kCovered,   // sources for the host have lines throughout the window
  kPartial,   // the window runs past the first or last logged time of the host
  kGap,       // inside the host's logged span, but no lines at all near the
              // window (counting lines: none within 5 minutes of it either)
  kOutside,   // before the first or after the last logged time of the host
  kNoSource,  // no indexed source logged this host
};

std::string_view coverage_state_name(CoverageState s);  // "covered", "partial", "gap", "outside", "no_source"

struct SourceCover {
  const SourceEntry* source = nullptr;
  TimeSpan span;             // of the asked host in this source (the whole source for a log without hosts)
  bool host_logged = false;  // false: the log names no host, so it may hold any
};

struct Coverage {
  CoverageState state = CoverageState::kNoSource;
  int64_t from_us = 0, to_us = 0;    // the window looked at
  std::vector<SourceCover> sources;  // sources for the host whose span overlaps the window
  size_t sources_for_host = 0;       // sources for the host at any time
  std::optional<TimeSpan> host_span; // union of their spans
  uint64_t blocks_near = 0;          // blocks of those sources' segments overlapping the window
  uint64_t records_near = 0;         // records in those blocks (any host, any URL)
  bool lines_counted = false;        // count_lines was asked: host_lines is set
  uint64_t host_lines = 0;           // lines of the asked host whose request interval meets the window
  bool quiet = false;                // counted, none in the window but some within 5 minutes: before/after set
  uint64_t unparsed_near = 0;        // lines that did not parse among them
  // For a gap, outside the span or quiet: the last logged time before the window
  // and the first after it (of the host's sources), when there is one.
  std::optional<int64_t> before_us, after_us;

  // True when the logs cannot support a "not found": gap, outside, no source.
  bool no_logs() const { return state == CoverageState::kGap || state == CoverageState::kOutside ||
                                state == CoverageState::kNoSource; }
};

// `host`: canonical host ("" = any). The window is [from_us, to_us].
// `cache` (optional) serves the blocks decoded for count_lines.
Coverage describe_coverage(const IndexReader& index, std::string_view host, int64_t from_us, int64_t to_us,
                           bool count_lines, BlockCache* cache = nullptr);

}  // namespace alcor

#endif  // ALCOR_ENGINE_COVERAGE_H_
