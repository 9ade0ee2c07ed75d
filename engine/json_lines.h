// Walking JSON Lines text: each non-blank line with its 1-based number.
// Lines are handed over one by one, so that a broken line is reported
// for itself and the lines after it are still read.
#ifndef ALCOR_ENGINE_JSON_LINES_H_
#define ALCOR_ENGINE_JSON_LINES_H_

#include <cstdint>
#include <string_view>

namespace alcor {

template <typename Visit>  // void(uint64_t line_number, std::string_view line)
void for_each_json_line(std::string_view text, Visit visit) {
  uint64_t line_number = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_number;
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) visit(line_number, line);
  }
}

}  // namespace alcor

#endif  // ALCOR_ENGINE_JSON_LINES_H_
