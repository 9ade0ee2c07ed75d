#include "parsers/request_line.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "parsers/ascii.h"

namespace alcor {
namespace {

// RFC 9110 token characters, by table: every logged request line's method
// is read through it.
constexpr std::array<bool, 256> kTokenChars = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = is_ascii_alnum(static_cast<char>(c)) ||
           std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
  }
  return t;
}();

// The last ' ' of s, looked for first where most lines have it, before an
// eight-byte protocol ("HTTP/1.1"), then by a search back through the target.
size_t last_space(std::string_view s) {
  constexpr size_t kWord = 8;
  if (s.size() > kWord && s[s.size() - kWord - 1] == ' ') {
    uint64_t word;
    std::memcpy(&word, s.data() + s.size() - kWord, kWord);
    const uint64_t x = word ^ 0x2020202020202020;  // spaces become zero bytes
    if (((x - 0x0101010101010101) & ~x & 0x8080808080808080) == 0) return s.size() - kWord - 1;  // none
  }
  return s.rfind(' ');
}

}  // namespace

RequestLine split_request_line(std::string_view line) {
  RequestLine r;
  if (line == "-") return r;
  // A method is a run of token characters ended by the line's first space
  // (a space is no token character).
  size_t sp = 0;
  while (sp < line.size() && kTokenChars[static_cast<unsigned char>(line[sp])]) ++sp;
  if (sp == 0 || sp == line.size() || line[sp] != ' ') {
    r.target = line;
    return r;
  }
  r.method = line.substr(0, sp);
  std::string_view rest = line.substr(sp + 1);
  const size_t last = last_space(rest);
  if (last != std::string_view::npos && rest.substr(last + 1).starts_with("HTTP/")) {
    r.protocol = rest.substr(last + 1);
    rest = rest.substr(0, last);
  }
  r.target = rest;
  return r;
}

}  // namespace alcor
