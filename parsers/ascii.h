// ASCII-only text helpers for protocol and file-format text.
//
// Methods, hosts, escapes and registry keys are defined over ASCII; bytes
// above 0x7f pass through these unchanged and never count as letters, whatever
// the process locale (unlike <cctype>).
#ifndef ALCOR_PARSERS_ASCII_H_
#define ALCOR_PARSERS_ASCII_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace alcor {

// What the text formats call blanks: spaces, tabs, and the CR that a CRLF
// line keeps after splitting on LF.
inline constexpr std::string_view kAsciiBlanks = " \t\r";

// `s` without leading and trailing characters from `blanks`.
inline std::string_view trim(std::string_view s, std::string_view blanks = kAsciiBlanks) {
  const size_t first = s.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

inline std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

constexpr bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || (c >= '0' && c <= '9'); }

// The value of a hexadecimal digit of either case, or -1. A table: logged
// IPv6 addresses and percent-escapes are read digit by digit, and the
// branches of a range test mispredict on mixed digits and letters.
inline constexpr std::array<int8_t, 256> kHexDigitValues = [] {
  std::array<int8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = c >= '0' && c <= '9' ? int8_t(c - '0')
           : c >= 'a' && c <= 'f' ? int8_t(c - 'a' + 10)
           : c >= 'A' && c <= 'F' ? int8_t(c - 'A' + 10)
                                  : int8_t{-1};
  }
  return t;
}();
constexpr int hex_digit_value(char c) { return kHexDigitValues[static_cast<unsigned char>(c)]; }

}  // namespace alcor

#endif  // ALCOR_PARSERS_ASCII_H_
