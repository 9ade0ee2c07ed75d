#include "engine/cli_common.h"

#include "engine/answer.h"
#include "engine/config.h"

#include <cstdio>
#include <iostream>

namespace alcor {

int fail(std::string_view command, const std::string& message, int code) {
  std::fprintf(stderr, "alcor %.*s: %s\n", static_cast<int>(command.size()), command.data(), message.c_str());
  return code;
}

std::optional<int> parse_command_line(std::string_view command, std::string_view synopsis, const Args& args,
                                      const po::options_description& options,
                                      const po::positional_options_description& positional,
                                      po::variables_map* vm) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << "usage: " << synopsis << "\n\n" << options << std::flush;
      return kExitOk;
    }
  }
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), *vm);
    po::notify(*vm);
  } catch (const po::error& e) {
    return fail(command, std::string(e.what()) + "\nusage: " + std::string(synopsis), kExitUsage);
  }
  return std::nullopt;
}

std::optional<std::string> default_zone(const std::string& index_dir, const std::string& tz_option,
                                        std::string* error) {
  if (!tz_option.empty()) return tz_option;
  auto config = load_config(index_dir, error);
  if (!config) return std::nullopt;
  error->clear();
  return config->get("tz");
}

void warn_zone_assumed(std::string_view command, const Answer& a) {
  if (!a.zone_assumed) return;
  std::fprintf(stderr, "alcor %.*s: warning: %s%s has no UTC offset and no --tz or config tz: read as UTC\n",
               static_cast<int>(command.size()), command.data(),
               a.text.id.empty() ? "" : (a.text.id + ": ").c_str(), a.text.time.c_str());
}

}  // namespace alcor
