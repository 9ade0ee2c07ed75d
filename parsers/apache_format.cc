#include "parsers/apache_format.h"

#include <cstring>

#include "parsers/apache_steps.h"
#include "parsers/ascii.h"
#include "parsers/clf_fast_path.h"
#include "parsers/ip_address.h"
#include "parsers/line_marks.h"
#include "parsers/log_escape.h"
#include "parsers/request_line.h"
#include "parsers/time_text.h"
#include "parsers/zone_resolver.h"

namespace alcor {
namespace {

using apache::ClfFastPath;
using apache::Escape;
using apache::Field;
using apache::Step;
using apache::StepKind;
using apache::TimeNumber;

// Reads a run of decimal digits (at most `max_digits`); false for anything else.
bool read_decimal(std::string_view v, size_t max_digits, int64_t* out) {
  if (v.empty() || v.size() > max_digits) return false;
  int64_t n = 0;
  for (char c : v) {
    const unsigned d = unsigned(c - '0');
    if (d > 9) return false;
    n = n * 10 + d;
  }
  *out = n;
  return true;
}

// Letters, digits, '-', '.', '_' with at least one letter: what a
// reverse-DNS name looks like ("1.2.3" is a damaged address, not a name).
bool looks_like_hostname(std::string_view v) {
  bool letter = false;
  for (char c : v) {
    if (!is_ascii_alnum(c) && c != '-' && c != '.' && c != '_') return false;
    letter |= is_ascii_alpha(c);
  }
  return letter;
}

// Format literals are a few bytes long: comparing them inline is several
// times cheaper than calling memcmp.
bool same_bytes(const char* a, const char* b, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// The first occurrence of `text` (non-empty) in [p, end), within the line
// `marks` marked, or nullptr.
const char* find_literal(const LineMarks& marks, const char* p, const char* end, std::string_view text) {
  while (size_t(end - p) >= text.size()) {
    const char* q = marks.find(text[0], p, end - text.size() + 1);
    if (q == nullptr) return nullptr;
    if (same_bytes(q + 1, text.data() + 1, text.size() - 1)) return q;
    p = q + 1;
  }
  return nullptr;
}

bool is_blank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

class ApacheFormatParser final : public LineParser {
 public:
  ApacheFormatParser(apache::Format format, std::string definition, ZoneResolver zone, std::string default_host,
                     apache::FastPath fast_path)
      : format_(std::move(format)),
        fast_(fast_path == apache::FastPath::kAllowed ? ClfFastPath::for_format(format_) : std::nullopt),
        definition_(std::move(definition)),
        zone_(zone),
        default_host_(std::move(default_host)) {}

  RejectReason parse(std::string_view line, LogRecord* out) override;
  const std::string& definition() const override { return definition_; }
  std::unique_ptr<LineParser> clone() const override { return std::make_unique<ApacheFormatParser>(*this); }

 private:
  // Per-line values that are combined into the record after the last step.
  struct LineState {
    TimeFields time[2];  // [0] request start, [1] %{end:...}t
    std::string_view path, query, args;
    std::optional<IpAddress> proxy_addr;  // nginx $proxy_protocol_addr
    int32_t proxy_port = kPortNotLogged;
  };

  // Reads the line step by step into *out and *st.
  RejectReason walk(std::string_view line, LogRecord* out, LineState* st);
  // The record's time, target, host and client from what the steps stored.
  RejectReason finish(LineState* st, LogRecord* out);
  // The host of a format that logs none: the configured default. Every
  // parsed line, the fast path's too, ends with it.
  void finish_host(LogRecord* out) const {
    if (!format_.has_host) out->host = default_host_;
  }
  void finish_client(LineState* st, LogRecord* out) const;

  const char* item_end(const Step& s, const char* p, const char* end) const;
  RejectReason read_item(const Step& s, const char** p, const char* end, LogRecord* out, LineState* st);
  RejectReason store(const Step& s, std::string_view v, LogRecord* out, LineState* st);
  RejectReason read_time_number(const Step& s, const char** p, const char* end, TimeFields* f) const;
  // `v` as logged, unescaped; `v` is part of the line being parsed.
  std::string_view unescaped(std::string_view v);
  static int32_t& port_slot(Field f, LogRecord* out, LineState* st);
  std::string_view concat(std::string_view a, std::string_view b);

  apache::Format format_;
  std::optional<ClfFastPath> fast_;  // for the plain lines of the NCSA family's shapes
  std::string definition_;
  ZoneResolver zone_;
  std::string default_host_;
  ApacheTimeReader time_reader_;
  LineMarks marks_;  // of the line being parsed; its values are views of it
  // Unescaped values. Reserved to twice the line length before a line is
  // read, so appending never reallocates and earlier views stay valid.
  std::string scratch_;
};

RejectReason ApacheFormatParser::parse(std::string_view line, LogRecord* out) {
  out->clear();
  scratch_.clear();
  if (scratch_.capacity() < 2 * line.size()) scratch_.reserve(2 * line.size());
  if (fast_) {
    // The fast path's shapes log no path apart (%U, %q) and no proxy
    // address, and it reads the time whole: of finish() only the host is
    // left to do.
    if (fast_->read(line, time_reader_, &scratch_, out)) {
      finish_host(out);
      return RejectReason::kNone;
    }
    // Not a plain line: the walker starts afresh.
    out->clear();
    scratch_.clear();
  }
  LineState st;
  const RejectReason r = walk(line, out, &st);
  return r == RejectReason::kNone ? finish(&st, out) : r;
}

RejectReason ApacheFormatParser::walk(std::string_view line, LogRecord* out, LineState* st) {
  if (is_blank(line)) return RejectReason::kEmpty;
  // Apache escapes every control byte, so a NUL is never its output.
  if (!marks_.mark(line)) return RejectReason::kBinary;

  // A bad value (address, number) is reported only once the whole line has
  // the format's shape: a foreign line is kFormat, not a bad address.
  RejectReason bad_value = RejectReason::kNone;
  const char* p = line.data();
  const char* const end = p + line.size();
  for (const Step& s : format_.steps) {
    if (s.kind == StepKind::kLiteral) {
      const size_t n = s.text.size();
      const size_t left = size_t(end - p);
      if (left < n) {
        return same_bytes(p, s.text.data(), left) ? RejectReason::kTruncated : RejectReason::kFormat;
      }
      if (!same_bytes(p, s.text.data(), n)) return RejectReason::kFormat;
      p += n;
      continue;
    }
    // An item with a status list logs "-" when the status is not listed.
    if (s.conditional && p < end && *p == '-' &&
        (s.last ? p + 1 == end : std::string_view(p + 1, size_t(end - p - 1)).starts_with(s.text))) {
      ++p;
      continue;
    }
    const char* const before = p;
    const RejectReason r = read_item(s, &p, end, out, st);
    if (r == RejectReason::kNone) continue;
    if (p == before) return r;  // the item could not even be delimited
    if (bad_value == RejectReason::kNone) bad_value = r;
  }
  if (p != end) return RejectReason::kFormat;  // more text than the format has
  return bad_value;
}

RejectReason ApacheFormatParser::finish(LineState* st, LogRecord* out) {
  const int group = st->time[0].any ? 0 : 1;
  const std::optional<Timestamp> time = st->time[group].to_timestamp(zone_);
  if (!time) return RejectReason::kBadTimestamp;
  out->time = *time;
  out->time_meaning = group == 0 ? TimeMeaning::kRequestStart : TimeMeaning::kLogWrite;
  finish_host(out);
  if (format_.has_path) {
    // Apache's %q carries its '?'; nginx's $args does not.
    if (!st->args.empty() && st->args != "-") st->query = concat("?", st->args);
    out->target = st->query.empty() ? st->path : concat(st->path, st->query);
  }
  finish_client(st, out);
  return RejectReason::kNone;
}

// nginx with `listen ... proxy_protocol` and no realip: $remote_addr is the
// balancer and $proxy_protocol_addr the client it accepted the connection
// from. With realip, $realip_remote_addr (Apache with mod_remoteip: %{c}a)
// is the peer before the rewrite.
void ApacheFormatParser::finish_client(LineState* st, LogRecord* out) const {
  if (st->proxy_addr && !(out->client_kind == ClientKind::kAddress && out->client == *st->proxy_addr)) {
    if (out->client_kind == ClientKind::kAddress) {
      out->has_peer = true;
      out->peer = out->client;
      out->peer_port = out->client_port;
    }
    out->client = *st->proxy_addr;
    out->client_kind = ClientKind::kAddress;
    out->client_port = st->proxy_port;
    out->client_source = ClientSource::kProxyProtocol;
  }
  if (out->has_peer && out->client_source == ClientSource::kConnection && out->client_kind == ClientKind::kAddress &&
      out->peer == out->client && (out->peer_port == kPortNotLogged || out->peer_port == out->client_port)) {
    out->has_peer = false;  // realip / mod_remoteip changed nothing: the peer is the client
  }
}

// Where a text or number item ends; nullptr when the line ends first.
const char* ApacheFormatParser::item_end(const Step& s, const char* p, const char* end) const {
  if (s.quoted) return marks_.closing_quote(p, end);
  if (s.before_colon_number) {
    const char* limit = s.number_end.empty() ? end : find_literal(marks_, p, end, s.number_end);
    if (limit == nullptr) limit = end;
    const void* colon = memrchr(p, ':', size_t(limit - p));
    return static_cast<const char*>(colon);
  }
  const char* stop = end;
  if (s.before_last_literal && std::string_view(p, size_t(end - p)).ends_with(s.text)) {
    // The text up to the line's final literal, even if the literal's
    // bytes occur inside the value (unescaped quotes).
    stop = end - s.text.size();
  } else if (!s.last) {
    // The whole following literal, not just its first byte: a user name
    // with a space still ends at " [" before %t.
    stop = find_literal(marks_, p, end, s.text);
    if (stop == nullptr) return nullptr;
  }
  if (s.before_query) {
    const void* q = memchr(p, '?', size_t(stop - p));
    if (q != nullptr) stop = static_cast<const char*>(q);
  }
  return stop;
}

RejectReason ApacheFormatParser::read_item(const Step& s, const char** p, const char* end, LogRecord* out,
                                           LineState* st) {
  switch (s.kind) {
    case StepKind::kText:
    case StepKind::kNumber: {
      const char* stop = item_end(s, *p, end);
      if (stop == nullptr) {
        // No end in sight: cut short, unless the line goes on in another
        // shape (the terminator's first byte occurs where the whole
        // terminator would have fitted).
        const size_t room = size_t(end - *p);
        const size_t span = room >= s.text.size() ? room - s.text.size() + 1 : 0;
        const bool goes_on = !s.quoted && memchr(*p, s.text[0], span) != nullptr;
        return goes_on ? RejectReason::kFormat : RejectReason::kTruncated;
      }
      std::string_view v(*p, size_t(stop - *p));
      *p = stop;
      return store(s, v, out, st);  // an error here leaves *p past the value
    }
    case StepKind::kRequestTime: {
      constexpr size_t kLen = 28;  // "[10/Oct/2000:13:55:36 -0700]"
      if (*p == end) return RejectReason::kTruncated;
      if (**p != '[') return RejectReason::kFormat;
      if (size_t(end - *p) < kLen) return RejectReason::kTruncated;
      if ((*p)[kLen - 1] != ']') return RejectReason::kBadTimestamp;
      auto t = time_reader_.parse(std::string_view(*p + 1, kLen - 2));
      *p += kLen;
      if (!t) return RejectReason::kBadTimestamp;  // the line's shape is still known
      st->time[s.log_write].set_logged_instant(*t);
      return RejectReason::kNone;
    }
    case StepKind::kClfTime: {
      constexpr size_t kLen = 26;  // "10/Oct/2000:13:55:36 -0700"
      if (size_t(end - *p) < kLen) return *p == end ? RejectReason::kTruncated : RejectReason::kFormat;
      auto t = time_reader_.parse(std::string_view(*p, kLen));
      *p += kLen;
      if (!t) return RejectReason::kBadTimestamp;
      st->time[s.log_write].set_logged_instant(*t);
      return RejectReason::kNone;
    }
    case StepKind::kIsoTime:
      return read_iso8601(p, end, &st->time[s.log_write]);
    case StepKind::kTimePattern:
      return format_.patterns[size_t(s.pattern)].match(p, end, &st->time[s.log_write]);
    case StepKind::kTimeNumber:
      return read_time_number(s, p, end, &st->time[s.log_write]);
    case StepKind::kLiteral:
      break;
  }
  return RejectReason::kNone;
}

RejectReason ApacheFormatParser::read_time_number(const Step& s, const char** p, const char* end,
                                                  TimeFields* f) const {
  const char* q = *p;
  int64_t v = 0;
  // 18 digits always fit in 63 bits; a 19th is no time a server wrote, and
  // the digit left over makes the line fail where it stands.
  while (q < end && *q >= '0' && *q <= '9' && q - *p < 18) v = v * 10 + (*q++ - '0');
  const size_t digits = size_t(q - *p);
  if (digits == 0) return q == end ? RejectReason::kTruncated : RejectReason::kBadTimestamp;
  f->any = true;
  switch (s.time_number) {
    // An epoch too large for microseconds in 64 bits is no time a server wrote.
    case TimeNumber::kSec:
    case TimeNumber::kMsec: {
      const bool sec = s.time_number == TimeNumber::kSec;
      int64_t us = 0;
      if (__builtin_mul_overflow(v, sec ? kMicrosPerSecond : int64_t{1000}, &us)) return RejectReason::kBadTimestamp;
      f->epoch_us = us;
      if (!sec) f->precision = TimePrecision::kMilli;
      break;
    }
    case TimeNumber::kUsec:
      f->epoch_us = v;
      f->precision = TimePrecision::kMicro;
      break;
    case TimeNumber::kMsecFrac:
      if (digits != 3) return RejectReason::kBadTimestamp;
      f->frac_us = int32_t(v * 1000);
      f->precision = TimePrecision::kMilli;
      break;
    case TimeNumber::kUsecFrac:
      if (digits != 6) return RejectReason::kBadTimestamp;
      f->frac_us = int32_t(v);
      f->precision = TimePrecision::kMicro;
      break;
    case TimeNumber::kSecDotMsec:
      return read_epoch_decimal(p, end, f);
  }
  *p = q;
  return RejectReason::kNone;
}

RejectReason ApacheFormatParser::store(const Step& s, std::string_view v, LogRecord* out, LineState* st) {
  const bool dash = v == "-";
  if (s.kind == StepKind::kNumber) {
    int64_t n = -1;
    if (v.empty() && format_.empty_is_unknown) return RejectReason::kNone;
    const bool ok = dash || (s.decimal_seconds ? parse_seconds_us(v, &n) : read_decimal(v, 18, &n));
    if (!ok) {
      return s.field == Field::kClientPort || s.field == Field::kServerPort ? RejectReason::kBadPort
                                                                             : RejectReason::kBadNumber;
    }
    if (dash) n = s.dash_value;
    switch (s.field) {
      case Field::kClientPort:
      case Field::kServerPort:
      case Field::kPeerPort:
      case Field::kProxyPort:
        if (n > 65535) return RejectReason::kBadPort;
        port_slot(s.field, out, st) = int32_t(n);
        break;
      case Field::kStatus:
        if (n > 999) return RejectReason::kBadNumber;
        out->status = int32_t(n);
        break;
      case Field::kBytes: out->response_bytes = n; break;
      case Field::kDuration: out->duration_us = n < 0 || s.decimal_seconds ? n : n * s.scale; break;
      default: break;
    }
    return RejectReason::kNone;
  }
  switch (s.field) {
    case Field::kClientHost:
    case Field::kClientAddr:
      out->client_text = v;
      if (v.empty() || dash || v == "unix:") {  // nginx logs "unix:" for a unix-socket peer
        out->client_kind = ClientKind::kMissing;
      } else if (auto a = IpAddress::parse(v)) {
        out->client_kind = ClientKind::kAddress;
        out->client = *a;
      } else if (s.field == Field::kClientHost && looks_like_hostname(v)) {
        out->client_kind = ClientKind::kHostname;  // HostnameLookups On
      } else {
        return RejectReason::kBadAddress;
      }
      break;
    case Field::kPeerAddr:
    case Field::kProxyAddr: {
      if (v.empty() || dash) break;
      auto a = IpAddress::parse(v);
      if (!a) return RejectReason::kBadAddress;
      if (s.field == Field::kProxyAddr) {
        st->proxy_addr = *a;
      } else {
        out->has_peer = true;
        out->peer = *a;
      }
      break;
    }
    case Field::kRequest: {
      RequestLine r = split_request_line(unescaped(v));
      out->method = r.method;
      out->target = r.target;
      out->protocol = r.protocol;
      break;
    }
    case Field::kHost: out->host = unescaped(v); break;
    case Field::kMethod: out->method = unescaped(v); break;
    case Field::kProtocol: out->protocol = unescaped(v); break;
    case Field::kPath: st->path = unescaped(v); break;
    case Field::kQuery: st->query = unescaped(v); break;
    case Field::kTarget: out->target = unescaped(v); break;
    case Field::kArgs: st->args = unescaped(v); break;
    case Field::kForwardedFor: out->forwarded_for = dash ? std::string_view() : unescaped(v); break;
    case Field::kForwarded: out->forwarded = dash ? std::string_view() : unescaped(v); break;
    case Field::kReferer: out->referer = unescaped(v); break;
    case Field::kUserAgent: out->user_agent = unescaped(v); break;
    default: break;
  }
  return RejectReason::kNone;
}

int32_t& ApacheFormatParser::port_slot(Field f, LogRecord* out, LineState* st) {
  switch (f) {
    case Field::kClientPort: return out->client_port;
    case Field::kPeerPort: return out->peer_port;
    case Field::kProxyPort: return st->proxy_port;
    default: return out->server_port;
  }
}

std::string_view ApacheFormatParser::unescaped(std::string_view v) {
  if (format_.escape == Escape::kNone || !marks_.has_backslash(v.data(), v.data() + v.size())) return v;
  const size_t start = scratch_.size();
  apache::unescape_item(format_.escape, v, &scratch_);
  return std::string_view(scratch_).substr(start);
}

std::string_view ApacheFormatParser::concat(std::string_view a, std::string_view b) {
  const size_t start = scratch_.size();
  scratch_.append(a);
  scratch_.append(b);
  return std::string_view(scratch_).substr(start);
}

}  // namespace

void apache::unescape_item(Escape escape, std::string_view in, std::string* out) {
  switch (escape) {
    case Escape::kApache: unescape_log_item(in, out); break;
    case Escape::kNginx: unescape_nginx_item(in, out); break;
    case Escape::kJson: unescape_json_string(in, out); break;
    case Escape::kNone: out->append(in); break;
  }
}

std::unique_ptr<LineParser> make_step_parser(apache::Format format, std::string definition,
                                             const ParseOptions& options, std::string* error,
                                             apache::FastPath fast_path) {
  auto zone = ZoneResolver::create(options.tz, error);
  if (!zone) return nullptr;
  return std::make_unique<ApacheFormatParser>(std::move(format), std::move(definition), *zone,
                                              options.default_host, fast_path);
}

std::unique_ptr<LineParser> compile_apache_format(std::string_view format, std::string definition,
                                                  const ParseOptions& options, std::string* error) {
  auto compiled = apache::compile(format, error);
  if (!compiled) return nullptr;
  return make_step_parser(std::move(*compiled), std::move(definition), options, error);
}

}  // namespace alcor
