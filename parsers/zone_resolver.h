// Turning wall-clock times logged without a UTC offset into instants.
//
// Such times are local to the zone the user names with --tz. Around DST
// changes a wall-clock reading can occur twice (fall back) or never (spring
// forward); both are resolved deterministically and flagged in the result so
// the report can warn that the instant is not certain.
#ifndef ALCOR_PARSERS_ZONE_RESOLVER_H_
#define ALCOR_PARSERS_ZONE_RESOLVER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parsers/timestamp.h"

namespace date {
class time_zone;
}

namespace alcor {

class ZoneResolver {
 public:
  // An empty name means UTC. Returns nullopt and sets *error for a name the
  // time zone database does not know.
  static std::optional<ZoneResolver> create(std::string_view zone_name, std::string* error);

  struct Resolution {
    int32_t offset_s;     // offset to record: local_us() gives back the wall clock
    OffsetSource source;  // kZone, kAmbiguous or kNonexistent
    // The offset after the change for kAmbiguous / kNonexistent (the other
    // reading a person may have meant); offset_s otherwise.
    int32_t other_offset_s = offset_s;
  };

  // `local_s`: the wall-clock reading in seconds since 1970-01-01 taken as
  // if it were UTC. The instant is local_s - offset_s.
  //  - ambiguous (fold): the earlier instant, i.e. the offset before the change;
  //  - nonexistent (gap): shifted forward by the gap, i.e. read with the
  //    offset before the change (02:30 in a 02:00->03:00 gap is 03:30).
  Resolution resolve(int64_t local_s);

 private:
  const date::time_zone* zone_ = nullptr;  // nullptr: UTC
  // The last looked-up span of wall-clock seconds in which every reading is
  // unique with one offset. Log lines come in time order, so nearly every
  // lookup is answered here without searching the zone's transitions.
  int64_t cached_begin_ = 0;
  int64_t cached_end_ = 0;  // empty span: nothing cached
  int32_t cached_offset_ = 0;
};

}  // namespace alcor

#endif  // ALCOR_PARSERS_ZONE_RESOLVER_H_
