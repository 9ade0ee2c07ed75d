// Times and durations as users type them on the command line or as an
// inquiry letter writes them.
#ifndef ALCOR_ENGINE_TIME_INPUT_H_
#define ALCOR_ENGINE_TIME_INPUT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parsers/timestamp.h"

namespace alcor {

// An asked time resolved to an instant. A local time (written without an
// offset) that a DST change makes ambiguous or nonexistent has two readings:
// `time` is the one with the offset before the change, `other_utc_us` the one
// with the offset after it, and time.offset_source says which case it is.
// Callers search both and say so; they never pick one silently.
struct AskedTime {
  Timestamp time;
  std::optional<int64_t> other_utc_us;
  std::string zone;  // the zone a local time was read in ("" = UTC); empty when the text had an offset
};

// Reads, besides epoch seconds ("1767248566", "1767248566.5") and the
// Apache form ("01/Jan/2026:15:22:46 +0900", brackets optional):
//   2026-01-01T15:22:46+09:00, 2026-01-01 15:22:46.250Z, 2026/1/1 15:22,
//   2026年1月1日 15時22分46秒, 2026年1月1日(木) 午後3時22分46秒,
//   令和8年1月1日 15:22:46 (also 平成, 昭和, 大正 and 元年),
// full-width digits and punctuation, and a trailing zone "Z", "UTC", "GMT",
// "JST", "日本時間" (also in parentheses) or a numeric offset.
// A time without any of those is local to `zone` (an IANA name; "" = UTC);
// when `zone` is nullopt such a time is refused with a message saying how to
// give an offset.
std::optional<AskedTime> parse_asked_time(std::string_view text, std::optional<std::string_view> zone,
                                          std::string* error);

// parse_asked_time without a zone: the text must carry its offset.
std::optional<Timestamp> parse_time_input(std::string_view text, std::string* error);

// "60s", "5m", "2h", "1d", "250ms", "90" (seconds), "1.5s" -> microseconds.
std::optional<int64_t> parse_duration(std::string_view text, std::string* error);

}  // namespace alcor

#endif  // ALCOR_ENGINE_TIME_INPUT_H_
