// Newline-delimited JSON access logs (Caddy, Traefik, nginx escape=json,
// anything else with a field mapping), read with simdjson On-Demand.
//
// A mapping names, for each record field, the JSON key that holds it: a dot
// path for nested objects ("request.remote_ip"), alternatives separated by
// '|' ("time_iso8601|time_local"). Values may be strings or numbers either
// way (servers quote numbers inconsistently); an array yields its first
// element (Caddy logs headers as arrays). Invalid UTF-8 inside strings is
// tolerated: such a line is re-read with the offending bytes replaced by
// '?', which can only touch free text (user agents), never an address, port
// or time (those are ASCII or the line is rejected anyway).
#ifndef ALCOR_PARSERS_JSON_FORMAT_H_
#define ALCOR_PARSERS_JSON_FORMAT_H_

#include <memory>
#include <string>
#include <string_view>

#include "parsers/format_registry.h"
#include "parsers/line_parser.h"
#include "parsers/timestamp.h"

namespace alcor {

struct JsonMapping {
  std::string time;      // ISO 8601, "10/Oct/2000:13:55:36 -0700" or epoch seconds (may have a fraction)
  std::string client;    // address, or "address:port" (Traefik ClientAddr)
  std::string port;      // the client's source port
  // An address the server derived itself from proxy headers (Caddy
  // client_ip, Traefik ClientHost). When it differs from `client`, it
  // becomes the client and `client` the peer.
  std::string derived_client;
  std::string host;
  std::string method;
  std::string uri;       // the request target
  std::string request;   // a whole request line ("GET / HTTP/1.1"), when no method/uri keys
  std::string protocol;
  std::string status;
  std::string bytes;
  std::string duration;
  int64_t duration_unit_us = kMicrosPerSecond;  // one unit of `duration` in us; 0: nanoseconds
  std::string user_agent;
  std::string referer;
  std::string forwarded_for;
  TimeMeaning time_meaning = TimeMeaning::kLogWrite;
};

// Reads "key=path,key=path,..." (the text after "json:" in --format).
// Keys: time client port derived_client host method uri request protocol
// status bytes duration user_agent referer forwarded_for, plus
// duration_unit=s|ms|us|ns, time_meaning=start|end and name=LABEL (shown in
// summaries, no effect on parsing).
std::optional<JsonMapping> parse_json_mapping(std::string_view text, std::string* error);

std::unique_ptr<LineParser> make_json_parser(JsonMapping mapping, std::string definition,
                                             const ParseOptions& options, std::string* error);

}  // namespace alcor

#endif  // ALCOR_PARSERS_JSON_FORMAT_H_
