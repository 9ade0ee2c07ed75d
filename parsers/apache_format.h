// Apache mod_log_config LogFormat strings as line parsers.
//
// The format is compiled once into a flat list of steps (literal text to
// match, items to read); parse() then walks a line with memchr-style
// scanning and no allocation once its scratch buffer has grown to the
// longest line.
//
// Every mod_log_config directive is understood. Items that a correlation
// answer needs are stored in the LogRecord; all others are matched and
// checked (numbers must be numbers) but not stored. When a format logs the
// same thing twice the more precise item wins:
//   client       %a over %h (%{c}a, the peer under mod_remoteip, is the
//                record's peer; %{c}h is not stored)
//   status       %>s over %s over %<s
//   bytes        %b / %B over %O
//   duration     %D / %{us}T over %{ms}T over %T
//   time         %{begin:...}t (and unprefixed) over %{end:...}t
//   host, ports  the first of %v / %V, %p / %{canonical}p / %{local}p
//   request      %r over separately logged %m %U%q %H
#ifndef ALCOR_PARSERS_APACHE_FORMAT_H_
#define ALCOR_PARSERS_APACHE_FORMAT_H_

#include <memory>
#include <string>
#include <string_view>

#include "parsers/format_registry.h"
#include "parsers/line_parser.h"

namespace alcor {

// Compiles `format` (as Apache holds it after reading the configuration:
// `%h "%r"`, not `%h \"%r\"`). `definition` is what the parser's
// definition() returns. Returns nullptr and sets *error, naming the bad
// item, when the format cannot be compiled, has no time item, or
// options.tz is not a known zone.
std::unique_ptr<LineParser> compile_apache_format(std::string_view format, std::string definition,
                                                  const ParseOptions& options, std::string* error);

}  // namespace alcor

#endif  // ALCOR_PARSERS_APACHE_FORMAT_H_
