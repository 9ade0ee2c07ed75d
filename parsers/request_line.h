// Splitting a logged HTTP request line ("GET /a?b HTTP/1.1").
#ifndef ALCOR_PARSERS_REQUEST_LINE_H_
#define ALCOR_PARSERS_REQUEST_LINE_H_

#include <string_view>

namespace alcor {

struct RequestLine {
  std::string_view method;    // empty when the line has no method token
  std::string_view target;
  std::string_view protocol;  // "HTTP/1.1"; empty for HTTP/0.9 or junk
};

// Method = the leading token when it is followed by a space; protocol = the
// last space-separated word when it starts with "HTTP/"; target = what is
// between (it may itself contain spaces: clients send them). A line that
// does not start with a method token (TLS bytes sent to a plain-HTTP port,
// "-" for a request Apache never read) is kept whole as the target, except
// that "-" alone yields an empty request: it carries no target.
RequestLine split_request_line(std::string_view line);

}  // namespace alcor

#endif  // ALCOR_PARSERS_REQUEST_LINE_H_
