#include "parsers/format_registry.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parsers/apache_format.h"
#include "parsers/ascii.h"
#include "parsers/format_config.h"
#include "parsers/forwarded_client.h"
#include "parsers/json_format.h"
#include "parsers/line_prefix.h"
#include "parsers/nginx_format.h"
#include "parsers/preset_formats.h"

namespace alcor {
namespace {

struct Nickname {
  std::string_view name;
  std::string_view format;
};

// Apache's stock formats, plus the Debian/Ubuntu vhost_combined and the
// combined_port alcor recommends (the client's source port is what lets an
// access provider tell apart subscribers behind one carrier-grade NAT), and
// the ssl_request_log of mod_ssl's stock ssl.conf; vhost_combined_noport is
// the vhost-prefixed combined many hosting panels write (no ":%p").
constexpr std::array<Nickname, 8> kApacheNicknames = {{
    {"common", R"(%h %l %u %t "%r" %>s %b)"},
    {"vhost_common", R"(%v %h %l %u %t "%r" %>s %b)"},
    {"combined", R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i")"},
    {"vhost_combined", R"(%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i")"},
    {"combinedio", R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i" %I %O)"},
    {"combined_port", R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i" %{remote}p)"},
    {"ssl_request", R"(%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x "%r" %b)"},
    {"vhost_combined_noport", R"(%v %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i")"},
}};

// nginx's predefined combined, the `main` of the stock nginx.conf, and the
// formats of Nginx Proxy Manager (`proxy` for proxy hosts, `standard` for
// redirections and 404 hosts) and of its fork NPMplus.
constexpr std::array<Nickname, 5> kNginxNicknames = {{
    {"nginx_combined", kNginxCombined},
    {"nginx_main", kNginxMain},
    {"npm_proxy",
     R"([$time_local] $upstream_cache_status $upstream_status $status - $request_method $scheme $host "$request_uri" [Client $remote_addr] [Length $body_bytes_sent] [Gzip $gzip_ratio] [Sent-to $server] "$http_user_agent" "$http_referer")"},
    {"npm_standard",
     R"([$time_local] $status - $request_method $scheme $host "$request_uri" [Client $remote_addr] [Length $body_bytes_sent] [Gzip $gzip_ratio] "$http_user_agent" "$http_referer")"},
    {"npmplus",
     R"([$time_local] $host $remote_addr $request_time "$request" $status $body_bytes_sent $bytes_sent $http_referer $http_user_agent)"},
}};

// JSON presets. Caddy: `ts` is written when the response is done;
// request.client_ip is the client after Caddy's trusted_proxies, remote_ip
// the peer. Traefik: StartUTC is the arrival; ClientAddr the peer as
// ip:port; ClientHost the client after forwardedHeaders; Duration in ns.
// nginx_json: escape=json logs whose keys are the variables' names.
// envoy_json: the keys of Envoy Gateway's default JSON (and Contour's):
// START_TIME is the request's start, DOWNSTREAM_REMOTE_ADDRESS the peer as
// ip:port, DURATION milliseconds. fastly: the JSON of Fastly's logging
// documentation, time.start and Fastly-Client-IP (the client's address as
// Fastly's edge saw it), no port.
constexpr std::array<Nickname, 5> kJsonPresets = {{
    {"caddy",
     "time=ts,client=request.remote_ip,port=request.remote_port,derived_client=request.client_ip,"
     "host=request.host,method=request.method,uri=request.uri,protocol=request.proto,status=status,bytes=size,"
     "duration=duration,duration_unit=s,user_agent=request.headers.User-Agent,referer=request.headers.Referer,"
     "forwarded_for=request.headers.X-Forwarded-For,time_meaning=end"},
    {"traefik",
     "time=StartUTC|StartLocal|time,client=ClientAddr,port=ClientPort,derived_client=ClientHost,"
     "host=RequestHost,method=RequestMethod,uri=RequestPath,protocol=RequestProtocol,status=DownstreamStatus,"
     "bytes=DownstreamContentSize,duration=Duration,duration_unit=ns,user_agent=request_User-Agent,"
     "referer=request_Referer,forwarded_for=request_X-Forwarded-For,time_meaning=start"},
    {"nginx_json",
     "time=time_iso8601|time_local|msec|time,client=remote_addr|client_ip,port=remote_port,host=host|server_name,"
     "method=request_method,uri=request_uri,request=request,protocol=server_protocol,status=status,"
     "bytes=body_bytes_sent,duration=request_time,duration_unit=s,user_agent=http_user_agent,"
     "referer=http_referer,forwarded_for=http_x_forwarded_for,time_meaning=end"},
    {"envoy_json",
     "time=start_time|@timestamp,client=downstream_remote_address,host=:authority|authority,method=method,"
     "uri=x-envoy-origin-path|path,protocol=protocol,status=response_code,bytes=bytes_sent,duration=duration,"
     "duration_unit=ms,user_agent=user-agent|user_agent,forwarded_for=x-forwarded-for|x_forwarded_for,"
     "time_meaning=start"},
    {"fastly",
     "time=timestamp,client=client_ip,host=host,method=request_method,uri=url,protocol=request_protocol,"
     "status=response_status,bytes=response_body_size,user_agent=request_user_agent,referer=request_referer,"
     "time_meaning=start"},
}};

using PresetMaker = std::unique_ptr<LineParser> (*)(const ParseOptions&, std::string*);
struct Preset {
  std::string_view name;
  PresetMaker make;
};
constexpr std::array<Preset, 7> kPresets = {{
    {"haproxy_httplog", make_haproxy_httplog_parser},
    {"aws_elb", make_aws_elb_parser},
    {"w3c", make_w3c_parser},
    {"cloudfront", make_cloudfront_parser},
    {"envoy", make_envoy_parser},
    {"traefik_clf", make_traefik_clf_parser},
    {"zoraxy", make_zoraxy_parser},
}};

// Every parser's definition() is a SPEC that rebuilds it (line_parser.h).
// A spec may come from a configuration file line, with its line end.
std::string_view trim_spec(std::string_view s) { return trim(s, " \t\r\n"); }

std::unique_ptr<LineParser> from_definition(const FormatDefinition& d, const ParseOptions& options,
                                            std::string* error) {
  if (d.server == FormatDefinition::Server::kNginx) {
    return compile_nginx_format(d.format, d.escape, d.describe(), options, error);
  }
  return compile_apache_format(d.format, d.describe(), options, error);
}

// The definitions of a pasted directive or a configuration file.
std::unique_ptr<LineParser> from_config_text(std::string_view text, std::string_view select, std::string_view what,
                                             const ParseOptions& options, std::string* error) {
  std::vector<FormatDefinition> defs = read_format_definitions(text, error);
  if (!error->empty()) {
    *error = std::string(what) + ": " + *error;
    return nullptr;
  }
  std::string names;
  for (const FormatDefinition& d : defs) {
    if (!select.empty() && d.name == select) return from_definition(d, options, error);
    names += (names.empty() ? "" : ", ") + (d.name.empty() ? std::string("(unnamed)") : d.name);
  }
  if (select.empty() && defs.size() == 1) return from_definition(defs[0], options, error);
  if (defs.empty()) {
    *error = std::string(what) + " defines no LogFormat, CustomLog format or log_format";
  } else if (select.empty()) {
    *error = std::string(what) + " defines several formats (" + names + "): name one as PATH:NAME or with --config";
  } else {
    *error = std::string(what) + " defines no format '" + std::string(select) + "' (it defines " + names + ")";
  }
  return nullptr;
}

bool read_text_file(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *text = s.str();
  return true;
}

bool is_regular_file(std::string_view path) {
  std::error_code ec;
  return !path.empty() && std::filesystem::is_regular_file(std::filesystem::path(path), ec);
}

std::unique_ptr<LineParser> make_unwrapped(std::string_view spec, const ParseOptions& options, std::string* error) {
  spec = trim_spec(spec);
  for (const std::string& file : options.config_files) {
    std::string text;
    if (!read_text_file(file, &text)) {
      *error = "cannot read --config file '" + file + "'";
      return nullptr;
    }
    std::string ignored;
    for (const FormatDefinition& d : read_format_definitions(text, &ignored)) {
      if (!spec.empty() && d.name == spec) return from_definition(d, options, error);
    }
  }
  for (const Nickname& n : kApacheNicknames) {
    if (spec == n.name) {
      return from_definition({FormatDefinition::Server::kApache, std::string(n.name), std::string(n.format)},
                             options, error);
    }
  }
  for (const Nickname& n : kNginxNicknames) {
    if (spec == n.name) {
      return from_definition({FormatDefinition::Server::kNginx, std::string(n.name), std::string(n.format)},
                             options, error);
    }
  }
  for (const Nickname& n : kJsonPresets) {
    // Expanded, so the definition rebuilds the parser on its own.
    if (spec == n.name) return make_unwrapped("json:name=" + std::string(n.name) + "," + std::string(n.format), options, error);
  }
  for (const Preset& p : kPresets) {
    if (spec == p.name) return p.make(options, error);
  }
  if (const size_t colon = spec.find(':'); colon != std::string_view::npos) {
    if (auto prefix = line_prefix_from_name(spec.substr(0, colon))) {
      return with_line_prefix(*prefix, make_unwrapped(spec.substr(colon + 1), options, error));
    }
  }
  if (spec.starts_with("json:")) {
    auto mapping = parse_json_mapping(spec.substr(5), error);
    if (!mapping) return nullptr;
    return make_json_parser(std::move(*mapping), std::string(spec), options, error);
  }
  if (spec.starts_with("mixed:")) {
    // What a mixed parser's definition lists: one member SPEC per line.
    std::vector<std::unique_ptr<LineParser>> members;
    std::string_view rest = spec.substr(6);
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      const std::string_view member = trim_spec(rest.substr(0, nl));
      rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
      if (member.empty()) continue;
      members.push_back(make_unwrapped(member, options, error));
      if (!members.back()) return nullptr;
    }
    if (members.empty()) {
      *error = "mixed: no member formats";
      return nullptr;
    }
    return mixed_parser(std::move(members));
  }
  if (spec.starts_with("LogFormat") || spec.starts_with("CustomLog") || spec.starts_with("log_format")) {
    return from_config_text(spec, "", "the pasted directive", options, error);
  }
  if (is_regular_file(spec)) {
    std::string text;
    if (!read_text_file(std::string(spec), &text)) {
      *error = "cannot read '" + std::string(spec) + "'";
      return nullptr;
    }
    return from_config_text(text, "", "'" + std::string(spec) + "'", options, error);
  }
  if (const size_t colon = spec.rfind(':'); colon != std::string_view::npos && is_regular_file(spec.substr(0, colon))) {
    std::string text;
    const std::string path(spec.substr(0, colon));
    if (!read_text_file(path, &text)) {
      *error = "cannot read '" + path + "'";
      return nullptr;
    }
    return from_config_text(text, spec.substr(colon + 1), "'" + path + "'", options, error);
  }
  if (spec.find('%') != std::string_view::npos) {
    // As typed on a command line, possibly copied from a configuration file
    // with its \" quoting: read it as a LogFormat argument.
    return from_definition({FormatDefinition::Server::kApache, "", unquote_apache(spec, '"')}, options, error);
  }
  if (spec.find('$') != std::string_view::npos) {
    return from_definition({FormatDefinition::Server::kNginx, "", std::string(spec)}, options, error);
  }
  std::string known;
  for (const std::string& n : auto_candidates()) known += (known.empty() ? "" : ", ") + n;
  if (spec == "auto") {
    *error = "format 'auto' is chosen from sample lines, not built directly";
  } else {
    *error = "unknown format '" + std::string(spec) + "': not a nickname or preset (" + known +
             "), not a file, and not a LogFormat ('%') or log_format ('$') string";
  }
  return nullptr;
}

class MixedParser final : public LineParser {
 public:
  // Definition: "mixed:" and one member definition per line (each is one
  // line: config-style quoting never leaves a raw newline).
  explicit MixedParser(std::vector<std::unique_ptr<LineParser>> members) : members_(std::move(members)) {
    definition_ = "mixed:";
    for (const auto& m : members_) definition_ += "\n" + m->definition();
  }

  RejectReason parse(std::string_view line, LogRecord* out) override {
    RejectReason first = RejectReason::kNone;
    for (size_t i = 0; i < members_.size(); ++i) {
      const RejectReason r = members_[i]->parse(line, out);
      if (r == RejectReason::kEmpty || r == RejectReason::kHeader) return r;
      if (r == RejectReason::kNone) {
        // A hostname client may be a vhost read as %h: a later member that
        // reads the line with an address client is the better reading.
        if (out->client_kind == ClientKind::kHostname) prefer_address_reading(line, i + 1, out);
        return r;
      }
      if (first == RejectReason::kNone) first = r;
    }
    return first;
  }
  const std::string& definition() const override { return definition_; }

  void prefer_address_reading(std::string_view line, size_t from, LogRecord* out) {
    LogRecord other;
    for (size_t j = from; j < members_.size(); ++j) {
      if (members_[j]->parse(line, &other) == RejectReason::kNone && other.client_kind == ClientKind::kAddress) {
        *out = other;  // its views point into member j's scratch, untouched until its next line
        return;
      }
    }
  }

  std::unique_ptr<LineParser> clone() const override {
    std::vector<std::unique_ptr<LineParser>> copies;
    for (const auto& m : members_) copies.push_back(m->clone());
    return std::make_unique<MixedParser>(std::move(copies));
  }
  void carry_state(std::string_view text) override {
    for (const auto& m : members_) m->carry_state(text);
  }
  bool needs_earlier_lines() const override {
    for (const auto& m : members_) {
      if (m->needs_earlier_lines()) return true;
    }
    return false;
  }

 private:
  std::vector<std::unique_ptr<LineParser>> members_;
  std::string definition_;
};

struct Candidate {
  std::string name;
  std::unique_ptr<LineParser> parser;
  std::vector<bool> parsed;    // per sample line
  std::vector<bool> hostname;  // per sample line: parsed, with a hostname client
  std::vector<bool> address;   // per sample line: parsed, with an address client
  size_t count = 0;
  size_t sampled = 0;

  size_t addresses() const { return size_t(std::count(address.begin(), address.end(), true)); }
};

}  // namespace

std::unique_ptr<LineParser> make_parser(std::string_view spec, const ParseOptions& options, std::string* error) {
  return with_trusted_proxies(make_unwrapped(spec, options, error), options.trusted_proxies);
}

const std::vector<std::string>& auto_candidates() {
  // Apache before nginx: their combined lines are identical, and Apache's
  // reading (request-start time) is the historical default. JSON and the
  // fixed-layout presets share no lines with the templates.
  static const std::vector<std::string> kCandidates = {
      "combined_port", "vhost_combined", "combinedio", "combined", "vhost_combined_noport", "vhost_common",
      "common", "ssl_request", "nginx_main", "nginx_combined", "npm_proxy", "npm_standard", "npmplus", "caddy",
      "traefik", "nginx_json", "envoy_json", "fastly", "haproxy_httplog", "aws_elb", "w3c", "cloudfront", "envoy",
      "traefik_clf", "zoraxy"};
  return kCandidates;
}

std::string format_short_name(std::string_view definition) {
  if (definition.starts_with("LogFormat ")) {
    const size_t quote = definition.rfind('"');
    const std::string_view name = quote == std::string_view::npos ? "" : trim_spec(definition.substr(quote + 1));
    return std::string(name.empty() ? definition : name);
  }
  if (definition.starts_with("log_format ")) {
    std::string_view rest = definition.substr(11);
    const std::string_view name = rest.substr(0, rest.find(' '));
    return std::string(name == "unnamed" ? definition : name);
  }
  if (definition.starts_with("json:")) {
    if (!definition.starts_with("json:name=")) return "json";
    const std::string_view rest = definition.substr(10);
    return std::string(rest.substr(0, rest.find(',')));
  }
  if (const size_t colon = definition.find(':'); colon != std::string_view::npos) {
    if (line_prefix_from_name(definition.substr(0, colon))) {
      return std::string(definition.substr(0, colon + 1)) + format_short_name(definition.substr(colon + 1));
    }
  }
  if (definition.starts_with("mixed:")) {
    std::string names;
    std::string_view rest = definition.substr(6);
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      const std::string_view member = rest.substr(0, nl);
      rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
      if (!member.empty()) names += (names.empty() ? "" : "+") + format_short_name(member);
    }
    return names;
  }
  return std::string(definition);
}

std::unique_ptr<LineParser> mixed_parser(std::vector<std::unique_ptr<LineParser>> members) {
  if (members.size() == 1) return std::move(members[0]);
  return std::make_unique<MixedParser>(std::move(members));
}

std::string_view server_from_path(std::string_view path) {
  const std::string lower = ascii_lower(path);
  const bool nginx = lower.find("nginx") != std::string::npos;
  const bool apache = lower.find("apache") != std::string::npos || lower.find("httpd") != std::string::npos;
  if (nginx == apache) return "";
  return nginx ? "nginx" : "apache";
}

namespace {

enum class Server : uint8_t { kOther, kApache, kNginx };

Server server_of(const LineParser& p) {
  if (p.definition().starts_with("LogFormat")) return Server::kApache;
  if (p.definition().starts_with("log_format")) return Server::kNginx;
  return Server::kOther;
}

// Apache and nginx write combined (and common) lines byte for byte alike,
// but Apache's time is when the request arrived and nginx's when the
// response was done. When `win` is one server's template and the other
// server's reads the same lines with the same address clients (nginx's
// $remote_user has no spaces, so it may refuse a line Apache's %u reads with
// a vhost taken for a hostname client), `hint` ("apache", "nginx") picks;
// without one `win` (Apache's, the earlier candidate) stays and *note says
// it was assumed. Returns the winner.
size_t resolve_server(const std::vector<Candidate>& candidates, size_t win, std::string_view hint_name,
                      std::string* note) {
  const Server server = server_of(*candidates[win].parser);
  if (server == Server::kOther) return win;
  const Server hint = hint_name == "nginx" ? Server::kNginx : hint_name == "apache" ? Server::kApache : Server::kOther;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Server other = server_of(*candidates[i].parser);
    if (other == Server::kOther || other == server || candidates[i].address != candidates[win].address) continue;
    if (hint == other) return i;
    if (hint == Server::kOther) {
      *note = "Apache and nginx write these lines alike: read as " +
              std::string(server == Server::kApache ? "Apache's (time = request received)"
                                                    : "nginx's (time = response done)") +
              "; give --server apache|nginx if that is wrong";
    }
    return win;
  }
  return win;
}

// Detection on lines without a collector's prefix.
Detection detect_plain(const std::vector<std::string_view>& sample, const ParseOptions& options) {
  std::vector<std::string> names;
  for (const std::string& file : options.config_files) {
    std::string text, ignored;
    if (!read_text_file(file, &text)) continue;
    for (const FormatDefinition& d : read_format_definitions(text, &ignored)) names.push_back(d.name);
  }
  names.insert(names.end(), auto_candidates().begin(), auto_candidates().end());

  std::vector<Candidate> candidates;
  LogRecord record;
  for (const std::string& name : names) {
    std::string error;
    Candidate c{name, make_parser(name, options, &error), {}, {}, {}, 0, 0};
    if (!c.parser) continue;  // only a bad --tz fails here, and then every candidate does
    for (std::string_view line : sample) {
      const RejectReason r = c.parser->parse(line, &record);
      c.parsed.push_back(r == RejectReason::kNone);
      c.hostname.push_back(r == RejectReason::kNone && record.client_kind == ClientKind::kHostname);
      c.address.push_back(r == RejectReason::kNone && record.client_kind == ClientKind::kAddress);
      if (r == RejectReason::kEmpty || r == RejectReason::kHeader) continue;
      ++c.sampled;
      c.count += r == RejectReason::kNone;
    }
    candidates.push_back(std::move(c));
  }
  Detection best;
  if (candidates.empty()) return best;
  // Strictly more: on a tie the earlier, more specific candidate stays,
  // unless the other reads more clients as addresses: "www.example.com
  // 192.0.2.1 - - [...]" is combined with a hostname client and a logname,
  // or vhost_combined_noport with an address client, and a hostname in %h
  // (HostnameLookups On) is the rarer of the two.
  size_t win = 0;
  for (size_t i = 1; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    const Candidate& w = candidates[win];
    if (c.count > w.count || (c.count == w.count && c.addresses() > w.addresses())) win = i;
  }
  win = resolve_server(candidates, win, options.server, &best.note);
  best.name = candidates[win].name;
  best.parsed = candidates[win].count;
  best.sampled = candidates[win].sampled;
  if (best.parsed == 0) return best;
  // A number after combined is read as %{remote}p, the port alcor asks
  // operators to log; but %D, %T or Icecast's seconds connected look the
  // same, and a wrong port is the worst answer there is.
  if (best.name == "combined_port") {
    if (!best.note.empty()) best.note += "; ";
    best.note += "the number after each combined line is read as the client port (%{remote}p); give --format with "
                 "%D, %T or the like if it is not";
  }

  // Mixed files: add the candidate that parses the most lines the members
  // so far leave (or read with a hostname client it reads with an address:
  // a vhost-prefixed line taken for combined), while it gains at least two.
  // On a tie, one of the winner's server wins: an nginx file's combined
  // lines are nginx's (written at the end of the request), not Apache's.
  auto is_nginx = [](const Candidate& c) { return server_of(*c.parser) == Server::kNginx; };
  const bool nginx_file = is_nginx(candidates[win]);
  std::vector<bool> covered = candidates[win].parsed;
  std::vector<bool> hostname = candidates[win].hostname;  // lines the members read with a hostname client
  std::vector<std::unique_ptr<LineParser>> members;
  members.push_back(std::move(candidates[win].parser));
  for (;;) {
    size_t add = candidates.size(), gain = 1;
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (!candidates[i].parser) continue;
      size_t g = 0;
      for (size_t l = 0; l < covered.size(); ++l) {
        g += (!covered[l] && candidates[i].parsed[l]) || (hostname[l] && candidates[i].address[l]);
      }
      const bool same_server_tie =
          g == gain && add != candidates.size() && is_nginx(candidates[i]) == nginx_file &&
          is_nginx(candidates[add]) != nginx_file;
      if (g > gain || same_server_tie) {
        gain = g;
        add = i;
      }
    }
    if (add == candidates.size()) break;
    for (size_t l = 0; l < covered.size(); ++l) {
      const Candidate& a = candidates[add];
      if (!covered[l] && a.parsed[l]) {
        ++best.parsed;
        hostname[l] = a.hostname[l];
      } else if (hostname[l] && a.address[l]) {
        hostname[l] = false;  // MixedParser prefers the address reading
      }
      covered[l] = covered[l] || a.parsed[l];
    }
    best.name += "+" + candidates[add].name;
    members.push_back(std::move(candidates[add].parser));
  }
  // Less than half is not a format match but a file of something else
  // (fixtures interleave two or three formats with foreign lines: their
  // members together count).
  if (best.parsed * 2 < best.sampled) return best;
  best.parser = mixed_parser(std::move(members));
  return best;
}

}  // namespace

Detection detect_format(const std::vector<std::string_view>& sample, const ParseOptions& options) {
  Detection plain = detect_plain(sample, options);
  if (plain.parser && plain.parsed == plain.sampled) return plain;
  // Lines inside a collector's prefix (container runtime, compose, syslog):
  // detect the format of what the prefix wraps, on the lines that carry it.
  const std::optional<LinePrefix> prefix = common_line_prefix(sample);
  if (!prefix) return plain;
  std::vector<std::string_view> inner;
  size_t others = 0;  // non-blank lines without the prefix: unparsed
  for (std::string_view line : sample) {
    if (auto inside = strip_line_prefix(*prefix, line)) {
      inner.push_back(inside->line);
    } else {
      others += !trim(line).empty();
    }
  }
  Detection wrapped = detect_plain(inner, options);
  wrapped.sampled += others;
  if (!wrapped.parser || wrapped.parsed <= plain.parsed || wrapped.parsed * 2 < wrapped.sampled) return plain;
  wrapped.parser = with_line_prefix(*prefix, std::move(wrapped.parser));
  wrapped.name = std::string(line_prefix_name(*prefix)) + ":" + wrapped.name;
  return wrapped;
}

}  // namespace alcor
