// Zoraxy's request log (see preset_formats.h).
#include "parsers/ascii.h"
#include "parsers/decimal.h"
#include "parsers/fixed_layout_parser.h"
#include "parsers/ip_address.h"
#include "parsers/preset_formats.h"
#include "parsers/time_pattern.h"
#include "parsers/time_text.h"
#include "parsers/zone_resolver.h"

namespace alcor {
namespace {

// The text of "[<label><value>] " at the start of *s, advancing past it.
bool bracketed(std::string_view* s, std::string_view label, std::string_view* v) {
  if (!s->starts_with("[") || s->substr(1, label.size()) != label) return false;
  const size_t close = s->find("] ", 1 + label.size());
  if (close == std::string_view::npos) return false;
  *v = s->substr(1 + label.size(), close - 1 - label.size());
  s->remove_prefix(close + 2);
  return true;
}

class ZoraxyParser final : public FixedLayoutParser<ZoraxyParser> {
 public:
  ZoraxyParser(ZoneResolver zone, std::string default_host)
      : FixedLayoutParser("zoraxy", std::move(default_host)), zone_(zone) {}
  RejectReason parse(std::string_view line, LogRecord* out) override;

 private:
  ZoneResolver zone_;
};

RejectReason ZoraxyParser::parse(std::string_view line, LogRecord* out) {
  if (RejectReason r = precheck(line, out); r != RejectReason::kNone) return r;
  line = trim(line);
  // Go's log prefix "2025/05/01 07:57:03 " (the same clock, in seconds).
  if (line.size() < 20 || line[4] != '/' || line[7] != '/' || line[10] != ' ' || line[19] != ' ') {
    return RejectReason::kFormat;
  }
  std::string_view rest = line.substr(20);
  std::string_view when, router, origin, client, user_agent;
  if (!bracketed(&rest, "", &when) || !bracketed(&rest, "router:", &router) ||
      !bracketed(&rest, "origin:", &origin) || !bracketed(&rest, "client: ", &client)) {
    return RejectReason::kFormat;
  }
  // The user agent is not escaped: it ends at the last "] " before the
  // request (METHOD URI STATUS).
  if (rest.starts_with("[useragent: ")) {
    const size_t close = rest.rfind("] ");
    if (close == std::string_view::npos) return RejectReason::kFormat;
    user_agent = rest.substr(12, close - 12);
    rest.remove_prefix(close + 2);
  }
  const size_t sp1 = rest.find(' ');
  const size_t sp2 = rest.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return RejectReason::kTruncated;

  // time.Now() when the response is done, local time without an offset.
  TimeFields f;
  const char* p = when.data();
  if (read_iso8601(&p, when.data() + when.size(), &f) != RejectReason::kNone || p != when.data() + when.size() ||
      f.offset_s) {
    return RejectReason::kBadTimestamp;
  }
  auto t = f.to_timestamp(zone_);
  if (!t) return RejectReason::kBadTimestamp;

  int64_t n;
  if (!parse_count(rest.substr(sp2 + 1), 999, &n)) return RejectReason::kBadNumber;
  out->status = int32_t(n);
  // Zoraxy logs the first of X-Real-IP, CF-Connecting-IP, Fastly-Client-IP,
  // X-Forwarded-For (its first entry) and the peer address, without a port:
  // a derivation of its own, from headers any client can send.
  auto a = IpAddress::parse(client);
  if (!a) return RejectReason::kBadAddress;
  out->client = *a;
  out->client_kind = ClientKind::kAddress;
  out->client_text = client;
  out->client_source = ClientSource::kServer;
  out->time = *t;
  out->time_meaning = TimeMeaning::kLogWrite;
  out->method = rest.substr(0, sp1);
  out->target = rest.substr(sp1 + 1, sp2 - sp1 - 1);
  out->user_agent = user_agent;
  out->host = origin.empty() ? default_host() : origin;
  return RejectReason::kNone;
}

}  // namespace

std::unique_ptr<LineParser> make_zoraxy_parser(const ParseOptions& options, std::string* error) {
  auto zone = ZoneResolver::create(options.tz, error);
  if (!zone) return nullptr;
  return std::make_unique<ZoraxyParser>(*zone, options.default_host);
}

}  // namespace alcor
