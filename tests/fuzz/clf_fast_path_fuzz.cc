// Differential: every line parses to the same outcome (reason and every
// record field) with the NCSA fast path as with the step walker alone, for
// each of the fast path's shapes (the first byte picks one).
#include <string>

#include "parsers/clf_fast_path.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/parse_outcome.h"

namespace {

std::unique_ptr<alcor::LineParser> parser(const std::string& format, alcor::apache::FastPath fast) {
  std::string error;
  auto compiled = alcor::apache::compile(format, &error);
  if (!compiled) __builtin_trap();
  auto p = alcor::make_step_parser(std::move(*compiled), format, alcor::ParseOptions{"UTC", "default.example"},
                                   &error, fast);
  if (!p) __builtin_trap();
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<std::string> formats = alcor::apache::ClfFastPath::formats();
  alcor::fuzz::FuzzInput in(data, size);
  const std::string& format = formats[in.choose(formats.size())];
  // Parsers keep state between lines (the time reader's date), as in a run.
  auto fast = parser(format, alcor::apache::FastPath::kAllowed);
  auto walker = parser(format, alcor::apache::FastPath::kWalkOnly);
  alcor::LogRecord a, b;
  for (std::string_view line : in.lines()) {
    const alcor::RejectReason ra = fast->parse(line, &a);
    const alcor::RejectReason rb = walker->parse(line, &b);
    if (alcor::parse_outcome(ra, a) != alcor::parse_outcome(rb, b)) __builtin_trap();
  }
  return 0;
}
