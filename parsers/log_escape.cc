#include "parsers/log_escape.h"

#include <cstring>

#include "parsers/ascii.h"

namespace alcor {
namespace {

int lower_hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

int hex4(std::string_view s, size_t at) {
  if (at + 4 > s.size()) return -1;
  int v = 0;
  for (size_t i = at; i < at + 4; ++i) {
    const int d = hex_digit_value(s[i]);
    if (d < 0) return -1;
    v = v << 4 | d;
  }
  return v;
}

void append_utf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(char(cp));
  } else if (cp < 0x800) {
    out->push_back(char(0xc0 | cp >> 6));
    out->push_back(char(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out->push_back(char(0xe0 | cp >> 12));
    out->push_back(char(0x80 | (cp >> 6 & 0x3f)));
    out->push_back(char(0x80 | (cp & 0x3f)));
  } else {
    out->push_back(char(0xf0 | cp >> 18));
    out->push_back(char(0x80 | (cp >> 12 & 0x3f)));
    out->push_back(char(0x80 | (cp >> 6 & 0x3f)));
    out->push_back(char(0x80 | (cp & 0x3f)));
  }
}

// Shared loop of the unescapers: copies runs without a backslash and hands
// each backslash position to `decode`, which appends the decoded bytes and
// returns how many input bytes it consumed (0: not an escape, keep it).
template <typename Decode>
void unescape_with(std::string_view in, std::string* out, Decode&& decode) {
  size_t i = 0;
  while (i < in.size()) {
    size_t bs = i;
    if (in[i] != '\\') {  // a run to copy; escapes often follow each other ("\xe6\x9d\xb1")
      bs = in.find('\\', i);
      if (bs == std::string_view::npos) {
        out->append(in.data() + i, in.size() - i);
        return;
      }
      out->append(in.data() + i, bs - i);
    }
    const size_t consumed = decode(bs);
    if (consumed == 0) {
      out->push_back('\\');
      i = bs + 1;
    } else {
      i = bs + consumed;
    }
  }
}

}  // namespace

void unescape_nginx_item(std::string_view in, std::string* out) {
  unescape_with(in, out, [&](size_t bs) -> size_t {
    if (bs + 3 >= in.size() || in[bs + 1] != 'x') return 0;
    const int hi = hex_digit_value(in[bs + 2]), lo = hex_digit_value(in[bs + 3]);
    if (hi < 0 || lo < 0) return 0;
    out->push_back(char(hi << 4 | lo));
    return 4;
  });
}

void unescape_json_string(std::string_view in, std::string* out) {
  unescape_with(in, out, [&](size_t bs) -> size_t {
    if (bs + 1 >= in.size()) return 0;
    switch (in[bs + 1]) {
      case '"': out->push_back('"'); return 2;
      case '\\': out->push_back('\\'); return 2;
      case '/': out->push_back('/'); return 2;
      case 'b': out->push_back('\b'); return 2;
      case 'f': out->push_back('\f'); return 2;
      case 'n': out->push_back('\n'); return 2;
      case 'r': out->push_back('\r'); return 2;
      case 't': out->push_back('\t'); return 2;
      case 'u': break;
      default: return 0;
    }
    const int cp = hex4(in, bs + 2);
    if (cp < 0) return 0;
    if (cp >= 0xd800 && cp < 0xdc00) {
      const int low = bs + 7 < in.size() && in[bs + 6] == '\\' && in[bs + 7] == 'u' ? hex4(in, bs + 8) : -1;
      if (low < 0xdc00 || low >= 0xe000) return 0;
      append_utf8(0x10000 + ((uint32_t(cp) - 0xd800) << 10) + (uint32_t(low) - 0xdc00), out);
      return 12;
    }
    if (cp >= 0xdc00 && cp < 0xe000) return 0;
    append_utf8(uint32_t(cp), out);
    return 6;
  });
}

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
  unescape_with(in, out, [&](size_t bs) -> size_t {
    if (bs + 1 >= in.size()) return 0;
    char decoded;
    switch (in[bs + 1]) {
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
        if (lo < 0) return 0;
        out->push_back(char(hi << 4 | lo));
        return 4;
      }
      default: return 0;  // not an escape Apache writes: keep the backslash
    }
    out->push_back(decoded);
    return 2;
  });
}

}  // namespace alcor
