// From a user's --format argument to a LineParser.
//
// SPEC is one of (first match wins):
//  - a name defined in one of ParseOptions::config_files;
//  - a nickname or preset: Apache common, combined, vhost_common,
//    vhost_combined, combinedio, combined_port; nginx nginx_combined,
//    nginx_main, npm_proxy, npm_standard, npmplus (Nginx Proxy Manager);
//    JSON caddy, traefik, nginx_json (keys named after nginx variables),
//    envoy_json, fastly; haproxy_httplog, aws_elb (Classic and ALB), w3c,
//    cloudfront, envoy (and Istio), traefik_clf, zoraxy
//    (preset_formats.h);
//  - "cri:", "compose:" or "syslog:" and a SPEC: lines inside a log
//    collector's prefix (line_prefix.h);
//  - "json:key=path,..." (json_format.h);
//  - "mixed:" and one SPEC per line (what a mixed file's parser reports);
//  - a pasted directive: `LogFormat "..." [name]`, `CustomLog path "..."`,
//    `log_format name [escape=...] '...' ...;` (several lines allowed);
//  - a path to an httpd.conf / nginx.conf-style file that defines exactly
//    one format, or PATH:NAME to pick one of several;
//  - a bare template: Apache when it holds '%' items, nginx when '$'
//    variables;
//  - "auto": see detect_format.
#ifndef ALCOR_PARSERS_FORMAT_REGISTRY_H_
#define ALCOR_PARSERS_FORMAT_REGISTRY_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/ip_address.h"
#include "parsers/line_parser.h"

namespace alcor {

// Context a format cannot carry itself.
struct ParseOptions {
  std::string tz;            // IANA zone for times logged without an offset
  std::string default_host;  // --host: vhost for logs that carry none
  // --trusted-proxy: peers whose X-Forwarded-For / Forwarded is believed
  // (forwarded_client.h). Empty: the logged client is the client.
  std::vector<IpPrefix> trusted_proxies;
  // --config: server configuration files whose format definitions SPEC may
  // name, and which auto-detection tries before the built-in presets.
  std::vector<std::string> config_files;
  // --server apache|nginx (empty: not said): which server wrote lines that
  // both write alike (combined), for detection; see detect_format.
  std::string server;
};

// "nginx" or "apache" when `path` names exactly one of them ("nginx",
// "apache" or "httpd" anywhere in it, as in /var/log/nginx/), else "".
std::string_view server_from_path(std::string_view path);

// Builds the parser for one explicit SPEC (not "auto"). Returns nullptr and
// sets *error (naming what is wrong in SPEC) when it cannot.
std::unique_ptr<LineParser> make_parser(std::string_view spec, const ParseOptions& options,
                                        std::string* error);

// The built-in nicknames and presets auto-detection tries, most specific
// first (definitions from ParseOptions::config_files are tried before them).
const std::vector<std::string>& auto_candidates();

struct Detection {
  std::unique_ptr<LineParser> parser;  // nullptr when nothing parses well
  std::string name;                    // what won; "A+B" for a mixed file
  size_t parsed = 0;                   // sample lines it parsed
  size_t sampled = 0;                  // sample lines that are not blank or headers
  std::string note;                    // an assumption the summary must show
};

// Tries every candidate on `sample` and keeps the one that parses the most
// lines (ties go to the one reading more clients as addresses rather than
// hostnames, then to the earlier, more specific candidate). The winner (with
// the members a mixed file adds, below) must parse at least half of the
// sample, else the file is reported, not indexed as junk.
//
// Apache and nginx write combined and common lines alike, yet Apache's time
// is when the request arrived and nginx's when the response was done. When
// a template of each server parses the same sample lines, options.server
// picks; without it Apache's reading (the earlier candidate) stays and
// `note` says the server was assumed.
//
// combined_port is likewise a reading of a number after combined that
// other directives (%D, %T) write alike: `note` says the port was assumed.
//
// Lines inside a collector's prefix (line_prefix.h) that the plain
// candidates do not all read are detected again without the prefix; the
// parser then strips it ("cri:caddy").
//
// Mixed files: when the winner leaves lines unparsed and another candidate
// parses at least two of them and more than it breaks, the parser becomes a
// composite that tries both, winner first, per line (mixed_parser below);
// this repeats while it gains lines. Its definition names every member.
Detection detect_format(const std::vector<std::string_view>& sample, const ParseOptions& options);

// The short name of a definition for summaries: a LogFormat's or
// log_format's nickname, a JSON preset's name, "a+b" for a mixed file, else
// the definition itself.
std::string format_short_name(std::string_view definition);

// A parser that tries `members` in order on each line, always from the
// first (so a line that two members could read is read the same way in
// every chunk), and reports, for a line none parses, the first member's
// reason.
std::unique_ptr<LineParser> mixed_parser(std::vector<std::unique_ptr<LineParser>> members);

}  // namespace alcor

#endif  // ALCOR_PARSERS_FORMAT_REGISTRY_H_
