#include "engine/time_input.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace alcor {
namespace {

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
  char peek() const { return s_.empty() ? '\0' : s_[0]; }
  // Exactly `n` digits.
  bool digits(int n, int* out) {
    if (s_.size() < static_cast<size_t>(n)) return false;
    int v = 0;
    for (int i = 0; i < n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s_[i]))) return false;
      v = v * 10 + (s_[i] - '0');
    }
    s_.remove_prefix(n);
    *out = v;
    return true;
  }
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
  // "Z", "+09:00", "+0900", "-05".
  bool offset(int32_t* seconds) {
    if (eat('Z') || eat('z')) {
      *seconds = 0;
      return true;
    }
    int sign = eat('+') ? 1 : eat('-') ? -1 : 0;
    int h = 0, m = 0;
    if (sign == 0 || !digits(2, &h)) return false;
    eat(':');
    if (!done()) {
      if (!digits(2, &m)) return false;
    }
    if (h > 23 || m > 59) return false;
    *seconds = sign * (h * 3600 + m * 60);
    return true;
  }
  std::string_view rest() const { return s_; }
  void skip_spaces() {
    while (!s_.empty() && s_[0] == ' ') s_.remove_prefix(1);
  }

 private:
  std::string_view s_;
};

bool valid_civil(int y, int mo, int d, int h, int mi, int s) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (mo < 1 || mo > 12 || d < 1) return false;
  if (d > kDays[mo - 1] || (mo == 2 && d == 29 && !leap)) return false;
  return h <= 23 && mi <= 59 && s <= 60;
}

std::optional<Timestamp> parse_iso(std::string_view text, std::string* error) {
  Cursor c(text);
  int y, mo, d, h, mi, s = 0;
  if (!c.digits(4, &y) || !c.eat('-') || !c.digits(2, &mo) || !c.eat('-') || !c.digits(2, &d)) return std::nullopt;
  if (!c.eat('T') && !c.eat('t') && !c.eat(' ')) return std::nullopt;
  if (!c.digits(2, &h) || !c.eat(':') || !c.digits(2, &mi)) return std::nullopt;
  Timestamp t;
  int64_t frac = 0;
  if (c.eat(':')) {
    if (!c.digits(2, &s)) return std::nullopt;
    if ((c.eat('.') || c.eat(',')) && !c.fraction(&frac, &t.precision)) return std::nullopt;
  }
  c.skip_spaces();
  if (c.done()) {
    *error = "time '" + std::string(text) +
             "' has no UTC offset: add one (e.g. +09:00 for JST, Z for UTC)";
    return std::nullopt;
  }
  if (!c.offset(&t.offset_s) || !c.done()) return std::nullopt;
  if (!valid_civil(y, mo, d, h, mi, s)) {
    *error = "time '" + std::string(text) + "' is not a valid date and time";
    return std::nullopt;
  }
  int64_t local_s = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                    h * 3600 + mi * 60 + s;
  t.utc_us = (local_s - t.offset_s) * kMicrosPerSecond + frac;
  return t;
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

}  // namespace

std::optional<Timestamp> parse_time_input(std::string_view text, std::string* error) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  error->clear();
  if (auto t = parse_epoch(text)) return t;
  std::string_view apache = text;
  if (apache.size() >= 2 && apache.front() == '[' && apache.back() == ']') {
    apache = apache.substr(1, apache.size() - 2);
  }
  if (auto t = parse_apache_time(apache)) return t;
  if (auto t = parse_iso(text, error)) return t;
  if (error->empty()) {
    *error = "cannot read time '" + std::string(text) +
             "': use 2026-01-01T15:22:46+09:00, 01/Jan/2026:15:22:46 +0900 or epoch seconds";
  }
  return std::nullopt;
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
