// Envoy's default access-log format string, and Istio's (see
// preset_formats.h).
#include <array>

#include "parsers/decimal.h"
#include "parsers/field_tokens.h"
#include "parsers/fixed_layout_parser.h"
#include "parsers/ip_address.h"
#include "parsers/preset_formats.h"
#include "parsers/request_line.h"
#include "parsers/time_text.h"

namespace alcor {
namespace {

bool all_digits(std::string_view v) {
  return !v.empty() && v.find_first_not_of("0123456789") == std::string_view::npos;
}

class EnvoyParser final : public FixedLayoutParser<EnvoyParser> {
 public:
  explicit EnvoyParser(std::string default_host) : FixedLayoutParser("envoy", std::move(default_host)) {}
  RejectReason parse(std::string_view line, LogRecord* out) override;
};

RejectReason EnvoyParser::parse(std::string_view line, LogRecord* out) {
  if (RejectReason r = precheck(line, out); r != RejectReason::kNone) return r;
  // [%START_TIME%]: the request's first byte, RFC 3339 in UTC.
  if (line.front() != '[') return RejectReason::kFormat;
  const size_t close = line.find("] \"");
  if (close == std::string_view::npos) return RejectReason::kFormat;
  auto t = parse_iso8601_instant(line.substr(1, close - 1));
  if (!t) return RejectReason::kBadTimestamp;

  const char* p = line.data() + close + 2;
  const char* const end = line.data() + line.size();
  bool truncated = false;
  auto next = [&](std::string_view* f) { return next_field(&p, end, ' ', f, &truncated); };
  std::string_view request, status, flags;
  if (!next(&request) || !next(&status) || !next(&flags)) return truncated ? RejectReason::kTruncated : RejectReason::kFormat;
  // Istio's default inserts %RESPONSE_CODE_DETAILS%
  // %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%"
  // before the byte counts, and appends the addresses after them.
  std::string_view word;
  if (!next(&word)) return RejectReason::kTruncated;
  const bool istio = !all_digits(word);
  std::string_view received = word;
  if (istio && (!next(&word) || !next(&word) || !next(&received))) return RejectReason::kTruncated;
  // %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%
  // "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%"
  // "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"
  std::array<std::string_view, 8> f;
  for (std::string_view& v : f) {
    if (!next(&v)) return RejectReason::kTruncated;
  }
  const std::string_view sent = f[0], duration = f[1], forwarded_for = f[3], user_agent = f[4], authority = f[6];

  int64_t n;
  if (!all_digits(received) || !parse_count(sent, INT64_MAX, &n)) return RejectReason::kBadNumber;
  out->response_bytes = n;
  if (!dash_as_empty(duration).empty()) {
    if (!parse_count(duration, INT64_MAX / 1000, &n)) return RejectReason::kBadNumber;
    out->duration_us = n * 1000;
  }
  // 0: Envoy never sent a response (the client went away).
  if (!parse_count(status, 999, &n)) return RejectReason::kBadNumber;
  out->status = int32_t(n);

  out->time = *t;
  out->time_meaning = TimeMeaning::kRequestStart;
  const RequestLine r = split_request_line(request);
  out->method = r.method;
  out->target = r.target;
  out->protocol = r.protocol;
  out->forwarded_for = dash_as_empty(forwarded_for);
  out->user_agent = dash_as_empty(user_agent);
  out->host = dash_as_empty(authority).empty() ? default_host() : authority;

  if (istio) {
    // %UPSTREAM_CLUSTER% %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS%
    // %DOWNSTREAM_REMOTE_ADDRESS%: the connection's peer, with its port.
    std::string_view peer;
    if (!next(&word) || !next(&word) || !next(&word) || !next(&peer)) return RejectReason::kTruncated;
    auto e = parse_endpoint(peer, /*port_expected=*/true);
    if (!e) return RejectReason::kBadAddress;
    out->client = e->address;
    out->client_kind = ClientKind::kAddress;
    out->client_text = peer;
    if (e->port) out->client_port = *e->port;
  }
  // Envoy's own default logs no connection address: the client stays
  // missing (X-Forwarded-For is a request header, kept as logged).
  return RejectReason::kNone;
}

}  // namespace

std::unique_ptr<LineParser> make_envoy_parser(const ParseOptions& options, std::string* /*error*/) {
  return std::make_unique<EnvoyParser>(options.default_host);
}

}  // namespace alcor
