// The alcor subcommands. Each takes the arguments after its own name and
// returns the process exit code (see ExitCode).
#ifndef ALCOR_ENGINE_COMMANDS_H_
#define ALCOR_ENGINE_COMMANDS_H_

#include <string>
#include <vector>

namespace alcor {

enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,  // bad argument; the message names it
  kExitInput = 2,  // some inputs unreadable or corrupt; the rest were processed
  kExitIndex = 3,  // the index itself cannot be read or written (damage, lock, disk)
};

using Args = std::vector<std::string>;

int cmd_index(const Args& args);
int cmd_query(const Args& args);
int cmd_batch(const Args& args);   // alcor batch --index DIR FILE: many inquiries, one answer each
int cmd_report(const Args& args);  // alcor report ANSWERS...: a document to review and send
int cmd_stats(const Args& args);
int cmd_verify(const Args& args);
int cmd_forget(const Args& args);    // alcor forget --index DIR FILE...    // alcor verify --index DIR [--sources]
int cmd_relocate(const Args& args);  // alcor relocate --index DIR FILE...: re-attach moved archives by SHA-256
int cmd_registry(const Args& args);  // alcor registry import --db DIR FILE...
int cmd_whois(const Args& args);     // alcor whois --db DIR IP...

}  // namespace alcor

#endif  // ALCOR_ENGINE_COMMANDS_H_
