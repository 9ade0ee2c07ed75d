// Log format definitions as servers' configuration files hold them.
//
// Operators paste what their server runs: Apache `LogFormat "..." name` and
// `CustomLog path "..."` lines, nginx `log_format name [escape=...] '...'
// '...';` blocks (several lines, concatenated strings), or name the whole
// httpd.conf / nginx.conf. This file reads those texts into definitions;
// format_registry.cc turns a definition into a parser.
#ifndef ALCOR_PARSERS_FORMAT_CONFIG_H_
#define ALCOR_PARSERS_FORMAT_CONFIG_H_

#include <string>
#include <string_view>
#include <vector>

#include "parsers/nginx_format.h"

namespace alcor {

struct FormatDefinition {
  enum class Server : uint8_t { kApache, kNginx };
  Server server = Server::kApache;
  std::string name;    // nickname; for an inline CustomLog format, the log's path
  std::string format;  // as the server holds it after reading its configuration
  NginxEscape escape = NginxEscape::kDefault;

  // The definition as one configuration line, which is also a SPEC that
  // make_parser() reads back into the same format: `LogFormat "..." name`
  // or `log_format name [escape=...] '...';` ("unnamed" when it had none).
  std::string describe() const;
};

// Every LogFormat, CustomLog-with-inline-format and log_format definition in
// `config`, in order. Sets *error and returns what it read so far when a
// definition is malformed (an unclosed quote, a log_format without ';').
std::vector<FormatDefinition> read_format_definitions(std::string_view config, std::string* error);

// Undoes the quoting of Apache's configuration reader inside a quoted
// argument: \<quote> and \\ stand for the character itself.
std::string unquote_apache(std::string_view s, char quote);

}  // namespace alcor

#endif  // ALCOR_PARSERS_FORMAT_CONFIG_H_
