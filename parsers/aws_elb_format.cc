// AWS Classic ELB and ALB access logs (see preset_formats.h).
#include <array>
#include <cstring>

#include "parsers/decimal.h"
#include "parsers/field_tokens.h"
#include "parsers/ip_address.h"
#include "parsers/preset_formats.h"
#include "parsers/request_line.h"
#include "parsers/time_text.h"

namespace alcor {
namespace {

// The layout is AWS's own, so its name is the whole definition.
constexpr std::string_view kDefinition = "aws_elb";

// Columns after the optional type word.
enum Column : size_t {
  kTime, kName, kClient, kTarget, kRequestTime, kTargetTime, kResponseTime, kStatus, kTargetStatus, kReceived,
  kSent, kRequest, kUserAgent, kCipher, kProtocol, kTargetGroup, kTraceId, kDomain, kCert, kPriority,
  kCreationTime, kColumns,
};

bool is_alb_type(std::string_view t) {
  return t == "http" || t == "https" || t == "h2" || t == "grpcs" || t == "ws" || t == "wss";
}

class ElbParser final : public LineParser {
 public:
  explicit ElbParser(std::string default_host) : default_host_(std::move(default_host)), definition_(kDefinition) {}

  RejectReason parse(std::string_view line, LogRecord* out) override;
  const std::string& definition() const override { return definition_; }
  std::unique_ptr<LineParser> clone() const override { return std::make_unique<ElbParser>(*this); }

 private:
  std::string default_host_;
  std::string definition_;
  std::string scratch_;
};

RejectReason ElbParser::parse(std::string_view line, LogRecord* out) {
  out->clear();
  if (line.find_first_not_of(" \t") == std::string_view::npos) return RejectReason::kEmpty;
  if (memchr(line.data(), '\0', line.size()) != nullptr) return RejectReason::kBinary;
  const char* p = line.data();
  const char* const end = p + line.size();
  std::array<std::string_view, kColumns> col{};
  size_t n = 0;
  bool truncated = false;
  std::string_view field;
  bool first = true;
  while (n < kColumns && next_field(&p, end, ' ', &field, &truncated)) {
    if (first && is_alb_type(field)) {
      first = false;
      continue;
    }
    first = false;
    col[n++] = field;
  }
  if (truncated) return RejectReason::kTruncated;
  if (n <= kProtocol) return n > kClient && parse_iso8601_instant(col[kTime]) ? RejectReason::kTruncated : RejectReason::kFormat;

  auto start = n > kCreationTime ? parse_iso8601_instant(col[kCreationTime]) : std::nullopt;
  auto t = start ? start : parse_iso8601_instant(col[kTime]);
  if (!t) return RejectReason::kFormat;  // no ISO time where the format has one: a foreign line
  out->time = *t;
  // Classic ELB's timestamp is the arrival; ALB's the response.
  const bool alb = line.substr(0, line.find(' ')) != col[kTime];
  out->time_meaning = start || !alb ? TimeMeaning::kRequestStart : TimeMeaning::kLogWrite;

  out->client_text = col[kClient];
  if (col[kClient] != "-") {
    auto e = parse_endpoint(col[kClient], /*port_expected=*/true);
    if (!e) return RejectReason::kBadAddress;
    out->client = e->address;
    out->client_kind = ClientKind::kAddress;
    if (e->port) out->client_port = *e->port;
  }
  int64_t v;
  int64_t total = 0;
  for (Column c : {kRequestTime, kTargetTime, kResponseTime}) {
    if (!parse_seconds_us(col[c], &v)) return RejectReason::kBadNumber;
    total = total < 0 || v < 0 ? -1 : total + v;
  }
  out->duration_us = total;
  if (col[kStatus] != "-") {
    if (!parse_count(col[kStatus], 999, &v)) return RejectReason::kBadNumber;
    out->status = int32_t(v);
  }
  if (col[kSent] != "-") {
    if (!parse_count(col[kSent], INT64_MAX, &v)) return RejectReason::kBadNumber;
    out->response_bytes = v;
  }
  const RequestLine r = split_request_line(col[kRequest]);
  out->method = r.method;
  out->target = r.target;
  out->protocol = r.protocol;
  out->user_agent = col[kUserAgent] == "-" ? std::string_view() : col[kUserAgent];
  // The request target is absolute ("https://example.com:443/"): its
  // authority, or the ALB's domain_name (SNI), names the host.
  out->host = default_host_;
  if (n > kDomain && col[kDomain] != "-") out->host = col[kDomain];
  return RejectReason::kNone;
}

}  // namespace

std::unique_ptr<LineParser> make_aws_elb_parser(const ParseOptions& options, std::string*) {
  return std::make_unique<ElbParser>(options.default_host);
}

}  // namespace alcor
