// HAProxy `option httplog` (see preset_formats.h).
#include <cstring>

#include "parsers/ascii.h"
#include "parsers/civil_time.h"
#include "parsers/decimal.h"
#include "parsers/field_tokens.h"
#include "parsers/ip_address.h"
#include "parsers/preset_formats.h"
#include "parsers/request_line.h"
#include "parsers/time_pattern.h"
#include "parsers/zone_resolver.h"

namespace alcor {
namespace {

// The layout is HAProxy's own, so its name is the whole definition.
constexpr std::string_view kDefinition = "haproxy_httplog";

// HAProxy writes '"', '#' and non-printable bytes of logged strings as #XX.
void unescape_haproxy(std::string_view in, std::string* out) {
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '#' && i + 2 < in.size() && hex_digit_value(in[i + 1]) >= 0 && hex_digit_value(in[i + 2]) >= 0) {
      out->push_back(char(hex_digit_value(in[i + 1]) << 4 | hex_digit_value(in[i + 2])));
      i += 2;
    } else {
      out->push_back(in[i]);
    }
  }
}

// "06/Feb/2009:12:14:14.655" right after `[`: the position of that `[` in
// the line (the one after client:port), or npos.
size_t find_accept_date(std::string_view line) {
  for (size_t at = line.find(" ["); at != std::string_view::npos; at = line.find(" [", at + 1)) {
    const std::string_view d = line.substr(at + 2);
    if (d.size() > 24 && d[2] == '/' && d[6] == '/' && d[11] == ':' && d[20] == '.' && d[24] == ']') {
      return at + 1;
    }
  }
  return std::string_view::npos;
}

// A logged count; "+" marks a value cut short by a log-early option.
bool parse_number(std::string_view v, int64_t* out) {
  if (!v.empty() && v[0] == '+') v.remove_prefix(1);
  return parse_count(v, INT64_MAX, out);
}

class HaproxyParser final : public LineParser {
 public:
  HaproxyParser(TimePattern date, ZoneResolver zone, std::string default_host)
      : date_(std::move(date)), zone_(zone), default_host_(std::move(default_host)), definition_(kDefinition) {}

  RejectReason parse(std::string_view line, LogRecord* out) override;
  const std::string& definition() const override { return definition_; }
  std::unique_ptr<LineParser> clone() const override { return std::make_unique<HaproxyParser>(*this); }

 private:
  TimePattern date_;
  ZoneResolver zone_;
  std::string default_host_;
  std::string definition_;
  std::string scratch_;
};

RejectReason HaproxyParser::parse(std::string_view line, LogRecord* out) {
  out->clear();
  if (line.find_first_not_of(" \t") == std::string_view::npos) return RejectReason::kEmpty;
  if (memchr(line.data(), '\0', line.size()) != nullptr) return RejectReason::kBinary;
  const size_t bracket = find_accept_date(line);
  if (bracket == std::string_view::npos) return RejectReason::kFormat;
  // The client endpoint is the word before the accept date.
  const size_t word = line.rfind(' ', bracket - 2);
  const std::string_view endpoint = line.substr(word == std::string_view::npos ? 0 : word + 1,
                                                bracket - 1 - (word == std::string_view::npos ? 0 : word + 1));
  const char* p = line.data() + bracket + 1;
  const char* const end = line.data() + line.size();
  TimeFields f;
  if (RejectReason r = date_.match(&p, end, &f); r != RejectReason::kNone) return r;
  int ms;
  if (!parse_digits(p + 1, 3, &ms)) return RejectReason::kBadTimestamp;
  f.frac_us = ms * 1000;
  f.precision = TimePrecision::kMilli;
  p += 5;  // ".655]"
  if (p >= end || *p != ' ') return RejectReason::kFormat;
  ++p;

  // frontend, backend/server, timers, status, bytes; then the request.
  std::string_view fields[5];
  bool truncated = false;
  for (std::string_view& field : fields) {
    if (!next_field(&p, end, ' ', &field, &truncated)) return RejectReason::kTruncated;
    // "fe/be: SSL handshake failure" and other connection messages.
    if (field.ends_with(':')) return RejectReason::kFormat;
  }
  if (fields[1].find('/') == std::string_view::npos) return RejectReason::kFormat;  // e.g. an SSL handshake failure
  const char* quote = static_cast<const char*>(memchr(p, '"', size_t(end - p)));
  if (quote == nullptr) return RejectReason::kFormat;
  const char* last = end;
  while (last > quote + 1 && last[-1] == ' ') --last;
  if (last[-1] != '"' || last - 1 == quote) return RejectReason::kTruncated;

  auto e = parse_endpoint(endpoint, /*port_expected=*/true);
  if (!e) return RejectReason::kBadAddress;
  out->client = e->address;
  out->client_kind = ClientKind::kAddress;
  out->client_text = endpoint;
  if (e->port) out->client_port = *e->port;

  auto t = f.to_timestamp(zone_);
  if (!t) return RejectReason::kBadTimestamp;
  out->time = *t;
  out->time_meaning = TimeMeaning::kRequestStart;

  int64_t n;
  const std::string_view timers = fields[2];
  const std::string_view total = timers.substr(timers.rfind('/') + 1);
  if (total != "-1") {
    // Milliseconds: bounded so that they fit in microseconds (found by
    // fuzz_format_parsers).
    if (!parse_number(total, &n) || n > INT64_MAX / 1000) return RejectReason::kBadNumber;
    out->duration_us = n * 1000;
  }
  if (!parse_number(fields[3], &n) || n > 999) {
    if (fields[3] != "-1") return RejectReason::kBadNumber;
  } else {
    out->status = int32_t(n);
  }
  if (!parse_number(fields[4], &n)) return RejectReason::kBadNumber;
  out->response_bytes = n;

  const std::string_view request(quote + 1, size_t(last - 1 - (quote + 1)));
  scratch_.clear();
  if (scratch_.capacity() < request.size()) scratch_.reserve(request.size());
  std::string_view unescaped = request;
  if (request.find('#') != std::string_view::npos) {
    unescape_haproxy(request, &scratch_);
    unescaped = scratch_;
  }
  const RequestLine r = split_request_line(unescaped);
  out->method = r.method;
  out->target = r.target;
  out->protocol = r.protocol;
  out->host = default_host_;
  return RejectReason::kNone;
}

}  // namespace

std::unique_ptr<LineParser> make_haproxy_httplog_parser(const ParseOptions& options, std::string* error) {
  auto zone = ZoneResolver::create(options.tz, error);
  if (!zone) return nullptr;
  auto date = TimePattern::compile("%d/%b/%Y:%H:%M:%S", error);
  return std::make_unique<HaproxyParser>(std::move(*date), *zone, options.default_host);
}

}  // namespace alcor
