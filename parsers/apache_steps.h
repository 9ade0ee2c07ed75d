// The compiled form of a field-template log format: what apache_compile.cc
// (LogFormat) and nginx_format.cc (log_format) build and apache_format.cc
// walks. Both servers write a line as literal text with values spliced in;
// they differ only in item syntax, escaping and time layouts, so one walker
// serves both. Internal to those files.
#ifndef ALCOR_PARSERS_APACHE_STEPS_H_
#define ALCOR_PARSERS_APACHE_STEPS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/format_registry.h"
#include "parsers/time_pattern.h"

namespace alcor::apache {

enum class StepKind : uint8_t {
  kLiteral,      // text that must be there exactly
  kText,         // a logged string (Apache-escaped)
  kNumber,       // a decimal number or "-"
  kRequestTime,  // %t: "[10/Oct/2000:13:55:36 -0700]"
  kTimePattern,  // %{strftime pattern}t
  kTimeNumber,   // %{sec|msec|usec|msec_frac|usec_frac}t, nginx $msec
  kClfTime,      // nginx $time_local: "10/Oct/2000:13:55:36 -0700" (brackets are literals)
  kIsoTime,      // nginx $time_iso8601: "2000-10-10T13:55:36-07:00"
};

// How the server escaped logged values (see log_escape.h).
enum class Escape : uint8_t { kApache, kNginx, kJson, kNone };

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
  kTarget,         // nginx $request_uri: the whole request target
  kArgs,           // nginx $args: the query without '?'
  kForwardedFor,   // X-Forwarded-For header
  kForwarded,      // Forwarded header (RFC 7239)
  kPeerAddr,       // nginx $realip_remote_addr: the peer before realip
  kPeerPort,       // nginx $realip_remote_port
  kProxyAddr,      // nginx $proxy_protocol_addr
  kProxyPort,      // nginx $proxy_protocol_port
};

enum class TimeNumber : uint8_t {
  kSec, kMsec, kUsec, kMsecFrac, kUsecFrac,
  kSecDotMsec,  // nginx $msec: "1700000000.123"
};

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
  bool decimal_seconds = false;  // kNumber: "0.040" seconds (nginx $request_time), stored in us
  int pattern = -1;          // kTimePattern: index into Format::patterns
  std::string text;          // kLiteral: the text; items: the literal that follows (may be empty)
  bool last = false;         // items: nothing follows in the format
  bool before_last_literal = false;  // items: only the literal in `text` follows: ends where the line's tail is it
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
  Escape escape = Escape::kApache;
  // nginx logs a variable that exists but is empty as nothing at all
  // ($remote_port behind a unix socket or realip): "not logged", not an error.
  bool empty_is_unknown = false;
};

// Appends `in` to *out unescaped by the rules it was logged with
// (log_escape.h); kNone appends it as it is. The walker and the NCSA fast
// path both unescape through here.
void unescape_item(Escape escape, std::string_view in, std::string* out);

// Compiles a LogFormat; nullopt with *error naming the bad part.
std::optional<Format> compile(std::string_view format, std::string* error);
// Compiles an nginx log_format template (nginx_format.cc) whose values were
// written with `escape` (kNginx, kJson or kNone).
std::optional<Format> compile_nginx(std::string_view format, Escape escape, std::string* error);

// The compilers' common last pass over `f->steps`: tells each item how it
// ends, requires a time item and keeps only the best item per record field.
// `label` names the format in messages (`LogFormat "..."`).
bool finish_format(std::string_view label, Format* f, std::string* error);

}  // namespace alcor::apache

namespace alcor {

namespace apache {
// Whether the parser reads the plain lines of the NCSA family's shapes
// through ClfFastPath (clf_fast_path.h); kWalkOnly is the reference the
// differential tests hold it to.
enum class FastPath : uint8_t { kAllowed, kWalkOnly };
}  // namespace apache

// The line parser that walks a compiled Format (apache_format.cc). Fails
// only for an unknown options.tz.
std::unique_ptr<LineParser> make_step_parser(apache::Format format, std::string definition,
                                             const ParseOptions& options, std::string* error,
                                             apache::FastPath fast_path = apache::FastPath::kAllowed);

}  // namespace alcor

#endif  // ALCOR_PARSERS_APACHE_STEPS_H_
