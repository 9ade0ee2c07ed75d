// The plain lines of Apache's NCSA family read straight through, without
// walking the format's steps.
//
// Most archives are written in one of a handful of formats: common or
// combined, with or without a "%v " or "%v:%p " vhost in front and the
// client port at the end (combined_port), or nginx's combined, alone or
// with "$http_x_forwarded_for" after it (the "main" of nginx.conf). Their
// everyday line has "-" for %l and %u ($remote_user), an address and a
// well-formed time. For such a line each value's end is known from its
// syntax or from a search for one quote, so this reader takes about two
// thirds of the time of the general walker (apache_format.cc), which marks
// the whole line to find where items end (BM_ApacheParseCombinedPort and
// BM_NginxParseCombined against their ...WalkerOnly in bench/).
//
// It only ever answers for lines the walker would store exactly so:
// anything else (a user name, a hostname client, "-" for a status or port,
// an escape outside the quoted values, a NUL, a bad value, any line that
// does not parse) is declined, and the walker reads it as before.
// tests/clf_fast_path_test.cc and the clf_fast_path fuzz target hold the
// two to the same records.
#ifndef ALCOR_PARSERS_CLF_FAST_PATH_H_
#define ALCOR_PARSERS_CLF_FAST_PATH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/apache_steps.h"
#include "parsers/log_record.h"
#include "parsers/timestamp.h"

namespace alcor::apache {

class ClfFastPath {
 public:
  // The fast path for a compiled format, or nullopt when its steps are not
  // those of one of the shapes it reads: [%v |%v:%p ]%h %l %u %t "%r" %>s
  // %b|%O[ "%{Referer}i" "%{User-Agent}i"[ %{remote}p]], and nginx's
  // combined[ "$http_x_forwarded_for"] with escape=default.
  static std::optional<ClfFastPath> for_format(const Format& format);
  // Those shapes as LogFormat strings, and as nginx log_format templates.
  static std::vector<std::string> formats();
  static std::vector<std::string> nginx_formats();

  // Reads a plain line: the record's fields into *out (which the caller has
  // cleared), the time too (a whole logged instant: nothing is left of the
  // walker's time stage, and a TimeFields round trip cost a store-forwarding
  // stall per line); of the walker's last stage only the default host is
  // left to the caller. Unescaped values are appended to *scratch, which
  // must have room for line.size() more bytes (views of it are kept). False
  // for any other line; *out and *scratch are then partly written.
  bool read(std::string_view line, ApacheTimeReader& times, std::string* scratch, LogRecord* out) const;

 private:
  enum class Vhost : uint8_t { kNone, kHost, kHostPort };

  Vhost vhost_ = Vhost::kNone;
  Escape escape_ = Escape::kApache;  // how quoted values were escaped (kApache or kNginx)
  int64_t bytes_dash_ = 0;   // what "-" means for the bytes item (%b: 0, %O: unknown)
  bool log_write_ = false;   // the time is logged when the line is written (nginx)
  bool agent_ = false;       // "%{Referer}i" "%{User-Agent}i" follow
  bool client_port_ = false; // and then %{remote}p
  bool forwarded_for_ = false;  // or then "$http_x_forwarded_for"
};

}  // namespace alcor::apache

#endif  // ALCOR_PARSERS_CLF_FAST_PATH_H_
