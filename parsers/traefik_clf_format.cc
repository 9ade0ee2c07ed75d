// Traefik's "common" access-log format (see preset_formats.h).
#include "parsers/ascii.h"
#include "parsers/decimal.h"
#include "parsers/fixed_layout_parser.h"
#include "parsers/ip_address.h"
#include "parsers/preset_formats.h"
#include "parsers/request_line.h"

namespace alcor {
namespace {

// Cuts the last space-separated word off *s.
std::string_view last_word(std::string_view* s) {
  const size_t sp = s->rfind(' ');
  const std::string_view w = sp == std::string_view::npos ? *s : s->substr(sp + 1);
  *s = sp == std::string_view::npos ? std::string_view() : s->substr(0, sp);
  return w;
}

// Cuts a trailing "quoted" value off *s (Traefik quotes without escaping:
// the value is what lies between this quote pair).
bool last_quoted(std::string_view* s, std::string_view* v) {
  if (s->size() < 2 || s->back() != '"') return false;
  const size_t open = s->rfind(" \"", s->size() - 2);
  if (open == std::string_view::npos) return false;
  *v = s->substr(open + 2, s->size() - open - 3);
  *s = s->substr(0, open);
  return true;
}

class TraefikClfParser final : public FixedLayoutParser<TraefikClfParser> {
 public:
  explicit TraefikClfParser(std::string default_host) : FixedLayoutParser("traefik_clf", std::move(default_host)) {}
  RejectReason parse(std::string_view line, LogRecord* out) override;
};

RejectReason TraefikClfParser::parse(std::string_view line, LogRecord* out) {
  if (RejectReason r = precheck(line, out); r != RejectReason::kNone) return r;
  line = trim(line);
  // ClientHost - ClientUsername [StartUTC] "Method Path Protocol"
  const size_t dash = line.find(" - ");
  const size_t open = line.find(" [");
  const size_t close = line.find("] \"");
  if (dash == std::string_view::npos || open == std::string_view::npos || close == std::string_view::npos ||
      dash > open || open > close) {
    return RejectReason::kFormat;
  }
  const std::string_view client = line.substr(0, dash);
  auto t = parse_apache_time(line.substr(open + 2, close - open - 2));
  if (!t) return RejectReason::kBadTimestamp;
  std::string_view rest = line.substr(close + 3);
  const size_t request_end = rest.find("\" ");
  if (request_end == std::string_view::npos) return RejectReason::kTruncated;
  const std::string_view request = rest.substr(0, request_end);
  rest.remove_prefix(request_end + 2);

  // From the end: "Referer" "User-Agent" RequestCount "RouterName"
  // "ServiceURL" Durationms. Referer and user agent are quoted without
  // escaping, so only the fields after them are found from the right.
  const std::string_view duration = last_word(&rest);
  std::string_view service, router, referer, user_agent;
  if (!duration.ends_with("ms") || !last_quoted(&rest, &service) || !last_quoted(&rest, &router)) {
    return RejectReason::kFormat;
  }
  const std::string_view count = last_word(&rest);
  // OriginStatus OriginContentSize, then the two quoted headers.
  const size_t sp1 = rest.find(' ');
  const size_t sp2 = sp1 == std::string_view::npos ? sp1 : rest.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return RejectReason::kFormat;
  const std::string_view status = rest.substr(0, sp1), size = rest.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view headers = rest.substr(sp2 + 1);
  if (headers.size() >= 2 && headers.front() == '"' && headers.back() == '"') {
    const size_t between = headers.find("\" \"");
    if (between != std::string_view::npos) {
      referer = headers.substr(1, between - 1);
      user_agent = headers.substr(between + 3, headers.size() - between - 4);
    }
  }

  int64_t n;
  if (!parse_count(count, INT64_MAX, &n)) return RejectReason::kFormat;
  if (!parse_count(duration.substr(0, duration.size() - 2), INT64_MAX / 1000, &n)) return RejectReason::kBadNumber;
  out->duration_us = n * 1000;
  if (!dash_as_empty(status).empty()) {
    if (!parse_count(status, 999, &n)) return RejectReason::kBadNumber;
    out->status = int32_t(n);
  }
  if (!dash_as_empty(size).empty()) {
    if (!parse_count(size, INT64_MAX, &n)) return RejectReason::kBadNumber;
    out->response_bytes = n;
  }

  // ClientHost: the peer's address, or, when the request arrived with an
  // X-Forwarded-For (Traefik keeps it only from its trusted IPs), that
  // header as Traefik received it. Of a list, the last entry is the
  // address the trusted proxy itself saw.
  out->client_text = client;
  if (!dash_as_empty(client).empty()) {
    std::string_view entry = client;
    if (const size_t comma = client.rfind(','); comma != std::string_view::npos) {
      entry = trim(client.substr(comma + 1));
      out->forwarded_for = client;
    }
    auto a = IpAddress::parse(entry);
    if (!a) return RejectReason::kBadAddress;
    out->client = *a;
    out->client_kind = ClientKind::kAddress;
    out->client_source = ClientSource::kServer;
  }
  out->time = *t;
  out->time_meaning = TimeMeaning::kRequestStart;
  const RequestLine r = split_request_line(request);
  out->method = r.method;
  out->target = r.target;
  out->protocol = r.protocol;
  out->referer = dash_as_empty(referer);
  out->user_agent = dash_as_empty(user_agent);
  out->host = default_host();
  return RejectReason::kNone;
}

}  // namespace

std::unique_ptr<LineParser> make_traefik_clf_parser(const ParseOptions& options, std::string* /*error*/) {
  return std::make_unique<TraefikClfParser>(options.default_host);
}

}  // namespace alcor
