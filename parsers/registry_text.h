// Small text helpers shared by the registry importers.
#ifndef ALCOR_PARSERS_REGISTRY_TEXT_H_
#define ALCOR_PARSERS_REGISTRY_TEXT_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/ascii.h"  // trim, ascii_upper: the importers use them throughout

namespace alcor::registry {

bool iequals(std::string_view a, std::string_view b);
bool icontains(std::string_view haystack, std::string_view needle);

// Calls fn(line, line_number) for every line, without its "\n" or "\r\n".
void for_each_line(std::string_view text,
                   const std::function<void(std::string_view, size_t)>& fn);

// The e-mail addresses written in free text ("send mail to abuse@example.jp").
std::vector<std::string> find_emails(std::string_view text);

// The part after '@', lower-cased.
std::string email_domain(std::string_view email);

// YYYY-MM-DD from "20130417", "2013/04/17 ...", "2013-04-17T..."; empty if none.
std::string normalize_date(std::string_view text);

}  // namespace alcor::registry

#endif  // ALCOR_PARSERS_REGISTRY_TEXT_H_
