// Calendar arithmetic and fixed-width field readers shared by the time
// parsers (Apache %t, strftime patterns, RFC 3339 output).
#ifndef ALCOR_PARSERS_CIVIL_TIME_H_
#define ALCOR_PARSERS_CIVIL_TIME_H_

#include <cstdint>
#include <optional>

namespace alcor {

struct CivilDate {
  int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

// Inverse of days_from_civil (timestamp.h).
CivilDate civil_from_days(int64_t days);

unsigned days_in_month(int64_t year, unsigned month);

// 1..12 for the English abbreviation at p[0..2] ("Jan"), 0 otherwise.
int month_from_abbrev(const char* p);

// Reads exactly n decimal digits at p.
bool parse_digits(const char* p, int n, int* out);

// Reads "+hhmm" / "-hhmm" (5 bytes) as seconds east of UTC.
bool parse_utc_offset(const char* p, int32_t* offset_s);

// Seconds since the epoch of a wall-clock reading taken as UTC, after
// checking every field's range (day against the month's length).
std::optional<int64_t> local_seconds(int64_t year, int month, int day, int hour, int minute, int second);

}  // namespace alcor

#endif  // ALCOR_PARSERS_CIVIL_TIME_H_
