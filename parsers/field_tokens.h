// Splitting space-separated log lines whose fields may be double-quoted
// (AWS load balancer logs, HAProxy, W3C extended).
#ifndef ALCOR_PARSERS_FIELD_TOKENS_H_
#define ALCOR_PARSERS_FIELD_TOKENS_H_

#include <string_view>

#include "parsers/log_escape.h"

namespace alcor {

// Reads the next field at *p: a "quoted string" (returned without its
// quotes; ends at the first unescaped quote) or a run of bytes up to
// `separator`. Skips one separator after the field. Returns false at the end
// of the line, or with *truncated set when a quote is never closed.
inline bool next_field(const char** p, const char* end, char separator, std::string_view* field,
                       bool* truncated) {
  if (*p >= end) return false;
  const char* start = *p;
  const char* stop;
  if (*start == '"') {
    stop = find_closing_quote(start + 1, end);
    if (stop == nullptr) {
      *truncated = true;
      return false;
    }
    *field = std::string_view(start + 1, size_t(stop - start - 1));
    ++stop;
  } else {
    stop = start;
    while (stop < end && *stop != separator) ++stop;
    *field = std::string_view(start, size_t(stop - start));
  }
  *p = stop < end ? stop + 1 : end;
  return true;
}

}  // namespace alcor

#endif  // ALCOR_PARSERS_FIELD_TOKENS_H_
