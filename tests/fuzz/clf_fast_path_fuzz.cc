// Differential: every line parses to the same outcome (reason and every
// record field) with the NCSA fast path as with the step walker alone, for
// each of the fast path's shapes, Apache's and then nginx's (the first byte
// picks one).
#include <string>

#include "tests/clf_shapes.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/parse_outcome.h"

namespace {

std::unique_ptr<alcor::LineParser> parser(const alcor::testing::Shape& shape, alcor::apache::FastPath fast) {
  std::string error;
  auto compiled = alcor::testing::compile_shape(shape, &error);
  if (!compiled) __builtin_trap();
  auto p = alcor::make_step_parser(std::move(*compiled), shape.format, alcor::ParseOptions{"UTC", "default.example"},
                                   &error, fast);
  if (!p) __builtin_trap();
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<alcor::testing::Shape> all = alcor::testing::fast_path_shapes();
  alcor::fuzz::FuzzInput in(data, size);
  const alcor::testing::Shape& shape = all[in.choose(all.size())];
  // Parsers keep state between lines (the time reader's date), as in a run.
  auto fast = parser(shape, alcor::apache::FastPath::kAllowed);
  auto walker = parser(shape, alcor::apache::FastPath::kWalkOnly);
  alcor::LogRecord a, b;
  for (std::string_view line : in.lines()) {
    const alcor::RejectReason ra = fast->parse(line, &a);
    const alcor::RejectReason rb = walker->parse(line, &b);
    if (alcor::parse_outcome(ra, a) != alcor::parse_outcome(rb, b)) __builtin_trap();
  }
  return 0;
}
