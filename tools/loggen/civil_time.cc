#include "tools/loggen/civil_time.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace alcor::loggen {
namespace {

namespace chr = std::chrono;

struct Civil {
  int year;
  unsigned month, day, hour, minute, second;
};

Civil to_civil(int64_t epoch) {
  const int64_t days = (epoch >= 0 ? epoch : epoch - 86399) / 86400;
  const int64_t rem = epoch - days * 86400;
  const chr::year_month_day ymd{chr::sys_days{chr::days{days}}};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day()), static_cast<unsigned>(rem / 3600),
          static_cast<unsigned>(rem / 60 % 60), static_cast<unsigned>(rem % 60)};
}

// Reads exactly `width` digits at text[pos].
std::optional<int> digits(std::string_view text, size_t pos, size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int v = 0;
  auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + width, v);
  if (ec != std::errc() || end != text.data() + pos + width) return std::nullopt;
  return v;
}

void append_offset(std::string& out, int32_t offset_s, bool colon) {
  const char sign = offset_s < 0 ? '-' : '+';
  const int32_t a = offset_s < 0 ? -offset_s : offset_s;
  char buf[8];
  int n = std::snprintf(buf, sizeof buf, colon ? "%c%02d:%02d" : "%c%02d%02d", sign, a / 3600, a / 60 % 60);
  out.append(buf, static_cast<size_t>(n));
}

std::string format_rfc3339(int64_t epoch, int32_t offset_s, bool z) {
  const Civil c = to_civil(epoch + offset_s);
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02u", c.year, c.month, c.day,
                        c.hour, c.minute, c.second);
  std::string out(buf, static_cast<size_t>(n));
  if (z) {
    out += 'Z';
  } else {
    append_offset(out, offset_s, true);
  }
  return out;
}

}  // namespace

std::optional<int32_t> parse_utc_offset(std::string_view text) {
  if (text == "Z" || text == "z") return 0;
  if (text.size() != 5 && text.size() != 6) return std::nullopt;
  if (text[0] != '+' && text[0] != '-') return std::nullopt;
  const bool colon = text.size() == 6;
  if (colon && text[3] != ':') return std::nullopt;
  auto h = digits(text, 1, 2), m = digits(text, colon ? 4 : 3, 2);
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  const int32_t s = *h * 3600 + *m * 60;
  return text[0] == '-' ? -s : s;
}

std::optional<int64_t> parse_rfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS then the offset.
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') ||
      text[13] != ':' || text[16] != ':')
    return std::nullopt;
  auto y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
  auto h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
  auto off = parse_utc_offset(text.substr(19));
  if (!y || !mo || !d || !h || !mi || !s || !off) return std::nullopt;
  const chr::year_month_day ymd{chr::year{*y}, chr::month{static_cast<unsigned>(*mo)},
                                chr::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok() || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  const int64_t days = chr::sys_days{ymd}.time_since_epoch().count();
  return days * 86400 + *h * 3600 + *mi * 60 + *s - *off;
}

void append_apache_time(std::string& out, int64_t epoch, int32_t offset_s) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Civil c = to_civil(epoch + offset_s);
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%02u/%s/%04d:%02u:%02u:%02u ", c.day, kMonths[c.month - 1],
                        c.year, c.hour, c.minute, c.second);
  out.append(buf, static_cast<size_t>(n));
  append_offset(out, offset_s, false);
}

std::string format_rfc3339_utc(int64_t epoch) { return format_rfc3339(epoch, 0, true); }

std::string format_rfc3339_local(int64_t epoch, int32_t offset_s) {
  return format_rfc3339(epoch, offset_s, false);
}

}  // namespace alcor::loggen
