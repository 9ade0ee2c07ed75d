// Access-log lines inside the prefix a log collector wrote in front of them:
//  - cri:     Kubernetes container logs (CRI), "<RFC 3339 time> stdout F <line>"
//             ("P" marks a partial record: the runtime split a long line);
//  - compose: `docker compose logs`, "<service>  | <line>";
//  - syslog:  a syslog daemon's file, "<RFC 3339 time> <host> [<tag>:] <line>"
//             or "<Mmm dd hh:mm:ss> <host> [<tag>:] <line>".
// The prefix's own time is when the collector received the line, not the
// request's time, and is ignored: the server's line carries its own.
#ifndef ALCOR_PARSERS_LINE_PREFIX_H_
#define ALCOR_PARSERS_LINE_PREFIX_H_

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "parsers/line_parser.h"

namespace alcor {

enum class LinePrefix : uint8_t { kCri, kCompose, kSyslog };

// "cri", "compose", "syslog": a SPEC "<name>:<inner SPEC>" wraps a parser.
std::string_view line_prefix_name(LinePrefix prefix);
std::optional<LinePrefix> line_prefix_from_name(std::string_view name);

struct PrefixedLine {
  std::string_view line;  // what follows the prefix
  bool partial = false;   // CRI "P": the rest of the line is in the next record
};

// The server's line inside `line`, or nullopt when `line` lacks the prefix.
std::optional<PrefixedLine> strip_line_prefix(LinePrefix prefix, std::string_view line);

// The prefix over half of the non-blank `sample` lines carry, if any.
std::optional<LinePrefix> common_line_prefix(const std::vector<std::string_view>& sample);

// A parser that strips `prefix` and hands the rest to `inner`. A line
// without the prefix is kFormat, a partial CRI record kTruncated. Its
// definition is "<name>:" followed by inner's.
std::unique_ptr<LineParser> with_line_prefix(LinePrefix prefix, std::unique_ptr<LineParser> inner);

}  // namespace alcor

#endif  // ALCOR_PARSERS_LINE_PREFIX_H_
