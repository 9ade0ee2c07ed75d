// From a user's --format argument to a LineParser.
//
// SPEC is a nickname ("combined"), an Apache LogFormat string, or "auto".
// (nginx log_format blocks, JSON mappings and config-file paths are added by
// the format engine behind this same entry point.)
#ifndef ALCOR_PARSERS_FORMAT_REGISTRY_H_
#define ALCOR_PARSERS_FORMAT_REGISTRY_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/line_parser.h"

namespace alcor {

// Context a format cannot carry itself.
struct ParseOptions {
  std::string tz;            // IANA zone for times logged without an offset
  std::string default_host;  // --host: vhost for logs that carry none
};

// Builds the parser for one explicit SPEC (not "auto"). Returns nullptr and
// sets *error (naming what is wrong in SPEC) when it cannot.
std::unique_ptr<LineParser> make_parser(std::string_view spec, const ParseOptions& options,
                                        std::string* error);

// The nicknames auto-detection tries, most specific first.
const std::vector<std::string>& auto_candidates();

struct Detection {
  std::unique_ptr<LineParser> parser;  // nullptr when nothing parses well
  std::string name;                    // nickname that won
  size_t parsed = 0;                   // sample lines it parsed
  size_t sampled = 0;                  // non-empty sample lines
};

// Tries every candidate on `sample` and keeps the one that parses the most
// lines (ties go to the earlier, more specific candidate). A winner must parse
// at least half of the sample, else the file is reported, not indexed as junk.
Detection detect_format(const std::vector<std::string_view>& sample, const ParseOptions& options);

}  // namespace alcor

#endif  // ALCOR_PARSERS_FORMAT_REGISTRY_H_
