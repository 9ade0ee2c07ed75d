// Temporary: commands whose implementation lands on another branch.
#include <cstdio>
#include "engine/commands.h"
namespace alcor {
int cmd_index(const Args&) { std::fprintf(stderr, "not built yet\n"); return kExitUsage; }
int cmd_query(const Args&) { std::fprintf(stderr, "not built yet\n"); return kExitUsage; }
int cmd_stats(const Args&) { std::fprintf(stderr, "not built yet\n"); return kExitUsage; }
}  // namespace alcor
