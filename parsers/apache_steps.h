// The compiled form of an Apache LogFormat: what apache_compile.cc builds
// and apache_format.cc walks. Internal to those two files.
#ifndef ALCOR_PARSERS_APACHE_STEPS_H_
#define ALCOR_PARSERS_APACHE_STEPS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/time_pattern.h"

namespace alcor::apache {

enum class StepKind : uint8_t {
  kLiteral,      // text that must be there exactly
  kText,         // a logged string (Apache-escaped)
  kNumber,       // a decimal number or "-"
  kRequestTime,  // %t: "[10/Oct/2000:13:55:36 -0700]"
  kTimePattern,  // %{strftime pattern}t
  kTimeNumber,   // %{sec|msec|usec|msec_frac|usec_frac}t
};

// Where an item's value goes in the LogRecord.
enum class Field : uint8_t {
  kIgnored,
  kClientHost,  // %h: an address, or a DNS name with HostnameLookups On
  kClientAddr,  // %a: always an address
  kClientPort,
  kHost,
  kServerPort,
  kRequest,
  kMethod,
  kPath,
  kQuery,
  kProtocol,
  kStatus,
  kBytes,
  kDuration,
  kReferer,
  kUserAgent,
  kTime,
};

enum class TimeNumber : uint8_t { kSec, kMsec, kUsec, kMsecFrac, kUsecFrac };

struct Step {
  StepKind kind = StepKind::kLiteral;
  Field field = Field::kIgnored;
  bool quoted = false;       // between '"' literals: ends at the first unescaped '"'
  bool conditional = false;  // has a status list: may log "-" instead
  bool log_write = false;    // %{end:...}t
  TimeNumber time_number = TimeNumber::kSec;
  int rank = 0;              // among items for the same field, the highest is stored
  int64_t scale = 1;         // kNumber: multiplier to the stored unit (durations in us)
  int64_t dash_value = -1;   // kNumber: value of a logged "-"
  int pattern = -1;          // kTimePattern: index into Format::patterns
  std::string text;          // kLiteral: the text; items: the literal that follows (may be empty)
  bool last = false;         // items: nothing follows in the format
  bool before_query = false; // items: directly followed by %q, so ends at '?' at the latest
  // Items followed by ":" and a number ("%a:%{remote}p"): an IPv6 address
  // holds colons, so the item ends at the last ':' before the number ends.
  bool before_colon_number = false;
  std::string number_end;    // the literal that ends that number (empty: end of line)
  std::string item;          // the item as written, for messages
};

struct Format {
  std::vector<Step> steps;
  std::vector<TimePattern> patterns;
  bool has_request = false;  // %r stored: method/target/protocol come from it
  bool has_path = false;     // %U stored (target = %U%q)
  bool has_host = false;
};

// Compiles a LogFormat; nullopt with *error naming the bad part.
std::optional<Format> compile(std::string_view format, std::string* error);

}  // namespace alcor::apache

#endif  // ALCOR_PARSERS_APACHE_STEPS_H_
