// Times and durations written as text by servers other than Apache: ISO 8601
// instants (nginx $time_iso8601, JSON logs, AWS, W3C), epoch seconds with a
// fraction (nginx $msec, Caddy "ts") and decimal-second durations (nginx
// $request_time, AWS processing times, Traefik).
#ifndef ALCOR_PARSERS_TIME_TEXT_H_
#define ALCOR_PARSERS_TIME_TEXT_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "parsers/time_pattern.h"

namespace alcor {

// Reads "YYYY-MM-DD(T| )HH:MM:SS[.fraction][Z|+HH:MM|+HHMM]" at *p,
// advancing it. A fraction of 1..3 digits is millisecond precision, more is
// microsecond (digits past the sixth are dropped, not rounded: the instant
// must never move into the next microsecond). No offset: the caller's zone.
RejectReason read_iso8601(const char** p, const char* end, TimeFields* f);

// Reads "<seconds>[.<fraction>]" since the epoch at *p, advancing it.
RejectReason read_epoch_decimal(const char** p, const char* end, TimeFields* f);

// The whole of `text` as decimal seconds ("0.040", "12", "1.5e-05" is not
// accepted) in microseconds; false for anything else. A leading '-' is
// accepted only for "-1", which AWS writes for "not measured" (*us = -1).
bool parse_seconds_us(std::string_view text, int64_t* us);

// The whole of `text` as an ISO 8601 instant (read_iso8601 + end check).
bool parse_iso8601(std::string_view text, TimeFields* f);

// The whole of `text` as an ISO 8601 instant that carries its own offset
// ("2015-05-13T23:39:43.945958Z"); nullopt without one, never guessed.
std::optional<Timestamp> parse_iso8601_instant(std::string_view text);

}  // namespace alcor

#endif  // ALCOR_PARSERS_TIME_TEXT_H_
