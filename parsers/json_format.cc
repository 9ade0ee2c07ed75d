#include "parsers/json_format.h"

#include <simdjson.h>

#include <array>
#include <cstring>

#include "parsers/decimal.h"
#include "parsers/ip_address.h"
#include "parsers/log_escape.h"
#include "parsers/request_line.h"
#include "parsers/time_text.h"
#include "parsers/zone_resolver.h"

namespace alcor {
namespace {

namespace od = simdjson::ondemand;

enum Slot : uint8_t {
  kTime, kClient, kPort, kDerivedClient, kHost, kMethod, kUri, kRequest, kProtocol, kStatus, kBytes, kDuration,
  kUserAgent, kReferer, kForwardedFor, kSlotCount,
};

constexpr std::array<std::string_view, kSlotCount> kSlotNames = {
    "time",   "client", "port",  "derived_client", "host",     "method",     "uri",          "request",
    "protocol", "status", "bytes", "duration",      "user_agent", "referer", "forwarded_for"};

std::string* slot_path(JsonMapping& m, Slot s) {
  std::string* const paths[kSlotCount] = {&m.time,     &m.client,   &m.port,   &m.derived_client, &m.host,
                                          &m.method,   &m.uri,      &m.request, &m.protocol,      &m.status,
                                          &m.bytes,    &m.duration, &m.user_agent, &m.referer,    &m.forwarded_for};
  return paths[s];
}

// The mapping as a tree of keys: a line is walked once, descending only
// into objects some path goes through.
struct KeyNode {
  std::string key;
  int slot = -1;  // >= 0: the value is captured for this slot...
  int alternative = 0;  // ...as this alternative (lower wins)
  std::vector<KeyNode> children;
};

void add_path(KeyNode* root, std::string_view path, int slot, int alternative) {
  KeyNode* node = root;
  while (!path.empty()) {
    const size_t dot = path.find('.');
    const std::string_view key = path.substr(0, dot);
    path.remove_prefix(dot == std::string_view::npos ? path.size() : dot + 1);
    KeyNode* next = nullptr;
    for (KeyNode& c : node->children) {
      if (c.key == key) next = &c;
    }
    if (next == nullptr) {
      node->children.push_back(KeyNode{std::string(key), -1, 0, {}});
      next = &node->children.back();
    }
    node = next;
  }
  node->slot = slot;
  node->alternative = alternative;
}

bool missing(std::string_view v) { return v.empty() || v == "-"; }

// Bytes that are not valid UTF-8 become '?', so simdjson accepts the line.
void replace_invalid_utf8(std::string* s) {
  size_t i = 0;
  while (i < s->size()) {
    const auto c = static_cast<unsigned char>((*s)[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n > 1 && (i + n > s->size() || !simdjson::validate_utf8(s->data() + i, n))) n = 0;
    if (n == 0) {
      (*s)[i] = '?';
      n = 1;
    }
    i += n;
  }
}

class JsonParser final : public LineParser {
 public:
  JsonParser(JsonMapping mapping, std::string definition, ZoneResolver zone, std::string default_host)
      : mapping_(std::move(mapping)), definition_(std::move(definition)), zone_(zone),
        default_host_(std::move(default_host)) {
    for (int s = 0; s < kSlotCount; ++s) {
      std::string_view paths = *slot_path(mapping_, Slot(s));
      for (int alt = 0; !paths.empty(); ++alt) {
        const size_t bar = paths.find('|');
        add_path(&root_, paths.substr(0, bar), s, alt);
        paths.remove_prefix(bar == std::string_view::npos ? paths.size() : bar + 1);
      }
    }
  }
  JsonParser(const JsonParser& o)
      : mapping_(o.mapping_), definition_(o.definition_), zone_(o.zone_), default_host_(o.default_host_),
        root_(o.root_) {}

  RejectReason parse(std::string_view line, LogRecord* out) override;
  const std::string& definition() const override { return definition_; }
  std::unique_ptr<LineParser> clone() const override { return std::make_unique<JsonParser>(*this); }

 private:
  RejectReason read_document(std::string_view line);
  void walk(od::object object, const KeyNode& node);
  void capture(od::value value, const KeyNode& node);
  std::string_view text_of(std::string_view token);
  RejectReason fill(LogRecord* out);

  JsonMapping mapping_;
  std::string definition_;
  ZoneResolver zone_;
  std::string default_host_;
  KeyNode root_;
  od::parser parser_;
  std::string padded_;   // the line with simdjson's padding after it
  std::string scratch_;  // unescaped strings; reserved so views stay valid
  std::array<std::string_view, kSlotCount> values_;
  std::array<int, kSlotCount> found_alt_;
};

RejectReason JsonParser::parse(std::string_view line, LogRecord* out) {
  out->clear();
  size_t start = 0;
  while (start < line.size() && (line[start] == ' ' || line[start] == '\t')) ++start;
  if (start == line.size()) return RejectReason::kEmpty;
  if (line[start] != '{') return RejectReason::kFormat;  // not JSON: junk for this file
  // One object per line: a line that does not end with '}' was cut short
  // (or has something after its object).
  size_t last = line.size();
  while (last > start && (line[last - 1] == ' ' || line[last - 1] == '\t' || line[last - 1] == '\r')) --last;
  if (line[last - 1] != '}') return RejectReason::kTruncated;
  if (memchr(line.data(), '\0', line.size()) != nullptr) return RejectReason::kBinary;
  padded_.assign(line);
  RejectReason r = read_document(line);
  if (r == RejectReason::kBinary) {  // invalid UTF-8: read again without it
    padded_.assign(line);
    replace_invalid_utf8(&padded_);
    r = read_document(padded_);
  }
  if (r != RejectReason::kNone) return r;
  return fill(out);
}

RejectReason JsonParser::read_document(std::string_view text) {
  const size_t size = padded_.size();
  padded_.resize(size + simdjson::SIMDJSON_PADDING);
  scratch_.clear();
  if (scratch_.capacity() < text.size()) scratch_.reserve(text.size());
  values_.fill({});
  found_alt_.fill(-1);
  simdjson::padded_string_view input(padded_.data(), size, padded_.size());
  try {
    od::document doc = parser_.iterate(input);
    walk(doc.get_object(), root_);
  } catch (const simdjson::simdjson_error& e) {
    padded_.resize(size);
    if (e.error() == simdjson::UTF8_ERROR) return RejectReason::kBinary;
    if (e.error() == simdjson::INCOMPLETE_ARRAY_OR_OBJECT || e.error() == simdjson::UNCLOSED_STRING) {
      return RejectReason::kTruncated;
    }
    return RejectReason::kFormat;
  }
  padded_.resize(size);
  return RejectReason::kNone;
}

void JsonParser::walk(od::object object, const KeyNode& node) {
  for (od::field field : object) {
    const simdjson::ondemand::raw_json_string key = field.key();
    for (const KeyNode& child : node.children) {
      // Mapping keys hold no quote or backslash (parse_json_mapping), so the
      // raw key bytes can be compared directly.
      if (!key.unsafe_is_equal(child.key)) continue;
      od::value value = field.value();
      if (!child.children.empty() && value.type() == od::json_type::object) {
        walk(value.get_object(), child);
      } else if (child.slot >= 0) {
        capture(value, child);
      }
      break;
    }
  }
}

void JsonParser::capture(od::value value, const KeyNode& node) {
  std::string_view token;
  switch (value.type()) {
    case od::json_type::array: {
      for (od::value first : value.get_array()) {
        if (first.type() == od::json_type::string || first.type() == od::json_type::number) {
          token = first.raw_json_token();
        }
        break;
      }
      break;
    }
    case od::json_type::object:
    case od::json_type::null:
      return;
    default:
      token = value.raw_json_token();
  }
  int& alt = found_alt_[size_t(node.slot)];
  if (alt >= 0 && alt <= node.alternative) return;
  alt = node.alternative;
  values_[size_t(node.slot)] = text_of(token);
}

// The value of a raw token: a string's contents unescaped, a number's text.
std::string_view JsonParser::text_of(std::string_view token) {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\r')) {
    token.remove_suffix(1);
  }
  if (token.size() < 2 || token.front() != '"') return token;
  token = token.substr(1, token.size() - 2);
  if (memchr(token.data(), '\\', token.size()) == nullptr) return token;
  const size_t start = scratch_.size();
  unescape_json_string(token, &scratch_);
  return std::string_view(scratch_).substr(start);
}

RejectReason JsonParser::fill(LogRecord* out) {
  // Time.
  const std::string_view time = values_[kTime];
  TimeFields f;
  bool time_ok = false;
  if (!time.empty() && time[0] >= '0' && time[0] <= '9' && time.find_first_of("-/") == std::string_view::npos) {
    const char* p = time.data();
    time_ok = read_epoch_decimal(&p, time.data() + time.size(), &f) == RejectReason::kNone &&
              p == time.data() + time.size();
  } else if (parse_iso8601(time, &f)) {
    time_ok = true;
  } else if (auto clf = parse_apache_time(time)) {
    f.set_logged_instant(*clf);
    time_ok = true;
  }
  std::optional<Timestamp> t = time_ok ? f.to_timestamp(zone_) : std::nullopt;
  if (!t) return RejectReason::kBadTimestamp;
  out->time = *t;
  out->time_meaning = mapping_.time_meaning;

  // Client: an address, or "address:port". A line without the key is not
  // of this mapping (an empty or "-" value is a client not logged).
  if (found_alt_[kClient] < 0) return RejectReason::kFormat;
  const std::string_view client = values_[kClient];
  out->client_text = client;
  if (!missing(client)) {
    if (auto a = IpAddress::parse(client)) {
      out->client = *a;
    } else if (auto e = parse_endpoint(client, /*port_expected=*/true)) {
      out->client = e->address;
      if (e->port) out->client_port = *e->port;
    } else {
      return RejectReason::kBadAddress;
    }
    out->client_kind = ClientKind::kAddress;
  }
  int64_t n;
  if (!missing(values_[kPort])) {
    if (!parse_count(values_[kPort], 65535, &n)) return RejectReason::kBadPort;
    out->client_port = int32_t(n);
  }
  // A derived client that is not one address (Traefik copies a whole
  // X-Forwarded-For list there at times) is not believed: the peer stays
  // the client, which is what the connection proves.
  const std::string_view derived = values_[kDerivedClient];
  auto a = missing(derived) ? std::nullopt : IpAddress::parse(derived);
  if (a) {
    if (out->client_kind != ClientKind::kAddress || *a != out->client) {
      out->has_peer = out->client_kind == ClientKind::kAddress;
      out->peer = out->client;
      out->peer_port = out->client_port;
      out->client = *a;
      out->client_kind = ClientKind::kAddress;
      out->client_text = derived;
      out->client_port = kPortNotLogged;  // the port logged is the peer's
      out->client_source = ClientSource::kServer;
    }
  }

  // Request.
  if (!values_[kRequest].empty()) {
    RequestLine r = split_request_line(values_[kRequest]);
    out->method = r.method;
    out->target = r.target;
    out->protocol = r.protocol;
  }
  if (!values_[kMethod].empty()) out->method = values_[kMethod];
  if (!values_[kUri].empty()) out->target = values_[kUri];
  if (!values_[kProtocol].empty()) out->protocol = values_[kProtocol];
  out->host = values_[kHost].empty() ? std::string_view(default_host_) : values_[kHost];
  if (!missing(values_[kStatus])) {
    if (!parse_count(values_[kStatus], 999, &n)) return RejectReason::kBadNumber;
    out->status = int32_t(n);
  }
  if (!missing(values_[kBytes])) {
    if (!parse_count(values_[kBytes], INT64_MAX, &n)) return RejectReason::kBadNumber;
    out->response_bytes = n;
  }
  const std::string_view duration = values_[kDuration];
  if (!missing(duration)) {
    if (mapping_.duration_unit_us == 0) {  // nanoseconds: an integer
      if (!parse_count(duration, INT64_MAX, &n)) return RejectReason::kBadNumber;
      out->duration_us = n / 1000;
    } else {
      // Decimal units: read as seconds, then scale (0.5 ms -> 500 us).
      if (!parse_seconds_us(duration, &n)) return RejectReason::kBadNumber;
      out->duration_us = n < 0 ? -1 : n / kMicrosPerSecond * mapping_.duration_unit_us +
                                          n % kMicrosPerSecond * mapping_.duration_unit_us / kMicrosPerSecond;
    }
  }
  out->user_agent = values_[kUserAgent];
  out->referer = values_[kReferer];
  out->forwarded_for = missing(values_[kForwardedFor]) ? std::string_view() : values_[kForwardedFor];
  return RejectReason::kNone;
}

}  // namespace

std::optional<JsonMapping> parse_json_mapping(std::string_view text, std::string* error) {
  JsonMapping m;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text.remove_prefix(comma == std::string_view::npos ? text.size() : comma + 1);
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq + 1 == item.size()) {
      *error = "JSON mapping: '" + std::string(item) + "' is not key=path";
      return std::nullopt;
    }
    const std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
    if (value.find_first_of("\"\\") != std::string_view::npos) {
      *error = "JSON mapping: '" + std::string(item) + "': keys with quotes or backslashes are not supported";
      return std::nullopt;
    }
    if (key == "name") continue;  // a label for summaries (presets name themselves)
    if (key == "duration_unit") {
      if (value == "s") m.duration_unit_us = kMicrosPerSecond;
      else if (value == "ms") m.duration_unit_us = 1000;
      else if (value == "us") m.duration_unit_us = 1;
      else if (value == "ns") m.duration_unit_us = 0;
      else {
        *error = "JSON mapping: duration_unit is s, ms, us or ns, not '" + std::string(value) + "'";
        return std::nullopt;
      }
      continue;
    }
    if (key == "time_meaning") {
      if (value != "start" && value != "end") {
        *error = "JSON mapping: time_meaning is start or end, not '" + std::string(value) + "'";
        return std::nullopt;
      }
      m.time_meaning = value == "start" ? TimeMeaning::kRequestStart : TimeMeaning::kLogWrite;
      continue;
    }
    bool known = false;
    for (int s = 0; s < kSlotCount; ++s) {
      if (kSlotNames[size_t(s)] == key) {
        *slot_path(m, Slot(s)) = std::string(value);
        known = true;
      }
    }
    if (!known) {
      *error = "JSON mapping: unknown key '" + std::string(key) + "'";
      return std::nullopt;
    }
  }
  if (m.time.empty()) {
    *error = "JSON mapping: no time=PATH: lines could not be placed in time";
    return std::nullopt;
  }
  return m;
}

std::unique_ptr<LineParser> make_json_parser(JsonMapping mapping, std::string definition,
                                             const ParseOptions& options, std::string* error) {
  auto zone = ZoneResolver::create(options.tz, error);
  if (!zone) return nullptr;
  return std::make_unique<JsonParser>(std::move(mapping), std::move(definition), *zone, options.default_host);
}

}  // namespace alcor
