#include "parsers/timestamp.h"

#include <cstdio>
#include <cstring>

#include "parsers/civil_time.h"

namespace alcor {

// Howard Hinnant's days-from-civil: shift the year to start in March so the
// leap day is the last day of the year, then count 400-year eras.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);                      // [0, 399]
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;         // [0, 146096]
  return era * 146097 + int64_t(doe) - 719468;
}

CivilDate civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{int64_t(yoe) + era * 400 + (m <= 2), m, d};
}

unsigned days_in_month(int64_t y, unsigned m) {
  static constexpr unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  return m == 2 && leap ? 29 : kDays[m - 1];
}

int month_from_abbrev(const char* p) {
  // English abbreviations only: Apache's %t is not localised.
  static constexpr char kNames[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i) {
    if (p[0] == kNames[i][0] && p[1] == kNames[i][1] && p[2] == kNames[i][2]) return i + 1;
  }
  return 0;
}

bool parse_digits(const char* p, int n, int* out) {
  int v = 0;
  for (int i = 0; i < n; ++i) {
    unsigned d = unsigned(p[i] - '0');
    if (d > 9) return false;
    v = v * 10 + int(d);
  }
  *out = v;
  return true;
}

bool parse_utc_offset(const char* p, int32_t* offset_s) {
  if (p[0] != '+' && p[0] != '-') return false;
  int hh, mm;
  if (!parse_digits(p + 1, 2, &hh) || !parse_digits(p + 3, 2, &mm)) return false;
  if (hh > 23 || mm > 59) return false;
  int32_t s = hh * 3600 + mm * 60;
  *offset_s = p[0] == '-' ? -s : s;
  return true;
}

namespace {

bool valid_clock(int hour, int minute, int second) {
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

}  // namespace

std::optional<int64_t> local_seconds(int64_t year, int month, int day, int hour, int minute, int second) {
  if (month < 1 || month > 12 || day < 1 || unsigned(day) > days_in_month(year, unsigned(month))) {
    return std::nullopt;
  }
  if (!valid_clock(hour, minute, second)) return std::nullopt;
  return days_from_civil(year, unsigned(month), unsigned(day)) * 86400 + hour * 3600 + minute * 60 + second;
}

std::optional<Timestamp> parse_apache_time(std::string_view text) { return ApacheTimeReader().parse(text); }

std::optional<Timestamp> ApacheTimeReader::parse(std::string_view text) {
  if (text.size() != kSize) return std::nullopt;
  const char* p = text.data();
  if (have_last_ && std::memcmp(p, text_, kSize) == 0) return time_;
  if (p[2] != '/' || p[6] != '/' || p[11] != ':' || p[14] != ':' || p[17] != ':' || p[20] != ' ') {
    return std::nullopt;
  }
  constexpr size_t kDate = 11;  // "dd/Mon/yyyy"
  int64_t days = days_;
  if (!have_last_ || std::memcmp(p, text_, kDate) != 0) {
    const int month = month_from_abbrev(p + 3);
    int day, year;
    if (month == 0 || !parse_digits(p, 2, &day) || !parse_digits(p + 7, 4, &year) || day < 1 ||
        unsigned(day) > days_in_month(year, unsigned(month))) {
      return std::nullopt;
    }
    days = days_from_civil(year, unsigned(month), unsigned(day));
  }
  int hour, minute, second;
  Timestamp t;
  if (!parse_digits(p + 12, 2, &hour) || !parse_digits(p + 15, 2, &minute) || !parse_digits(p + 18, 2, &second) ||
      !valid_clock(hour, minute, second) || !parse_utc_offset(p + 21, &t.offset_s)) {
    return std::nullopt;
  }
  const int64_t local = days * 86400 + hour * 3600 + minute * 60 + second;
  t.utc_us = (local - t.offset_s) * kMicrosPerSecond;
  std::memcpy(text_, p, kSize);
  time_ = t;
  days_ = days;
  have_last_ = true;
  return t;
}

namespace {

int64_t floor_div(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

std::string format_at_offset(const Timestamp& t, int32_t offset_s, bool z_for_utc) {
  const int64_t local_us = t.utc_us + int64_t{offset_s} * kMicrosPerSecond;
  const int64_t secs = floor_div(local_us, kMicrosPerSecond);
  const int64_t frac_us = local_us - secs * kMicrosPerSecond;
  const int64_t days = floor_div(secs, 86400);
  const int64_t sod = secs - days * 86400;
  const CivilDate date = civil_from_days(days);
  char buf[64];
  int n = snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(date.year),
                   date.month, date.day, int(sod / 3600), int(sod / 60 % 60), int(sod % 60));
  std::string out(buf, size_t(n));
  if (t.precision == TimePrecision::kMilli) {
    n = snprintf(buf, sizeof buf, ".%03d", int(frac_us / 1000));
    out.append(buf, size_t(n));
  } else if (t.precision == TimePrecision::kMicro) {
    n = snprintf(buf, sizeof buf, ".%06d", int(frac_us));
    out.append(buf, size_t(n));
  }
  if (offset_s == 0 && z_for_utc) return out + "Z";
  const int32_t abs_offset = offset_s < 0 ? -offset_s : offset_s;
  n = snprintf(buf, sizeof buf, "%c%02d:%02d", offset_s < 0 ? '-' : '+', abs_offset / 3600,
               abs_offset / 60 % 60);
  out.append(buf, size_t(n));
  return out;
}

}  // namespace

std::string format_rfc3339(const Timestamp& t, bool z_for_utc) { return format_at_offset(t, t.offset_s, z_for_utc); }

std::string format_rfc3339_utc(const Timestamp& t) { return format_at_offset(t, 0, true); }

}  // namespace alcor
