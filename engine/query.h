// The two questions alcor answers from an index:
//   time + URL: "who requested U around T?"
//   address:    "what did IP (or CIDR) request between FROM and TO?"
// Both touch only blocks whose time range and filters can match, then check
// every record of those blocks exactly.
#ifndef ALCOR_ENGINE_QUERY_H_
#define ALCOR_ENGINE_QUERY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "index/index_reader.h"
#include "parsers/ip_address.h"
#include "parsers/url.h"

namespace alcor {

struct TimeUrlQuery {
  int64_t at_us = 0;      // asked instant, UTC
  int64_t window_us = 0;  // +- around at_us
  CanonicalUrl url;       // host empty: any host
  std::string method;     // empty: any method
};

struct AddressQuery {
  IpPrefix prefix;
  std::optional<int64_t> from_us;  // inclusive
  std::optional<int64_t> to_us;    // inclusive
};

struct Hit {
  StoredRecord record;
  const SourceEntry* source = nullptr;  // owned by the IndexReader's manifest
  // Why the raw line could not be read back (source moved, changed...);
  // empty when `record` carries its evidence.
  std::string evidence_error;
};

struct QueryStats {
  uint64_t blocks_total = 0;
  uint64_t blocks_read = 0;  // passed time range and filters
  uint64_t records_checked = 0;
};

// Matches ordered by time, then source and line, each with its evidence
// (engine/evidence.h) read back from the source.
std::vector<Hit> find_time_url(const IndexReader& index, const TimeUrlQuery& q, QueryStats* stats = nullptr);
std::vector<Hit> find_address(const IndexReader& index, const AddressQuery& q, QueryStats* stats = nullptr);



}  // namespace alcor

#endif  // ALCOR_ENGINE_QUERY_H_
