// W3C extended log files (see preset_formats.h).
//
// The columns are whatever the last "#Fields:" directive said, so the parser
// holds that as state. Chunked parsing works through carry_state(): the
// pipeline feeds each chunk to the parser it clones from, which keeps the
// directives in force at the chunk's end; a clone starts from those, never
// from what the original saw while parsing (a detection sample, say), so a
// chunk cannot be read with columns from another part of the file. Carried
// text also applies to the parser's own next line, for readers that re-parse
// one line after passing the lines before it.
#include <cstring>
#include <vector>

#include "parsers/civil_time.h"
#include "parsers/decimal.h"
#include "parsers/field_tokens.h"
#include "parsers/ip_address.h"
#include "parsers/preset_formats.h"
#include "parsers/time_text.h"
#include "parsers/zone_resolver.h"

namespace alcor {
namespace {

enum class Role : uint8_t {
  kIgnored, kDate, kTime, kLocalDate, kLocalTime, kClientIp, kClientPort, kMethod, kUriStem, kUriQuery, kUri, kHost, kServerPort,
  kStatus, kBytes, kTimeTaken, kUserAgent, kReferer, kForwardedFor, kProtocol,
};

Role role_of(std::string_view f) {
  struct Name {
    std::string_view name;
    Role role;
  };
  static constexpr Name kNames[] = {
      {"date", Role::kDate},           {"time", Role::kTime},
      {"date-local", Role::kLocalDate}, {"time-local", Role::kLocalTime},  // IIS Advanced Logging
      {"TimeTakenMS", Role::kTimeTaken},
      {"c-ip", Role::kClientIp},       {"c-port", Role::kClientPort},
      {"cs-method", Role::kMethod},    {"cs-uri-stem", Role::kUriStem},
      {"cs-uri-query", Role::kUriQuery}, {"cs-uri", Role::kUri},
      {"cs-host", Role::kHost},        {"cs(Host)", Role::kHost},
      {"x-host-header", Role::kHost},  {"s-port", Role::kServerPort},
      {"sc-status", Role::kStatus},    {"sc-bytes", Role::kBytes},
      {"bytes", Role::kBytes},
      {"time-taken", Role::kTimeTaken}, {"cs(User-Agent)", Role::kUserAgent},
      {"cs(Referer)", Role::kReferer}, {"cs(Referrer)", Role::kReferer},
      {"cs(X-Forwarded-For)", Role::kForwardedFor}, {"X-Forwarded-For", Role::kForwardedFor},
      {"x-forwarded-for", Role::kForwardedFor},  // CloudFront
      {"cs-version", Role::kProtocol}, {"cs-protocol-version", Role::kProtocol},
  };
  for (const Name& n : kNames) {
    if (n.name == f) return n.role;
  }
  return Role::kIgnored;
}

// What the directives so far say about the lines that follow.
struct Directives {
  std::vector<Role> columns;  // empty: no #Fields seen
  std::string fields;         // the #Fields text, for messages
  int64_t date_days = INT64_MIN;  // from "#Date: 2000-10-09 ...", for lines without a date column

  // Applies one "#..." line.
  void apply(std::string_view line) {
    if (line.starts_with("#Fields:")) {
      columns.clear();
      fields = std::string(line.substr(8));
      std::string_view rest = line.substr(8);
      while (!rest.empty()) {
        const size_t start = rest.find_first_not_of(" \t");
        if (start == std::string_view::npos) break;
        rest.remove_prefix(start);
        const size_t stop = rest.find_first_of(" \t");
        columns.push_back(role_of(rest.substr(0, stop)));
        rest.remove_prefix(stop == std::string_view::npos ? rest.size() : stop);
      }
    } else if (line.starts_with("#Date:")) {
      TimeFields f;
      std::string_view v = line.substr(6);
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      if (parse_iso8601(v, &f)) date_days = days_from_civil(f.year, unsigned(f.month), unsigned(f.day));
    }
  }
};

// CloudFront's standard (legacy) web distribution log, as AWS documents
// it: the columns of a file whose #Fields line is gone (a log shipper
// forwards lines, not headers). A #Fields line in the file still wins.
constexpr std::string_view kCloudFrontFields =
    "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) "
    "cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes "
    "time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status "
    "fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len "
    "sc-range-start sc-range-end";

class W3cParser final : public LineParser {
 public:
  // `name`: the preset; `fields`: a #Fields directive in force before the
  // file's own (empty: the columns come from the file itself).
  W3cParser(ZoneResolver zone, std::string default_host, std::string name, std::string_view fields)
      : zone_(zone), default_host_(std::move(default_host)), definition_(std::move(name)) {
    carried_.apply(fields);
    current_ = carried_;
  }
  W3cParser(const W3cParser& o)
      : zone_(o.zone_),
        default_host_(o.default_host_),
        definition_(o.definition_),
        carried_(o.carried_),
        current_(o.carried_) {}

  RejectReason parse(std::string_view line, LogRecord* out) override;
  const std::string& definition() const override { return definition_; }
  std::unique_ptr<LineParser> clone() const override { return std::make_unique<W3cParser>(*this); }

  bool needs_earlier_lines() const override { return true; }

  void carry_state(std::string_view text) override {
    size_t at = text.starts_with('#') ? 0 : text.find("\n#");
    while (at != std::string_view::npos) {
      if (text[at] == '\n') ++at;
      const size_t nl = text.find('\n', at);
      std::string_view line = text.substr(at, nl == std::string_view::npos ? text.size() - at : nl - at);
      if (line.ends_with('\r')) line.remove_suffix(1);
      carried_.apply(line);
      current_.apply(line);
      at = nl == std::string_view::npos ? nl : text.find("\n#", nl);
    }
  }

 private:
  ZoneResolver zone_;
  std::string default_host_;
  std::string definition_;
  Directives carried_;  // in force after the carried text: where a clone begins
  Directives current_;  // in force at this parser's next line
  std::string scratch_;
};

RejectReason W3cParser::parse(std::string_view line, LogRecord* out) {
  out->clear();
  if (line.find_first_not_of(" \t") == std::string_view::npos) return RejectReason::kEmpty;
  if (line.front() == '#') {
    current_.apply(line);
    return RejectReason::kHeader;
  }
  if (current_.columns.empty()) return RejectReason::kFormat;  // columns unknown: never guess them
  if (memchr(line.data(), '\0', line.size()) != nullptr) return RejectReason::kBinary;
  // IIS separates by spaces (and writes spaces inside values as '+');
  // CloudFront and others by tabs.
  const char sep = memchr(line.data(), '\t', line.size()) != nullptr ? '\t' : ' ';
  const char* p = line.data();
  const char* const end = p + line.size();
  // Runs of spaces are one separator (Oracle Web Cache pads columns, IIS
  // Advanced Logging may indent).
  auto skip_spaces = [&] {
    while (sep == ' ' && p < end && *p == ' ') ++p;
  };
  skip_spaces();
  std::string_view date, time, stem, query, uri;
  bool local = false;
  bool truncated = false;
  size_t i = 0;
  std::string_view v;
  int64_t n;
  for (; next_field(&p, end, sep, &v, &truncated); ++i, skip_spaces()) {
    if (i >= current_.columns.size()) return RejectReason::kFormat;  // more values than #Fields names
    const bool dash = v == "-" || v.empty();
    switch (current_.columns[i]) {
      case Role::kDate: date = v; break;
      case Role::kTime: time = v; break;
      case Role::kLocalDate:
        date = v;
        local = true;
        break;
      case Role::kLocalTime:
        time = v;
        local = true;
        break;
      case Role::kClientIp:
        out->client_text = v;
        if (!dash) {
          auto a = IpAddress::parse(v);
          if (!a) return RejectReason::kBadAddress;
          out->client = *a;
          out->client_kind = ClientKind::kAddress;
        }
        break;
      case Role::kClientPort:
      case Role::kServerPort:
        if (dash) break;
        if (!parse_count(v, 65535, &n)) return RejectReason::kBadPort;
        (current_.columns[i] == Role::kClientPort ? out->client_port : out->server_port) = int32_t(n);
        break;
      case Role::kMethod: out->method = v; break;
      case Role::kUriStem: stem = v; break;
      case Role::kUriQuery: query = dash ? std::string_view() : v; break;
      case Role::kUri: uri = v; break;
      case Role::kHost: out->host = dash ? std::string_view() : v; break;
      case Role::kStatus:
        if (dash) break;
        if (!parse_count(v, 999, &n)) return RejectReason::kBadNumber;
        out->status = int32_t(n);
        break;
      case Role::kBytes:
        if (dash) break;
        if (!parse_count(v, INT64_MAX, &n)) return RejectReason::kBadNumber;
        out->response_bytes = n;
        break;
      case Role::kTimeTaken:
        if (dash) break;
        // IIS: integer milliseconds; CloudFront: decimal seconds.
        if (v.find('.') != std::string_view::npos) {
          if (!parse_seconds_us(v, &n)) return RejectReason::kBadNumber;
          out->duration_us = n;
        } else {
          if (!parse_count(v, INT64_MAX / 1000, &n)) return RejectReason::kBadNumber;
          out->duration_us = n * 1000;
        }
        break;
      case Role::kUserAgent: out->user_agent = dash ? std::string_view() : v; break;
      case Role::kReferer: out->referer = dash ? std::string_view() : v; break;
      case Role::kForwardedFor: out->forwarded_for = dash ? std::string_view() : v; break;
      case Role::kProtocol: out->protocol = v; break;
      case Role::kIgnored: break;
    }
  }
  if (truncated || i < current_.columns.size()) return RejectReason::kTruncated;

  // Time: UTC by the format's definition; the date from the line or #Date.
  if (date.empty() && current_.date_days == INT64_MIN) return RejectReason::kBadTimestamp;
  std::string& iso = scratch_;
  iso.assign(date.empty() ? std::string_view("1970-01-01") : date);
  iso += 'T';
  iso.append(time);
  TimeFields f;
  if (!parse_iso8601(iso, &f) || f.offset_s) return RejectReason::kBadTimestamp;
  auto wall = local_seconds(f.year, f.month, f.day, f.hour, f.minute, f.second);
  if (!wall) return RejectReason::kBadTimestamp;
  if (date.empty()) *wall += current_.date_days * 86400;  // 1970-01-01 is day 0
  out->time.offset_s = 0;
  out->time.offset_source = OffsetSource::kLogged;
  if (local) {
    const ZoneResolver::Resolution z = zone_.resolve(*wall);
    out->time.offset_s = z.offset_s;
    out->time.offset_source = z.source;
  }
  out->time.utc_us = (*wall - out->time.offset_s) * kMicrosPerSecond + f.frac_us;
  out->time.precision = f.precision;
  // IIS writes the entry when the response is sent; CloudFront's time is
  // "when the server finished responding".
  out->time_meaning = TimeMeaning::kLogWrite;

  if (!uri.empty()) {
    out->target = uri;
  } else if (!query.empty()) {
    scratch_.clear();
    scratch_.append(stem);
    scratch_ += '?';
    scratch_.append(query);
    out->target = scratch_;
  } else {
    out->target = stem;
  }
  if (out->host.empty()) out->host = default_host_;
  return RejectReason::kNone;
}

}  // namespace

std::unique_ptr<LineParser> make_w3c_parser(const ParseOptions& options, std::string* error) {
  auto zone = ZoneResolver::create(options.tz, error);
  if (!zone) return nullptr;
  return std::make_unique<W3cParser>(*zone, options.default_host, "w3c", "");
}

std::unique_ptr<LineParser> make_cloudfront_parser(const ParseOptions& options, std::string* error) {
  auto zone = ZoneResolver::create(options.tz, error);
  if (!zone) return nullptr;
  return std::make_unique<W3cParser>(*zone, options.default_host, "cloudfront", kCloudFrontFields);
}

}  // namespace alcor
