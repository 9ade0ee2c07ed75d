#include "parsers/log_escape.h"

#include <cstring>

namespace alcor {
namespace {

int lower_hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

const char* find_closing_quote(const char* p, const char* end) {
  const char* const start = p;
  while (p < end) {
    const char* q = static_cast<const char*>(memchr(p, '"', size_t(end - p)));
    if (q == nullptr) return nullptr;
    // Escaped when preceded by an odd run of backslashes ("\\" is one
    // escaped backslash, so \\" closes the field).
    size_t backslashes = 0;
    for (const char* b = q; b > start && b[-1] == '\\'; --b) ++backslashes;
    if (backslashes % 2 == 0) return q;
    p = q + 1;
  }
  return nullptr;
}

void unescape_log_item(std::string_view in, std::string* out) {
  size_t i = 0;
  while (i < in.size()) {
    const size_t bs = in.find('\\', i);
    if (bs == std::string_view::npos || bs + 1 == in.size()) {
      out->append(in.data() + i, in.size() - i);
      return;
    }
    out->append(in.data() + i, bs - i);
    const char c = in[bs + 1];
    char decoded = 0;
    size_t consumed = 2;
    switch (c) {
      case '"': decoded = '"'; break;
      case '\\': decoded = '\\'; break;
      case 'b': decoded = '\b'; break;
      case 'n': decoded = '\n'; break;
      case 'r': decoded = '\r'; break;
      case 't': decoded = '\t'; break;
      case 'v': decoded = '\v'; break;
      case 'x': {
        const int hi = bs + 3 < in.size() ? lower_hex(in[bs + 2]) : -1;
        const int lo = hi >= 0 ? lower_hex(in[bs + 3]) : -1;
        if (lo >= 0) {
          decoded = char(hi << 4 | lo);
          consumed = 4;
        } else {
          consumed = 0;
        }
        break;
      }
      default: consumed = 0; break;
    }
    if (consumed == 0) {  // not an escape Apache writes: keep the backslash
      out->push_back('\\');
      i = bs + 1;
      continue;
    }
    out->push_back(decoded);
    i = bs + consumed;
  }
}

}  // namespace alcor
