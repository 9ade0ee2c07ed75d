// A parse's whole outcome as one line of text: the reject reason and every
// field of the record. Differential tests compare two parsers' outcomes
// with it (a mismatch prints both) and fuzz targets trap on a difference.
#ifndef ALCOR_TESTS_PARSE_OUTCOME_H_
#define ALCOR_TESTS_PARSE_OUTCOME_H_

#include <string>
#include <string_view>
#include <type_traits>

#include "parsers/line_parser.h"
#include "parsers/log_record.h"

namespace alcor {

// A tripwire for the field list below: a field added to LogRecord almost
// always changes its size, and must be added to parse_outcome() before the
// size here is updated.
static_assert(sizeof(LogRecord) == 256, "LogRecord changed: compare its new field in parse_outcome()");

inline std::string parse_outcome(RejectReason reason, const LogRecord& r) {
  std::string out(reject_reason_name(reason));
  if (reason != RejectReason::kNone) return out;  // the record is the parser's scratch then
  auto add = [&](std::string_view name, const auto& value) {
    out += ' ';
    out += name;
    out += '=';
    if constexpr (std::is_convertible_v<decltype(value), std::string_view>) {
      out += '[';
      out += std::string_view(value);
      out += ']';
    } else {
      out += std::to_string(value);
    }
  };
  add("utc_us", r.time.utc_us);
  add("offset_s", r.time.offset_s);
  add("precision", int(r.time.precision));
  add("offset_source", int(r.time.offset_source));
  add("meaning", int(r.time_meaning));
  add("duration_us", r.duration_us);
  add("client_kind", int(r.client_kind));
  add("client", r.client.to_string());
  add("client_text", r.client_text);
  add("client_port", r.client_port);
  add("client_source", int(r.client_source));
  add("has_peer", int(r.has_peer));
  add("peer", r.peer.to_string());
  add("peer_port", r.peer_port);
  add("forwarded_for", r.forwarded_for);
  add("forwarded", r.forwarded);
  add("host", r.host);
  add("server_port", r.server_port);
  add("method", r.method);
  add("target", r.target);
  add("protocol", r.protocol);
  add("status", r.status);
  add("bytes", r.response_bytes);
  add("referer", r.referer);
  add("user_agent", r.user_agent);
  return out;
}

}  // namespace alcor

#endif  // ALCOR_TESTS_PARSE_OUTCOME_H_
