// Every built-in format parser on hostile lines: the first byte picks the
// format (one of the candidates auto-detection tries), the rest are lines.
#include <string>

#include "parsers/format_registry.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  alcor::fuzz::FuzzInput in(data, size);
  const auto& specs = alcor::auto_candidates();
  alcor::ParseOptions options;
  options.tz = "Asia/Tokyo";  // formats without an offset need a zone
  std::string error;
  auto parser = alcor::make_parser(specs[in.choose(specs.size())], options, &error);
  if (!parser) __builtin_trap();  // every candidate must build
  alcor::LogRecord record;
  for (std::string_view line : in.lines()) parser->parse(line, &record);
  return 0;
}
