// Lines a log parser must reject and count: what real access logs contain
// besides requests.
#ifndef ALCOR_TOOLS_LOGGEN_JUNK_H_
#define ALCOR_TOOLS_LOGGEN_JUNK_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "tools/loggen/log_format.h"
#include "tools/loggen/request.h"
#include "tools/loggen/rng.h"

namespace alcor::loggen {

enum class JunkKind : uint8_t {
  kTlsHandshake,  // a TLS ClientHello sent to a plain-HTTP port: Apache logs
                  // the binary bytes as the request line with status 400
  kTruncated,     // a line cut short (crash, full disk), then a newline
  kGarbage,       // random bytes, NULs included (e.g. a file hole after a crash)
};
inline constexpr std::array<JunkKind, 3> kAllJunkKinds = {JunkKind::kTlsHandshake, JunkKind::kTruncated,
                                                           JunkKind::kGarbage};
std::string_view junk_kind_name(JunkKind k);

class JunkWriter {
 public:
  // Appends one junk line (with its '\n') in place of `request`, whose time
  // and client it reuses where the junk looks like a logged request.
  JunkKind append(Rng& rng, LineFormatter& formatter, Request request, std::string& out);

 private:
  std::string scratch_;
};

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_JUNK_H_
