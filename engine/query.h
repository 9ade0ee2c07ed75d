// The two questions alcor answers from an index:
//   time + URL: "who requested U around T?"
//   address:    "what did IP (or CIDR) request between FROM and TO?"
// Both touch only blocks whose time range and filters can match, then check
// every record of those blocks exactly.
#ifndef ALCOR_ENGINE_QUERY_H_
#define ALCOR_ENGINE_QUERY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/block_cache.h"
#include "engine/evidence.h"
#include "index/index_reader.h"
#include "parsers/ip_address.h"
#include "parsers/url.h"

namespace re2 {
class RE2;
}

namespace alcor {

// How the asked URL's path?query is compared with the logged one (both
// canonical, parsers/url.h).
enum class UrlMatch : uint8_t {
  kExact,   // equal
  kPrefix,  // starts with it, ending at a path-segment boundary ("/bbs" matches "/bbs/1", not "/bbsx")
  kRegex,   // RE2 search (unanchored: use ^ and $) over the canonical path?query
};

struct StatusRange {
  int32_t lo = 0, hi = 0;  // inclusive
};

struct TimeUrlQuery {
  int64_t at_us = 0;      // asked instant, UTC
  int64_t window_us = 0;  // +- around at_us
  CanonicalUrl url;       // host empty: any host; path_query: see `match`
  std::string method;     // empty: any method
  // The other reading of a local time a DST change makes ambiguous (or
  // nonexistent): requests near either reading match.
  std::optional<int64_t> other_at_us;
  UrlMatch match = UrlMatch::kExact;
  std::shared_ptr<const re2::RE2> regex;  // compiled url.path_query, for kRegex
  std::vector<StatusRange> statuses;  // empty: any status
};

// Compiles q->url.path_query into q->regex; false with *error on a bad pattern.
bool compile_url_regex(TimeUrlQuery* q, std::string* error);

// "200", "2xx", "301,302", "400-499" -> ranges; nullopt for anything else.
std::optional<std::vector<StatusRange>> parse_status_filter(std::string_view text);

struct AddressQuery {
  IpPrefix prefix;
  std::optional<int64_t> from_us;  // inclusive
  std::optional<int64_t> to_us;    // inclusive
  // The page of matches (in time order) returned: `offset` skipped, at most
  // `limit` (0: all). Matches are counted from the index; only the page
  // pays for evidence, which costs a read of the archive around each line.
  uint64_t offset = 0;
  uint64_t limit = 0;
  // false: the page carries the fields as indexed, and each hit says in its
  // evidence_error that its line was not read back (kNotReread).
  bool evidence = true;
};

// The evidence_error of hits of an AddressQuery without evidence.
inline constexpr std::string_view kNotReread =
    "not read back from the source (--no-evidence): fields as indexed, line not re-verified";


struct Hit {
  StoredRecord record;
  const SourceEntry* source = nullptr;  // owned by the IndexReader's manifest
  // Why the raw line could not be read back (source moved, changed...);
  // empty when `record` carries its evidence.
  std::string evidence_error;
  bool url_key_collision = false;  // set and dropped by EvidenceReader::fill
  // Time-URL queries only: the logged time minus the asked time (the nearer
  // reading when there are two), and the distance from the asked time to
  // the request's interval (its logged time widened by its logged duration;
  // 0 when the asked time falls inside it). |offset| - distance is how much
  // the logged duration widened the match.
  int64_t offset_us = 0;
  int64_t distance_us = 0;
};

struct AddressAnswer {
  std::vector<Hit> hits;  // the page
  uint64_t total = 0;     // every match in the index, before paging
  uint64_t offset = 0;    // of hits[0] among them
};

struct QueryStats {
  uint64_t blocks_total = 0;
  uint64_t blocks_read = 0;  // passed time range and filters
  uint64_t records_checked = 0;
};

// What a run of many queries keeps from one to the next (alcor batch keeps
// one per worker): decoded index blocks, and archives open where their
// decoders stopped.
struct QuerySession {
  QuerySession(const IndexReader& index, size_t cached_blocks, size_t kept_archives)
      : blocks(cached_blocks), evidence(index, kept_archives) {}
  BlockCache blocks;
  EvidenceReader evidence;
};

// find_time_url ranks matches by distance from the asked time (then by
// |offset|, source and line); find_address orders them by time, source, line.
// Every hit carries its evidence (engine/evidence.h) read back from its
// source. `session`: what many queries (a batch) share.
std::vector<Hit> find_time_url(const IndexReader& index, const TimeUrlQuery& q, QueryStats* stats = nullptr,
                               QuerySession* session = nullptr);
AddressAnswer find_address(const IndexReader& index, const AddressQuery& q, QueryStats* stats = nullptr);



}  // namespace alcor

#endif  // ALCOR_ENGINE_QUERY_H_
