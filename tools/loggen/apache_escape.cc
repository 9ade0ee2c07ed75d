#include "tools/loggen/apache_escape.h"

#include <array>

namespace alcor::loggen {
namespace {

// What each byte becomes: 0 = itself, 'x' = \xhh, otherwise the letter
// after the backslash.
constexpr std::array<char, 256> make_escape_table() {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c < 0x20 || c >= 0x7f) t[c] = 'x';
  }
  t['"'] = '"';
  t['\\'] = '\\';
  t['\b'] = 'b';
  t['\n'] = 'n';
  t['\r'] = 'r';
  t['\t'] = 't';
  t['\v'] = 'v';
  return t;
}
constexpr std::array<char, 256> kEscape = make_escape_table();

}  // namespace

void append_apache_escaped(std::string& out, std::string_view raw) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t clean_from = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    const auto byte = static_cast<unsigned char>(raw[i]);
    const char e = kEscape[byte];
    if (e == 0) continue;
    // Most fields have nothing to escape: copy clean runs in one go.
    out.append(raw.data() + clean_from, i - clean_from);
    clean_from = i + 1;
    out += '\\';
    if (e == 'x') {
      const char hex[3] = {'x', kHex[byte >> 4], kHex[byte & 15]};
      out.append(hex, 3);
    } else {
      out += e;
    }
  }
  out.append(raw.data() + clean_from, raw.size() - clean_from);
}

}  // namespace alcor::loggen
