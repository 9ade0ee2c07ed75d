#include "parsers/time_pattern.h"

#include <algorithm>
#include <cstring>

#include "parsers/ascii.h"
#include "parsers/civil_time.h"

namespace alcor {
namespace {

// Conversions that are shorthand for others.
std::string_view expansion(char c) {
  switch (c) {
    case 'T': return "%H:%M:%S";
    case 'F': return "%Y-%m-%d";
    case 'D': return "%m/%d/%y";
    case 'R': return "%H:%M";
    default: return {};
  }
}

}  // namespace

std::optional<TimePattern> TimePattern::compile(std::string_view pattern, std::string* error) {
  TimePattern tp;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') {
      tp.tokens_.push_back({Op::kLiteral, pattern[i]});
      continue;
    }
    if (++i == pattern.size()) {
      *error = "time pattern '" + std::string(pattern) + "' ends with a lone '%'";
      return std::nullopt;
    }
    const char c = pattern[i];
    if (std::string_view ex = expansion(c); !ex.empty()) {
      auto sub = compile(ex, error);
      tp.tokens_.insert(tp.tokens_.end(), sub->tokens_.begin(), sub->tokens_.end());
      continue;
    }
    Op op;
    char literal = 0;
    switch (c) {
      case 'a': op = Op::kWeekday; break;
      case 'A': op = Op::kWeekdayFull; break;
      case 'b': case 'h': op = Op::kMonthName; break;
      case 'B': op = Op::kMonthNameFull; break;
      case 'd': op = Op::kDay; break;
      case 'e': op = Op::kSpaceDay; break;
      case 'j': op = Op::kYearDay; break;
      case 'm': op = Op::kMonth; break;
      case 'y': op = Op::kYear2; break;
      case 'Y': op = Op::kYear4; break;
      case 'H': op = Op::kHour24; break;
      case 'I': op = Op::kHour12; break;
      case 'M': op = Op::kMinute; break;
      case 'S': op = Op::kSecond; break;
      case 'p': op = Op::kAmPm; break;
      case 's': op = Op::kEpoch; break;
      case 'z': op = Op::kOffset; break;
      case 'Z': op = Op::kZoneName; break;
      case 'n': op = Op::kLiteral, literal = '\n'; break;
      case 't': op = Op::kLiteral, literal = '\t'; break;
      case '%': op = Op::kLiteral, literal = '%'; break;
      default:
        *error = "time pattern '" + std::string(pattern) + "': unsupported conversion '%" + c + "'";
        return std::nullopt;
    }
    tp.tokens_.push_back({op, literal});
  }
  auto has = [&](Op op) {
    return std::any_of(tp.tokens_.begin(), tp.tokens_.end(), [op](const Token& t) { return t.op == op; });
  };
  if (has(Op::kHour24) || has(Op::kHour12)) tp.clock_unit_s_ = !has(Op::kMinute) ? 3600 : !has(Op::kSecond) ? 60 : 1;
  return tp;
}

RejectReason TimePattern::match(const char** pp, const char* end, TimeFields* f) const {
  const char* p = *pp;
  // Reads exactly n digits, or reports why it could not.
  RejectReason why = RejectReason::kNone;
  auto digits = [&](int n, int* out) {
    if (end - p < n) {
      why = RejectReason::kTruncated;
      return false;
    }
    if (!parse_digits(p, n, out)) {
      why = RejectReason::kBadTimestamp;
      return false;
    }
    p += n;
    return true;
  };
  f->any = true;
  if (clock_unit_s_ != 1) f->clock_unit_s = clock_unit_s_;
  for (const Token& t : tokens_) {
    switch (t.op) {
      case Op::kLiteral:
        if (p == end) return RejectReason::kTruncated;
        if (*p != t.literal) return RejectReason::kBadTimestamp;
        ++p;
        break;
      case Op::kWeekday:
        if (end - p < 3) return RejectReason::kTruncated;
        if (!is_ascii_alpha(p[0]) || !is_ascii_alpha(p[1]) || !is_ascii_alpha(p[2])) return RejectReason::kBadTimestamp;
        p += 3;
        break;
      case Op::kWeekdayFull:
      case Op::kZoneName: {
        // %Z may also be a numeric abbreviation such as "+03".
        const bool zone = t.op == Op::kZoneName;
        const char* start = p;
        while (p < end && (is_ascii_alpha(*p) || (zone && (*p == '+' || *p == '-' || (*p >= '0' && *p <= '9'))))) ++p;
        if (p == start) return p == end ? RejectReason::kTruncated : RejectReason::kBadTimestamp;
        break;
      }
      case Op::kMonthName:
      case Op::kMonthNameFull:
        if (end - p < 3) return RejectReason::kTruncated;
        f->month = month_from_abbrev(p);
        if (f->month == 0) return RejectReason::kBadTimestamp;
        p += 3;
        if (t.op == Op::kMonthNameFull) {
          while (p < end && is_ascii_alpha(*p)) ++p;  // the rest of the full name
        }
        break;
      case Op::kDay:
        if (!digits(2, &f->day)) return why;
        break;
      case Op::kSpaceDay:
        if (p < end && *p == ' ') {
          ++p;
          if (!digits(1, &f->day)) return why;
        } else if (!digits(2, &f->day)) {
          return why;
        }
        break;
      case Op::kYearDay:
        if (!digits(3, &f->yday)) return why;
        if (f->yday < 1 || f->yday > 366) return RejectReason::kBadTimestamp;
        break;
      case Op::kMonth:
        if (!digits(2, &f->month)) return why;
        break;
      case Op::kYear2: {
        int y;
        if (!digits(2, &y)) return why;
        f->year = y < 69 ? 2000 + y : 1900 + y;  // POSIX strptime's pivot
        f->has_year = true;
        break;
      }
      case Op::kYear4: {
        int y;
        if (!digits(4, &y)) return why;
        f->year = y;
        f->has_year = true;
        break;
      }
      case Op::kHour24:
      case Op::kHour12:
        if (!digits(2, &f->hour)) return why;
        f->has_clock = true;
        break;
      case Op::kMinute:
        if (!digits(2, &f->minute)) return why;
        break;
      case Op::kSecond:
        if (!digits(2, &f->second)) return why;
        break;
      case Op::kAmPm:
        if (end - p < 2) return RejectReason::kTruncated;
        if ((p[0] == 'A' || p[0] == 'P') && p[1] == 'M') {
          f->pm = p[0] == 'P';
        } else if ((p[0] == 'a' || p[0] == 'p') && p[1] == 'm') {
          f->pm = p[0] == 'p';
        } else {
          return RejectReason::kBadTimestamp;
        }
        p += 2;
        break;
      case Op::kEpoch: {
        int64_t v = 0;
        const char* start = p;
        while (p < end && *p >= '0' && *p <= '9' && p - start < 12) v = v * 10 + (*p++ - '0');
        if (p == start) return p == end ? RejectReason::kTruncated : RejectReason::kBadTimestamp;
        f->epoch_us = v * kMicrosPerSecond;
        break;
      }
      case Op::kOffset: {
        if (end - p < 5) return RejectReason::kTruncated;
        int32_t off;
        if (!parse_utc_offset(p, &off)) return RejectReason::kBadTimestamp;
        f->offset_s = off;
        p += 5;
        break;
      }
    }
  }
  *pp = p;
  return RejectReason::kNone;
}

std::optional<Timestamp> TimeFields::to_timestamp(ZoneResolver& zone) const {
  Timestamp t;
  t.precision = precision;
  if (epoch_us) {
    // An epoch is an instant by itself; an offset logged beside it only says
    // how the server would have shown it locally.
    t.utc_us = *epoch_us + frac_us;
    t.offset_s = offset_s.value_or(0);
    t.offset_source = OffsetSource::kLogged;
    return t;
  }
  // A time without minutes cannot place a request for anyone.
  if (!has_year || !has_clock || clock_unit_s > 60) return std::nullopt;
  // Without seconds the logged minute is all there is: the precision says
  // so, and queries treat the record as spanning that minute.
  if (clock_unit_s == 60) t.precision = TimePrecision::kMinute;
  int m = month, d = day;
  if (yday != 0 && (m == 0 || d == 0)) {
    const int64_t jan1 = days_from_civil(year, 1, 1);
    const CivilDate date = civil_from_days(jan1 + yday - 1);
    if (date.year != year) return std::nullopt;
    m = int(date.month);
    d = int(date.day);
  }
  int h = hour;
  if (pm >= 0) {
    if (h < 1 || h > 12) return std::nullopt;
    h = h % 12 + (pm ? 12 : 0);
  }
  auto local = local_seconds(year, m, d, h, minute, second);
  if (!local) return std::nullopt;
  if (offset_s) {
    t.offset_s = *offset_s;
    t.offset_source = OffsetSource::kLogged;
  } else {
    ZoneResolver::Resolution r = zone.resolve(*local);
    t.offset_s = r.offset_s;
    t.offset_source = r.source;
  }
  t.utc_us = (*local - t.offset_s) * kMicrosPerSecond + frac_us;
  return t;
}

}  // namespace alcor
