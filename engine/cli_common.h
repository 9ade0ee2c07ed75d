// Command-line plumbing shared by the subcommands.
#ifndef ALCOR_ENGINE_CLI_COMMON_H_
#define ALCOR_ENGINE_CLI_COMMON_H_

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "engine/commands.h"

namespace alcor {

namespace po = boost::program_options;

// Parses `args` for `alcor <command>`. Returns an exit code when the command
// must stop here: kExitOk after printing help for --help, kExitUsage after a
// message that names the bad argument. Returns nullopt to go on.
std::optional<int> parse_command_line(std::string_view command, std::string_view synopsis, const Args& args,
                                      const po::options_description& options,
                                      const po::positional_options_description& positional,
                                      po::variables_map* vm);

// Prints "alcor <command>: <message>" to stderr and returns `code`.
int fail(std::string_view command, const std::string& message, int code);

struct Answer;

// The zone for inquiry times without an offset: --tz when given, else tz in
// the config (engine/config.h); nullopt when neither. Sets *error (and
// returns nullopt) for an unreadable config.
std::optional<std::string> default_zone(const std::string& index_dir, const std::string& tz_option,
                                        std::string* error);

// Warns on stderr when an answer read a local time as UTC for want of a zone.
void warn_zone_assumed(std::string_view command, const Answer& a);

}  // namespace alcor

#endif  // ALCOR_ENGINE_CLI_COMMON_H_
