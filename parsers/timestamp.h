// Logged times as UTC instants.
//
// A log line's time is kept at the precision it was logged (seconds for
// Apache %t, milliseconds for nginx $msec, microseconds for Apache usec) and
// with the UTC offset the server wrote, so an answer can quote the time both
// as logged and in UTC without ever re-deriving one from the other.
#ifndef ALCOR_PARSERS_TIMESTAMP_H_
#define ALCOR_PARSERS_TIMESTAMP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace alcor {

// kMinute: the server logged no seconds (a strftime format without %S); the
// request happened some time in the minute from the stored instant.
enum class TimePrecision : uint8_t { kSecond = 0, kMilli = 1, kMicro = 2, kMinute = 3 };

// How long after the stored instant a time at precision `p` may really be,
// for matching. Seconds and finer are taken as instants (a query's window
// absorbs a truncated fraction); a logged minute is a whole minute.
constexpr int64_t precision_span_us(TimePrecision p) { return p == TimePrecision::kMinute ? 59'999'999 : 0; }

// Where the UTC offset of a logged time came from; anything but kLogged is a
// warning for the report (the access provider needs an unambiguous instant).
enum class OffsetSource : uint8_t {
  kLogged = 0,      // the line carried it (%z, +09:00, Z, epoch)
  kZone = 1,        // the line had none; taken from --tz
  kAmbiguous = 2,   // from --tz, local time occurs twice (DST fold): earlier chosen
  kNonexistent = 3, // from --tz, local time skipped (DST gap): shifted forward
};

// Which moment of the request the logged time denotes.
enum class TimeMeaning : uint8_t {
  kRequestStart = 0,  // Apache %t (and %{begin:...}t): request received
  kLogWrite = 1,      // nginx $time_local/$msec, Apache %{end:...}t: response done
};

struct Timestamp {
  int64_t utc_us = 0;        // microseconds since 1970-01-01T00:00:00Z
  int32_t offset_s = 0;      // logged offset east of UTC, in seconds
  TimePrecision precision = TimePrecision::kSecond;
  OffsetSource offset_source = OffsetSource::kLogged;

  int64_t local_us() const { return utc_us + int64_t{offset_s} * 1'000'000; }
};

constexpr int64_t kMicrosPerSecond = 1'000'000;

// Days since 1970-01-01 for a proleptic Gregorian date (any year).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

// Parses Apache's %t body "10/Oct/2000:13:55:36 -0700" (no brackets).
std::optional<Timestamp> parse_apache_time(std::string_view text);

// parse_apache_time for the lines of one log, where neighbours share their
// time: a busy server logs many lines per second, so the last valid text is
// answered by a compare, and the calendar day is computed once per run of
// lines with the same "dd/Mon/yyyy". Same results as parse_apache_time for
// every text.
class ApacheTimeReader {
 public:
  std::optional<Timestamp> parse(std::string_view text);

 private:
  static constexpr size_t kSize = 26;  // "dd/Mon/yyyy:HH:MM:SS +zzzz"
  char text_[kSize] = {};  // the last valid time read
  Timestamp time_;         // what it stands for
  int64_t days_ = 0;       // days_from_civil of its date
  bool have_last_ = false;
};

// Formats RFC 3339 with the timestamp's own offset at its own precision:
// "2026-01-01T15:22:46+09:00", "2026-01-01T06:22:46.123Z" for offset 0 when
// `z_for_utc` is set.
std::string format_rfc3339(const Timestamp& t, bool z_for_utc = false);

// Same instant and precision, printed in UTC with a "Z" suffix.
std::string format_rfc3339_utc(const Timestamp& t);

}  // namespace alcor

#endif  // ALCOR_PARSERS_TIMESTAMP_H_
