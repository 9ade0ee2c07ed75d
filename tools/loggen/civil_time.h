// Epoch seconds <-> the text forms the generator writes: Apache's %t and
// RFC 3339 for the ground truth. Whole seconds only, like Apache's %t.
#ifndef ALCOR_TOOLS_LOGGEN_CIVIL_TIME_H_
#define ALCOR_TOOLS_LOGGEN_CIVIL_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace alcor::loggen {

// "2026-01-01T00:00:00+09:00", "...Z" or "...+0900" -> epoch seconds.
std::optional<int64_t> parse_rfc3339(std::string_view text);

// "+0900", "+09:00", "-0430", "Z" -> seconds east of UTC.
std::optional<int32_t> parse_utc_offset(std::string_view text);

// Apache %t without brackets: "01/Jan/2026:09:00:00 +0900".
void append_apache_time(std::string& out, int64_t epoch, int32_t offset_s);

// "2026-01-01T00:00:00Z".
std::string format_rfc3339_utc(int64_t epoch);
// "2026-01-01T09:00:00+09:00" (the local time as logged, with its offset).
std::string format_rfc3339_local(int64_t epoch, int32_t offset_s);

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_CIVIL_TIME_H_
