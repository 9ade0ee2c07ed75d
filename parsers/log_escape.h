// Undoing the escaping web servers apply to logged strings.
//
// Apache (ap_escape_logitem) writes '"' as \", '\' as \\, the C escapes \b \n \r \t \v and any
// other non-printable byte as \xhh (lower-case hex). Everything else is
// written as is, so a quoted field ends at the first '"' not escaped.
#ifndef ALCOR_PARSERS_LOG_ESCAPE_H_
#define ALCOR_PARSERS_LOG_ESCAPE_H_

#include <string>
#include <string_view>

namespace alcor {

// The first '"' in [p, end) that is not escaped, or nullptr.
const char* find_closing_quote(const char* p, const char* end);

// Appends the unescaped `in` to *out. Sequences Apache never writes (\q,
// \xZZ, upper-case hex) are kept verbatim. Never appends more bytes than
// in.size(), so callers can reserve once per line.
void unescape_log_item(std::string_view in, std::string* out);

// nginx's default escaping (ngx_http_log_escape): '"', '\\', bytes below
// 0x20 and from 0x7f up are written \xHH with upper-case hex. Anything else
// with a backslash is kept verbatim. Appends at most in.size() bytes.
void unescape_nginx_item(std::string_view in, std::string* out);

// JSON string escapes (nginx escape=json, JSON logs): \" \\ \/ \b \f \n \r
// \t and \uXXXX (surrogate pairs joined; a lone surrogate is kept verbatim).
// Raw bytes pass through untouched, valid UTF-8 or not. Appends at most
// in.size() bytes.
void unescape_json_string(std::string_view in, std::string* out);

}  // namespace alcor

#endif  // ALCOR_PARSERS_LOG_ESCAPE_H_
