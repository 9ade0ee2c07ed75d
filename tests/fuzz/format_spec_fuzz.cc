// make_parser on a hostile SPEC (pasted LogFormat / log_format directives,
// json: mappings, mixed: lists, bare templates), then the lines after the
// first NUL through whatever parser it built.
#include <string>

#include "parsers/format_registry.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  alcor::fuzz::FuzzInput in(data, size);
  const std::string_view spec = in.take_until_nul();
  // A SPEC may name a configuration file; the fuzzer is not to read the disk.
  if (spec.starts_with('/') || spec.starts_with('.')) return 0;
  alcor::ParseOptions options;
  options.tz = "Europe/Berlin";
  std::string error;
  auto parser = alcor::make_parser(spec, options, &error);
  if (!parser) {
    if (error.empty()) __builtin_trap();  // a refusal must say why
    return 0;
  }
  alcor::LogRecord record;
  for (std::string_view line : in.lines()) parser->parse(line, &record);
  return 0;
}
