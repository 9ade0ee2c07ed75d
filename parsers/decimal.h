// Reading the decimal counts logs write (status, bytes, ports, durations).
#ifndef ALCOR_PARSERS_DECIMAL_H_
#define ALCOR_PARSERS_DECIMAL_H_

#include <cstdint>
#include <string_view>

namespace alcor {

// The whole of `v` as a non-negative decimal number no greater than `max`;
// false for anything else (signs, spaces, "-", more than 18 digits).
inline bool parse_count(std::string_view v, int64_t max, int64_t* out) {
  if (v.empty() || v.size() > 18) return false;
  int64_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  if (n > max) return false;
  *out = n;
  return true;
}

}  // namespace alcor

#endif  // ALCOR_PARSERS_DECIMAL_H_
