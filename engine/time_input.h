// Times and durations as users type them on the command line.
#ifndef ALCOR_ENGINE_TIME_INPUT_H_
#define ALCOR_ENGINE_TIME_INPUT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parsers/timestamp.h"

namespace alcor {

// Accepts RFC 3339 / ISO 8601 with an offset or "Z"
// ("2026-01-01T15:22:46+09:00", "2026-01-01 15:22:46.250Z"), the Apache form
// ("01/Jan/2026:15:22:46 +0900", brackets optional) and epoch seconds with an
// optional fraction ("1767248566", "1767248566.5"). A time without an offset
// is refused with a message saying how to give one.
std::optional<Timestamp> parse_time_input(std::string_view text, std::string* error);

// "60s", "5m", "2h", "1d", "250ms", "90" (seconds), "1.5s" -> microseconds.
std::optional<int64_t> parse_duration(std::string_view text, std::string* error);

}  // namespace alcor

#endif  // ALCOR_ENGINE_TIME_INPUT_H_
