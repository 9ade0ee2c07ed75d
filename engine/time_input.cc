#include "engine/time_input.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <iterator>

#include "parsers/zone_resolver.h"

namespace alcor {
namespace {

// Full-width ASCII (U+FF01..U+FF5E) and the ideographic space become plain
// ASCII, so "２０２６年１月１日　１５：２２" reads like "2026年1月1日 15:22".
std::string fold_full_width(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
    if (i + 2 < s.size() && b(0) == 0xEF && (b(1) == 0xBC || b(1) == 0xBD)) {
      unsigned cp = 0xF000 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out.push_back(static_cast<char>(cp - 0xFF01 + 0x21));
        i += 2;
        continue;
      }
    }
    if (i + 2 < s.size() && b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) {  // U+3000
      out.push_back(' ');
      i += 2;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

// A cursor over the input with the small parsing steps these forms share.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  bool done() const { return s_.empty(); }
  bool eat(char c) {
    if (s_.empty() || s_[0] != c) return false;
    s_.remove_prefix(1);
    return true;
  }
  // A literal (ASCII or UTF-8 text such as "年").
  bool eat(std::string_view lit) {
    if (s_.substr(0, lit.size()) != lit) return false;
    s_.remove_prefix(lit.size());
    return true;
  }
  // The same, ignoring ASCII case ("utc", "Jst").
  bool eat_nocase(std::string_view lit) {
    if (s_.size() < lit.size()) return false;
    for (size_t i = 0; i < lit.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(s_[i])) != std::tolower(static_cast<unsigned char>(lit[i]))) {
        return false;
      }
    }
    s_.remove_prefix(lit.size());
    return true;
  }
  // Between `min` and `max` digits.
  bool number(int min, int max, int* out) {
    int n = 0, v = 0;
    while (n < max && n < static_cast<int>(s_.size()) && std::isdigit(static_cast<unsigned char>(s_[n]))) {
      v = v * 10 + (s_[n] - '0');
      ++n;
    }
    if (n < min) return false;
    s_.remove_prefix(n);
    *out = v;
    return true;
  }
  bool digits(int n, int* out) { return number(n, n, out); }
  // A fraction after '.' or ',': returns microseconds and the precision.
  bool fraction(int64_t* us, TimePrecision* precision) {
    size_t n = 0;
    while (n < s_.size() && std::isdigit(static_cast<unsigned char>(s_[n]))) ++n;
    if (n == 0) return false;
    int64_t v = 0;
    for (size_t i = 0; i < 6; ++i) v = v * 10 + (i < n ? s_[i] - '0' : 0);
    *us = v;
    *precision = n <= 3 ? TimePrecision::kMilli : TimePrecision::kMicro;
    s_.remove_prefix(n);
    return true;
  }
  // "+09:00", "+0900", "-05", "+9".
  bool numeric_offset(int32_t* seconds) {
    Cursor save = *this;
    int sign = eat('+') ? 1 : eat('-') ? -1 : 0;
    int h = 0, m = 0;
    if (sign == 0 || !number(1, 2, &h)) return (*this = save), false;
    if (eat(':')) {
      if (!digits(2, &m)) return (*this = save), false;
    } else if (!number(0, 2, &m)) {
      m = 0;
    }
    if (h > 23 || m > 59) return (*this = save), false;
    *seconds = sign * (h * 3600 + m * 60);
    return true;
  }
  void skip_spaces() {
    while (!s_.empty() && s_[0] == ' ') s_.remove_prefix(1);
  }

 private:
  std::string_view s_;
};

// Japanese eras: the first day of each, and the last (of the next era's
// start), so that 平成31年5月1日 (which is 令和元年) is refused, not guessed.
struct Era {
  std::string_view name;
  int first_year, first_month, first_day;
};
constexpr Era kEras[] = {
    {"令和", 2019, 5, 1},
    {"平成", 1989, 1, 8},
    {"昭和", 1926, 12, 25},
    {"大正", 1912, 7, 30},
};

int64_t civil_days(int y, int m, int d) {
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

bool valid_date(int y, int mo, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= kDays[mo - 1] && !(mo == 2 && d == 29 && !leap);
}

// A reading of the text before it is placed on the time line.
struct Reading {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int64_t fraction_us = 0;
  TimePrecision precision = TimePrecision::kSecond;
  std::optional<int32_t> offset_s;
};

// Why the text is not a time; empty when it just is not this form.
using Problem = std::string;

// 2026-01-01 / 2026/1/1 / 2026年1月1日 / 令和8年1月1日(木)
bool read_date(Cursor& c, Reading* r, Problem* problem) {
  const Era* era = nullptr;
  for (const Era& e : kEras) {
    if (c.eat(e.name)) era = &e;
    if (era) break;
  }
  if (era) {
    int n = 1;
    if (!c.eat("元") && !c.number(1, 2, &n)) return false;
    if (n < 1) return false;
    r->year = era->first_year + n - 1;
    if (!c.eat("年") || !c.number(1, 2, &r->month) || !c.eat("月") || !c.number(1, 2, &r->day) || !c.eat("日")) {
      return false;
    }
    if (!valid_date(r->year, r->month, r->day)) return false;
    int64_t day = civil_days(r->year, r->month, r->day);
    bool before_start = day < civil_days(era->first_year, era->first_month, era->first_day);
    bool after_end = era != kEras && day >= civil_days(era[-1].first_year, era[-1].first_month, era[-1].first_day);
    if (before_start || after_end) {
      *problem = "that date is not in the " + std::string(era->name) + " era";
      return false;
    }
  } else {
    if (!c.digits(4, &r->year)) return false;
    if (c.eat("年")) {
      if (!c.number(1, 2, &r->month) || !c.eat("月") || !c.number(1, 2, &r->day) || !c.eat("日")) return false;
    } else {
      char sep = c.eat('-') ? '-' : c.eat('/') ? '/' : '\0';
      if (!sep || !c.number(1, 2, &r->month) || !c.eat(sep) || !c.number(1, 2, &r->day)) return false;
    }
  }
  // A weekday as letters often add it: (木), （木曜日）, 木曜日.
  Cursor save = c;
  c.skip_spaces();
  bool paren = c.eat('(');
  bool weekday = false;
  for (std::string_view w : {"日", "月", "火", "水", "木", "金", "土"}) {
    if (c.eat(w)) {
      weekday = true;
      break;
    }
  }
  if (weekday) {
    if (!c.eat("曜日")) c.eat("曜");
    if (paren && !c.eat(')')) weekday = false;
  }
  if (!weekday) c = save;
  return true;
}

// 15:22:46.25 / 15:22 / 15時22分46秒 / 午後3時 (午前/午後 take 0..11).
bool read_clock(Cursor& c, Reading* r, Problem* problem) {
  int half = c.eat("午前") ? 1 : c.eat("午後") ? 2 : 0;
  c.skip_spaces();
  if (!c.number(1, 2, &r->hour)) return false;
  if (c.eat(':')) {
    if (!c.digits(2, &r->minute)) return false;
    if (c.eat(':')) {
      if (!c.digits(2, &r->second)) return false;
      if ((c.eat('.') || c.eat(',')) && !c.fraction(&r->fraction_us, &r->precision)) return false;
    }
  } else if (c.eat("時")) {
    if (c.eat("半")) {
      r->minute = 30;
    } else if (c.number(1, 2, &r->minute)) {
      if (!c.eat("分")) return false;
      if (c.number(1, 2, &r->second)) {
        if ((c.eat('.') || c.eat(',')) && !c.fraction(&r->fraction_us, &r->precision)) return false;
        if (!c.eat("秒")) return false;
      }
    }
  } else {
    return false;
  }
  if (half) {
    if (r->hour > 11) {
      *problem = "午前/午後 take hours 0 to 11 (午後12時 is read differently by different people: write 12時 or 0時)";
      return false;
    }
    if (half == 2) r->hour += 12;
  }
  if (r->hour > 23 || r->minute > 59 || r->second > 60) {
    *problem = "the clock time is out of range";
    return false;
  }
  return true;
}

// Z, UTC, GMT, JST, 日本時間, +09:00, each optionally in parentheses; also
// "UTC+9".
bool read_zone(Cursor& c, Reading* r) {
  c.skip_spaces();
  if (c.done()) return true;
  bool paren = c.eat('(');
  int32_t off = 0;
  if (c.eat_nocase("UTC") || c.eat_nocase("GMT") || c.eat('Z') || c.eat('z')) {
    if (!c.numeric_offset(&off)) off = 0;
  } else if (c.eat_nocase("JST") || c.eat("日本時間")) {
    off = 9 * 3600;
  } else if (!c.numeric_offset(&off)) {
    return false;
  }
  if (paren && !c.eat(')')) return false;
  c.skip_spaces();
  if (!c.done()) return false;
  r->offset_s = off;
  return true;
}

bool read_date_time(std::string_view text, Reading* r, Problem* problem) {
  Cursor c(text);
  if (!read_date(c, r, problem)) return false;
  if (!c.eat('T') && !c.eat('t')) c.skip_spaces();
  if (!read_clock(c, r, problem)) return false;
  if (!read_zone(c, r)) return false;
  if (!valid_date(r->year, r->month, r->day)) {
    *problem = "not a valid date";
    return false;
  }
  return true;
}

std::optional<Timestamp> parse_epoch(std::string_view text) {
  size_t n = 0;
  while (n < text.size() && std::isdigit(static_cast<unsigned char>(text[n]))) ++n;
  if (n == 0 || n > 12) return std::nullopt;
  int64_t secs = 0;
  std::from_chars(text.data(), text.data() + n, secs);
  Timestamp t;
  int64_t frac = 0;
  Cursor rest(text.substr(n));
  if (rest.eat('.') && !rest.fraction(&frac, &t.precision)) return std::nullopt;
  if (!rest.done()) return std::nullopt;
  t.utc_us = secs * kMicrosPerSecond + frac;
  return t;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<AskedTime> parse_asked_time(std::string_view input, std::optional<std::string_view> zone,
                                          std::string* error) {
  error->clear();
  const std::string folded = fold_full_width(input);
  std::string_view text = trim(folded);
  if (auto t = parse_epoch(text)) return AskedTime{*t, std::nullopt, ""};
  std::string_view apache = text;
  if (apache.size() >= 2 && apache.front() == '[' && apache.back() == ']') {
    apache = apache.substr(1, apache.size() - 2);
  }
  if (auto t = parse_apache_time(apache)) return AskedTime{*t, std::nullopt, ""};

  Reading r;
  Problem problem;
  if (!read_date_time(text, &r, &problem)) {
    *error = "cannot read time '" + std::string(input) + "'" + (problem.empty() ? "" : ": " + problem) +
             " (use e.g. 2026-01-01T15:22:46+09:00, 2026年1月1日 15時22分46秒 JST, 01/Jan/2026:15:22:46 +0900 "
             "or epoch seconds)";
    return std::nullopt;
  }
  const int64_t local_s = civil_days(r.year, r.month, r.day) * 86400 + r.hour * 3600 + r.minute * 60 + r.second;
  AskedTime asked;
  asked.time.precision = r.precision;
  if (r.offset_s) {
    asked.time.offset_s = *r.offset_s;
    asked.time.utc_us = (local_s - *r.offset_s) * kMicrosPerSecond + r.fraction_us;
    return asked;
  }
  if (!zone) {
    *error = "time '" + std::string(input) + "' has no UTC offset: add one (e.g. +09:00 or JST for Japan, Z for UTC)";
    return std::nullopt;
  }
  auto resolver = ZoneResolver::create(*zone, error);
  if (!resolver) return std::nullopt;
  ZoneResolver::Resolution res = resolver->resolve(local_s);
  asked.zone = std::string(*zone);
  asked.time.offset_s = res.offset_s;
  asked.time.offset_source = res.source;
  asked.time.utc_us = (local_s - res.offset_s) * kMicrosPerSecond + r.fraction_us;
  if (res.other_offset_s != res.offset_s) {
    asked.other_utc_us = (local_s - res.other_offset_s) * kMicrosPerSecond + r.fraction_us;
  }
  return asked;
}

std::optional<Timestamp> parse_time_input(std::string_view text, std::string* error) {
  auto asked = parse_asked_time(text, std::nullopt, error);
  if (!asked) return std::nullopt;
  return asked->time;
}

std::optional<int64_t> parse_duration(std::string_view text, std::string* error) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  std::string_view unit(ptr, text.data() + text.size() - ptr);
  double scale = 0;
  if (unit.empty() || unit == "s") scale = 1e6;
  else if (unit == "ms") scale = 1e3;
  else if (unit == "us") scale = 1;
  else if (unit == "m" || unit == "min") scale = 60e6;
  else if (unit == "h") scale = 3600e6;
  else if (unit == "d") scale = 86400e6;
  if (ec != std::errc() || ptr == text.data() || scale == 0 || value < 0 || !std::isfinite(value)) {
    *error = "cannot read duration '" + std::string(text) + "': use e.g. 60s, 5m, 2h, 250ms";
    return std::nullopt;
  }
  return static_cast<int64_t>(std::llround(value * scale));
}

}  // namespace alcor
