#include "parsers/time_text.h"

#include "parsers/civil_time.h"

namespace alcor {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads a fraction's digits after the '.', into microseconds.
void read_fraction(const char** p, const char* end, TimeFields* f) {
  const char* q = *p;
  int32_t us = 0;
  int n = 0;
  while (q < end && is_digit(*q)) {
    if (n < 6) us = us * 10 + (*q - '0');
    ++n;
    ++q;
  }
  for (int i = n; i < 6; ++i) us *= 10;
  f->frac_us = us;
  f->precision = n <= 3 ? TimePrecision::kMilli : TimePrecision::kMicro;
  *p = q;
}

}  // namespace

RejectReason read_iso8601(const char** pp, const char* end, TimeFields* f) {
  const char* p = *pp;
  // "2000-10-10T13:55:36": 19 bytes before the optional parts.
  if (end - p < 19) return RejectReason::kTruncated;
  int y, mo, d, h, mi, s;
  if (!parse_digits(p, 4, &y) || p[4] != '-' || !parse_digits(p + 5, 2, &mo) || p[7] != '-' ||
      !parse_digits(p + 8, 2, &d) || (p[10] != 'T' && p[10] != ' ') || !parse_digits(p + 11, 2, &h) ||
      p[13] != ':' || !parse_digits(p + 14, 2, &mi) || p[16] != ':' || !parse_digits(p + 17, 2, &s)) {
    return RejectReason::kBadTimestamp;
  }
  p += 19;
  f->any = true;
  f->year = y;
  f->has_year = true;
  f->month = mo;
  f->day = d;
  f->hour = h;
  f->minute = mi;
  f->second = s;
  f->has_clock = true;
  if (p < end && (*p == '.' || *p == ',')) {
    ++p;
    if (p == end || !is_digit(*p)) return RejectReason::kBadTimestamp;
    read_fraction(&p, end, f);
  }
  if (p < end && *p == 'Z') {
    f->offset_s = 0;
    ++p;
  } else if (p < end && (*p == '+' || *p == '-')) {
    // "+09:00" or "+0900".
    if (end - p < 5) return RejectReason::kTruncated;
    char compact[5] = {p[0], p[1], p[2], p[3], p[4]};
    size_t len = 5;
    if (p[3] == ':') {
      if (end - p < 6) return RejectReason::kTruncated;
      compact[3] = p[4];
      compact[4] = p[5];
      len = 6;
    }
    int32_t off;
    if (!parse_utc_offset(compact, &off)) return RejectReason::kBadTimestamp;
    f->offset_s = off;
    p += len;
  }
  *pp = p;
  return RejectReason::kNone;
}

RejectReason read_epoch_decimal(const char** pp, const char* end, TimeFields* f) {
  const char* p = *pp;
  int64_t v = 0;
  const char* start = p;
  while (p < end && is_digit(*p) && p - start < 12) v = v * 10 + (*p++ - '0');
  if (p == start) return p == end ? RejectReason::kTruncated : RejectReason::kBadTimestamp;
  f->any = true;
  f->epoch_us = v * kMicrosPerSecond;
  f->precision = TimePrecision::kSecond;
  if (p < end && *p == '.') {
    ++p;
    if (p == end || !is_digit(*p)) return RejectReason::kBadTimestamp;
    read_fraction(&p, end, f);
  }
  *pp = p;
  return RejectReason::kNone;
}

bool parse_seconds_us(std::string_view text, int64_t* us) {
  if (text == "-1") {
    *us = -1;
    return true;
  }
  size_t i = 0;
  int64_t whole = 0;
  while (i < text.size() && is_digit(text[i]) && i < 12) whole = whole * 10 + (text[i++] - '0');
  if (i == 0) return false;
  int64_t frac = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    int n = 0;
    while (i < text.size() && is_digit(text[i])) {
      if (n < 6) {
        frac = frac * 10 + (text[i] - '0');
        ++n;
      }
      ++i;
    }
    if (n == 0) return false;
    for (; n < 6; ++n) frac *= 10;
  }
  if (i != text.size()) return false;
  *us = whole * kMicrosPerSecond + frac;
  return true;
}

bool parse_iso8601(std::string_view text, TimeFields* f) {
  const char* p = text.data();
  const char* end = p + text.size();
  return read_iso8601(&p, end, f) == RejectReason::kNone && p == end;
}

std::optional<Timestamp> parse_iso8601_instant(std::string_view text) {
  TimeFields f;
  if (!parse_iso8601(text, &f) || !f.offset_s) return std::nullopt;
  ZoneResolver utc = *ZoneResolver::create("", nullptr);  // unused: the offset is logged
  return f.to_timestamp(utc);
}

}  // namespace alcor
