// Apache's log escaping (ap_escape_logitem in server/util.c), which every
// quoted field of the formats we write goes through: '"' and '\' get a
// backslash, \b \n \r \t \v their C escapes, and every other control byte,
// 0x7f and every byte >= 0x80 (so each byte of UTF-8) becomes \xhh with
// lower-case hex.
#ifndef ALCOR_TOOLS_LOGGEN_APACHE_ESCAPE_H_
#define ALCOR_TOOLS_LOGGEN_APACHE_ESCAPE_H_

#include <string>
#include <string_view>

namespace alcor::loggen {

void append_apache_escaped(std::string& out, std::string_view raw);

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_APACHE_ESCAPE_H_
