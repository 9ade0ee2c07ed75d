#include "parsers/request_line.h"

#include "parsers/ascii.h"

namespace alcor {
namespace {

// RFC 9110 token characters.
bool is_tchar(char c) {
  if (is_ascii_alnum(c)) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

}  // namespace

RequestLine split_request_line(std::string_view line) {
  RequestLine r;
  if (line == "-") return r;
  const size_t sp = line.find(' ');
  bool has_method = sp != std::string_view::npos && sp > 0;
  for (size_t i = 0; has_method && i < sp; ++i) has_method = is_tchar(line[i]);
  if (!has_method) {
    r.target = line;
    return r;
  }
  r.method = line.substr(0, sp);
  std::string_view rest = line.substr(sp + 1);
  const size_t last = rest.rfind(' ');
  if (last != std::string_view::npos && rest.substr(last + 1).starts_with("HTTP/")) {
    r.protocol = rest.substr(last + 1);
    rest = rest.substr(0, last);
  }
  r.target = rest;
  return r;
}

}  // namespace alcor
