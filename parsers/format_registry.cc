#include "parsers/format_registry.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parsers/apache_format.h"
#include "parsers/ascii.h"
#include "parsers/format_config.h"
#include "parsers/forwarded_client.h"
#include "parsers/json_format.h"
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
// access provider tell apart subscribers behind one carrier-grade NAT).
constexpr std::array<Nickname, 6> kApacheNicknames = {{
    {"common", R"(%h %l %u %t "%r" %>s %b)"},
    {"vhost_common", R"(%v %h %l %u %t "%r" %>s %b)"},
    {"combined", R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i")"},
    {"vhost_combined", R"(%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i")"},
    {"combinedio", R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i" %I %O)"},
    {"combined_port", R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i" %{remote}p)"},
}};

// nginx's predefined combined and the `main` of the stock nginx.conf.
constexpr std::array<Nickname, 2> kNginxNicknames = {{
    {"nginx_combined", kNginxCombined},
    {"nginx_main",
     R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for")"},
}};

// JSON presets. Caddy: `ts` is written when the response is done;
// request.client_ip is the client after Caddy's trusted_proxies, remote_ip
// the peer. Traefik: StartUTC is the arrival; ClientAddr the peer as
// ip:port; ClientHost the client after forwardedHeaders; Duration in ns.
// nginx_json: escape=json logs whose keys are the variables' names.
constexpr std::array<Nickname, 3> kJsonPresets = {{
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
}};

using PresetMaker = std::unique_ptr<LineParser> (*)(const ParseOptions&, std::string*);
struct Preset {
  std::string_view name;
  PresetMaker make;
};
constexpr std::array<Preset, 3> kPresets = {{
    {"haproxy_httplog", make_haproxy_httplog_parser},
    {"aws_elb", make_aws_elb_parser},
    {"w3c", make_w3c_parser},
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
    for (const auto& m : members_) {
      const RejectReason r = m->parse(line, out);
      if (r == RejectReason::kNone || r == RejectReason::kEmpty || r == RejectReason::kHeader) return r;
      if (first == RejectReason::kNone) first = r;
    }
    return first;
  }
  const std::string& definition() const override { return definition_; }
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
  std::vector<bool> parsed;  // per sample line
  size_t count = 0;
  size_t sampled = 0;
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
      "combined_port", "vhost_combined", "combinedio", "combined", "vhost_common", "common", "nginx_main",
      "nginx_combined", "caddy", "traefik", "nginx_json", "haproxy_httplog", "aws_elb", "w3c"};
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

Detection detect_format(const std::vector<std::string_view>& sample, const ParseOptions& options) {
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
    Candidate c{name, make_parser(name, options, &error), {}, 0, 0};
    if (!c.parser) continue;  // only a bad --tz fails here, and then every candidate does
    for (std::string_view line : sample) {
      const RejectReason r = c.parser->parse(line, &record);
      c.parsed.push_back(r == RejectReason::kNone);
      if (r == RejectReason::kEmpty || r == RejectReason::kHeader) continue;
      ++c.sampled;
      c.count += r == RejectReason::kNone;
    }
    candidates.push_back(std::move(c));
  }
  Detection best;
  if (candidates.empty()) return best;
  // Strictly more: on a tie the earlier, more specific candidate stays.
  size_t win = 0;
  for (size_t i = 1; i < candidates.size(); ++i) {
    if (candidates[i].count > candidates[win].count) win = i;
  }
  best.name = candidates[win].name;
  best.parsed = candidates[win].count;
  best.sampled = candidates[win].sampled;
  // Half or less is not a format match but a file of something else.
  if (best.parsed == 0 || best.parsed * 2 < best.sampled) return best;

  // Mixed files: add the candidate that parses the most lines the members
  // so far leave, while it parses at least two of them. On a tie, one of
  // the winner's server wins: an nginx file's combined lines are nginx's
  // (written at the end of the request), not Apache's.
  auto is_nginx = [](const Candidate& c) { return c.parser->definition().find("log_format") != std::string::npos; };
  const bool nginx_file = is_nginx(candidates[win]);
  std::vector<bool> covered = candidates[win].parsed;
  std::vector<std::unique_ptr<LineParser>> members;
  members.push_back(std::move(candidates[win].parser));
  for (;;) {
    size_t add = candidates.size(), gain = 1;
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (!candidates[i].parser) continue;
      size_t g = 0;
      for (size_t l = 0; l < covered.size(); ++l) g += !covered[l] && candidates[i].parsed[l];
      const bool same_server_tie =
          g == gain && add != candidates.size() && is_nginx(candidates[i]) == nginx_file &&
          is_nginx(candidates[add]) != nginx_file;
      if (g > gain || same_server_tie) {
        gain = g;
        add = i;
      }
    }
    if (add == candidates.size()) break;
    for (size_t l = 0; l < covered.size(); ++l) covered[l] = covered[l] || candidates[add].parsed[l];
    best.parsed += gain;
    best.name += "+" + candidates[add].name;
    members.push_back(std::move(candidates[add].parser));
  }
  best.parser = mixed_parser(std::move(members));
  return best;
}

}  // namespace alcor
