// Reading times written by strftime-style patterns, and assembling a time
// that a log format spreads over several items.
//
// Apache's %{format}t passes `format` to strftime, and one LogFormat may
// split one time over several items ("%{%d/%b/%Y %T}t.%{msec_frac}t
// %{%z}t"). Each item fills some TimeFields; once the line is read, the
// fields become one Timestamp.
#ifndef ALCOR_PARSERS_TIME_PATTERN_H_
#define ALCOR_PARSERS_TIME_PATTERN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/line_parser.h"
#include "parsers/timestamp.h"
#include "parsers/zone_resolver.h"

namespace alcor {

struct TimeFields {
  int64_t year = 0;
  int month = 0, day = 0, yday = 0;  // 0: not logged
  int hour = 0, minute = 0, second = 0;
  int pm = -1;  // %p: 0 AM, 1 PM, -1 not logged (then hour is 0..23)
  bool has_year = false;
  bool has_clock = false;
  // Set by a strftime pattern whose clock stops short of seconds: 60 for
  // one without %S, 3600 for one without %M.
  int clock_unit_s = 1;
  int32_t frac_us = 0;
  TimePrecision precision = TimePrecision::kSecond;
  std::optional<int32_t> offset_s;  // %z
  std::optional<int64_t> epoch_us;  // %s, %{sec}t, %{msec}t, %{usec}t
  bool any = false;                 // some item filled a field

  // A time read whole, with its offset (Apache's %t, nginx's $time_local):
  // the instant, and the offset it was logged at.
  void set_logged_instant(const Timestamp& t) {
    any = true;
    epoch_us = t.utc_us;
    offset_s = t.offset_s;
  }

  // The instant, or nullopt when the fields do not name one (no date, out of
  // range). Times without an offset are resolved in `zone`.
  std::optional<Timestamp> to_timestamp(ZoneResolver& zone) const;
};

class TimePattern {
 public:
  // Compiles a strftime pattern. Supported conversions: %a %A %b %B %h %d %e
  // %j %m %y %Y %H %I %M %S %p %s %z %Z %T %F %D %R %n %t %% (others are an
  // error naming the conversion). %Z is read as a word and ignored: zone
  // abbreviations are ambiguous ("CST"), so such times use --tz.
  static std::optional<TimePattern> compile(std::string_view pattern, std::string* error);

  // Matches at *p (not past `end`), advancing *p. Returns kNone, kTruncated
  // when the text ends inside the pattern, or kBadTimestamp.
  RejectReason match(const char** p, const char* end, TimeFields* fields) const;

 private:
  enum class Op : uint8_t {
    kLiteral, kWeekday, kWeekdayFull, kMonthName, kMonthNameFull, kDay, kSpaceDay, kYearDay, kMonth, kYear2, kYear4,
    kHour24, kHour12, kMinute, kSecond, kAmPm, kEpoch, kOffset, kZoneName,
  };
  struct Token {
    Op op;
    char literal;
  };
  std::vector<Token> tokens_;
  int clock_unit_s_ = 1;  // see TimeFields::clock_unit_s
};

}  // namespace alcor

#endif  // ALCOR_PARSERS_TIME_PATTERN_H_
