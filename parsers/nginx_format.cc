#include "parsers/nginx_format.h"

#include "parsers/apache_steps.h"
#include "parsers/ascii.h"

namespace alcor {
namespace {

using apache::Escape;
using apache::Field;
using apache::Step;
using apache::StepKind;

bool is_name_char(char c) { return is_ascii_alnum(c) || c == '_'; }

Step text(Field f, int rank = 0) {
  Step s;
  s.kind = StepKind::kText;
  s.field = f;
  s.rank = rank;
  return s;
}

Step number(Field f, int rank = 0) {
  Step s;
  s.kind = StepKind::kNumber;
  s.field = f;
  s.rank = rank;
  return s;
}

Step time_step(StepKind kind) {
  Step s;
  s.kind = kind;
  s.field = Field::kTime;
  s.log_write = true;  // nginx writes the line when the response is done
  return s;
}

// What a variable means for the record; opaque text when nothing.
Step describe(std::string_view v) {
  if (v == "remote_addr") return text(Field::kClientAddr, 2);
  if (v == "remote_port") return number(Field::kClientPort, 1);
  if (v == "realip_remote_addr") return text(Field::kPeerAddr);
  if (v == "realip_remote_port") return number(Field::kPeerPort);
  if (v == "proxy_protocol_addr") return text(Field::kProxyAddr);
  if (v == "proxy_protocol_port") return number(Field::kProxyPort);
  if (v == "server_port") return number(Field::kServerPort, 1);
  // The Host the client asked for beats the server block's name.
  if (v == "host") return text(Field::kHost, 3);
  if (v == "http_host") return text(Field::kHost, 2);
  if (v == "server_name") return text(Field::kHost, 1);
  if (v == "time_local") return time_step(StepKind::kClfTime);
  if (v == "time_iso8601") return time_step(StepKind::kIsoTime);
  if (v == "msec") {
    Step s = time_step(StepKind::kTimeNumber);
    s.time_number = apache::TimeNumber::kSecDotMsec;
    return s;
  }
  if (v == "request_time") {
    Step s = number(Field::kDuration, 1);
    s.decimal_seconds = true;
    return s;
  }
  if (v == "request") return text(Field::kRequest);
  if (v == "request_method") return text(Field::kMethod);
  if (v == "request_uri") return text(Field::kTarget);
  if (v == "uri" || v == "document_uri") return text(Field::kPath);
  if (v == "args" || v == "query_string") return text(Field::kArgs);
  if (v == "server_protocol") return text(Field::kProtocol);
  if (v == "status") return number(Field::kStatus, 1);
  if (v == "body_bytes_sent") return number(Field::kBytes, 2);
  if (v == "bytes_sent") return number(Field::kBytes, 1);
  if (v == "http_referer") return text(Field::kReferer);
  if (v == "http_user_agent") return text(Field::kUserAgent);
  if (v == "http_x_forwarded_for") return text(Field::kForwardedFor);
  if (v == "http_forwarded") return text(Field::kForwarded);
  return text(Field::kIgnored);
}

}  // namespace

namespace apache {

std::optional<Format> compile_nginx(std::string_view format, Escape escape, std::string* error) {
  const std::string label = "log_format '" + std::string(format) + "'";
  Format f;
  f.escape = escape;
  f.empty_is_unknown = true;
  std::string literal;
  auto flush = [&] {
    if (literal.empty()) return;
    Step s;
    s.text = std::move(literal);
    f.steps.push_back(std::move(s));
    literal.clear();
  };
  for (size_t i = 0; i < format.size();) {
    if (format[i] != '$') {
      literal += format[i++];
      continue;
    }
    const size_t start = i++;
    std::string_view name;
    if (i < format.size() && format[i] == '{') {
      const size_t close = format.find('}', i);
      if (close == std::string_view::npos) {
        *error = label + ": '${' without '}' at offset " + std::to_string(start);
        return std::nullopt;
      }
      name = format.substr(i + 1, close - i - 1);
      i = close + 1;
    } else {
      const size_t from = i;
      while (i < format.size() && is_name_char(format[i])) ++i;
      name = format.substr(from, i - from);
    }
    if (name.empty()) {
      *error = label + ": '$' without a variable name at offset " + std::to_string(start);
      return std::nullopt;
    }
    flush();
    Step s = describe(name);
    s.item = "$" + std::string(name);
    if (s.kind == StepKind::kText && s.field == Field::kRequest) f.has_request = true;
    f.steps.push_back(std::move(s));
  }
  flush();
  if (!finish_format(label, &f, error)) return std::nullopt;
  return f;
}

}  // namespace apache

std::unique_ptr<LineParser> compile_nginx_format(std::string_view format, NginxEscape escape, std::string definition,
                                                 const ParseOptions& options, std::string* error) {
  const apache::Escape steps_escape = escape == NginxEscape::kJson   ? apache::Escape::kJson
                                      : escape == NginxEscape::kNone ? apache::Escape::kNone
                                                                     : apache::Escape::kNginx;
  auto compiled = apache::compile_nginx(format, steps_escape, error);
  if (!compiled) return nullptr;
  return make_step_parser(std::move(*compiled), std::move(definition), options, error);
}

}  // namespace alcor
