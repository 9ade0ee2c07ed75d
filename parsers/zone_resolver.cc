#include "parsers/zone_resolver.h"

#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <exception>

namespace alcor {

std::optional<ZoneResolver> ZoneResolver::create(std::string_view zone_name, std::string* error) {
  ZoneResolver r;
  if (zone_name.empty()) return r;
  try {
    r.zone_ = date::locate_zone(zone_name);
  } catch (const std::exception&) {
    *error = "unknown time zone '" + std::string(zone_name) + "' (expected an IANA name such as Europe/Berlin)";
    return std::nullopt;
  }
  return r;
}

ZoneResolver::Resolution ZoneResolver::resolve(int64_t local_s) {
  if (zone_ == nullptr) return {0, OffsetSource::kZone};
  if (local_s >= cached_begin_ && local_s < cached_end_) return {cached_offset_, OffsetSource::kZone};

  using std::chrono::seconds;
  const date::local_seconds local{seconds{local_s}};
  const date::local_info info = zone_->get_info(local);
  const auto offset = [](const date::sys_info& s) { return int32_t(s.offset.count()); };
  switch (info.result) {
    case date::local_info::unique: {
      // Every wall-clock reading of this offset period is unique except near
      // its ends, where a neighbouring period's readings may overlap; no
      // offset change exceeds a day, so two days of margin keep the span safe.
      constexpr int64_t kMargin = 2 * 86400;
      constexpr int64_t kFar = int64_t{1} << 40;  // the zone's open ends, clamped to stay in range
      const int64_t off = offset(info.first);
      const int64_t begin = std::max(-kFar, int64_t(info.first.begin.time_since_epoch().count()));
      const int64_t end = std::min(kFar, int64_t(info.first.end.time_since_epoch().count()));
      if (end - begin > 2 * kMargin) {
        cached_begin_ = begin + off + kMargin;
        cached_end_ = end + off - kMargin;
        cached_offset_ = int32_t(off);
      }
      return {int32_t(off), OffsetSource::kZone};
    }
    case date::local_info::ambiguous:
      return {offset(info.first), OffsetSource::kAmbiguous, offset(info.second)};
    case date::local_info::nonexistent:
    default:
      return {offset(info.first), OffsetSource::kNonexistent, offset(info.second)};
  }
}

}  // namespace alcor
