// The nginx log_format compiler on a hostile template (after a byte that
// picks the escape mode, up to the first NUL), then the compiled parser on
// the lines after it.
#include <string>

#include "parsers/nginx_format.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  alcor::fuzz::FuzzInput in(data, size);
  const auto escape = static_cast<alcor::NginxEscape>(in.choose(3));
  const std::string_view format = in.take_until_nul();
  alcor::ParseOptions options;
  options.tz = "UTC";
  std::string error;
  auto parser = alcor::compile_nginx_format(format, escape, std::string(format), options, &error);
  if (!parser) {
    if (error.empty()) __builtin_trap();
    return 0;
  }
  alcor::LogRecord record;
  for (std::string_view line : in.lines()) parser->parse(line, &record);
  return 0;
}
