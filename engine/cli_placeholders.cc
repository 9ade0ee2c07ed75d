// Temporary: commands whose implementation lands on another branch.
#include <cstdio>
#include "engine/commands.h"
namespace alcor {
int cmd_registry(const Args&) { std::fprintf(stderr, "not built yet\n"); return kExitUsage; }
int cmd_whois(const Args&) { std::fprintf(stderr, "not built yet\n"); return kExitUsage; }
}  // namespace alcor
