// The Apache LogFormats the generator writes, with Apache's escaping.
//   combined_port   %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %{remote}p
//   vhost_combined  %v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"  (Debian)
//   combined        %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"
//   common          %h %l %u %t "%r" %>s %b
#ifndef ALCOR_TOOLS_LOGGEN_LOG_FORMAT_H_
#define ALCOR_TOOLS_LOGGEN_LOG_FORMAT_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tools/loggen/request.h"

namespace alcor::loggen {

enum class LogFormat : uint8_t { kCombinedPort, kVhostCombined, kCombined, kCommon };

std::optional<LogFormat> parse_log_format(std::string_view name);
std::string_view log_format_name(LogFormat f);

class LineFormatter {
 public:
  LineFormatter(LogFormat format, int32_t utc_offset_s) : format_(format), offset_s_(utc_offset_s) {}

  // Appends one line including its '\n'.
  void append(std::string& out, const Request& r);

 private:
  void append_time(std::string& out, int64_t epoch);

  LogFormat format_;
  int32_t offset_s_;
  // Neighbouring lines log the same few seconds (out of order by the
  // request durations): a small direct-mapped cache of formatted %t keeps
  // formatting off the profile.
  struct CachedTime {
    int64_t epoch = INT64_MIN;
    std::string text;
  };
  std::array<CachedTime, 64> time_cache_;
};

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_LOG_FORMAT_H_
