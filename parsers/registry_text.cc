#include "parsers/registry_text.h"

#include <cctype>

namespace alcor::registry {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ascii_upper(a) == ascii_upper(b);
}

bool icontains(std::string_view haystack, std::string_view needle) {
  return ascii_upper(haystack).find(ascii_upper(needle)) != std::string::npos;
}

void for_each_line(std::string_view text,
                   const std::function<void(std::string_view, size_t)>& fn) {
  size_t number = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line, ++number);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

namespace {
bool is_local_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("._%+-").find(c) != std::string_view::npos;
}
bool is_domain_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
}
}  // namespace

std::vector<std::string> find_emails(std::string_view text) {
  std::vector<std::string> out;
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    size_t b = at;
    while (b > 0 && is_local_char(text[b - 1])) --b;
    size_t e = at + 1;
    while (e < text.size() && is_domain_char(text[e])) ++e;
    while (e > at + 1 && (text[e - 1] == '.' || text[e - 1] == '-')) --e;  // sentence end
    std::string_view domain = text.substr(at + 1, e - at - 1);
    if (b == at || domain.find('.') == std::string_view::npos) continue;
    out.emplace_back(text.substr(b, e - b));
  }
  return out;
}

std::string email_domain(std::string_view email) {
  size_t at = email.rfind('@');
  return ascii_lower(at == std::string_view::npos ? std::string_view() : email.substr(at + 1));
}

std::string normalize_date(std::string_view text) {
  std::string digits;
  for (char c : trim(text)) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c != '-' && c != '/') {
      break;
    }
    if (digits.size() == 8) break;
  }
  if (digits.size() != 8 || digits == "00000000") return {};
  return digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2);
}

}  // namespace alcor::registry
