// alcor: the command-line entry point. Only dispatch lives here; every
// subcommand is a function of the library (engine/commands.h).
#include <cstdio>
#include <cstring>
#include <string_view>

#include "engine/commands.h"

namespace {

struct Subcommand {
  const char* name;
  int (*run)(const alcor::Args&);
  const char* summary;
};

constexpr Subcommand kSubcommands[] = {
    {"index", alcor::cmd_index, "add access logs (files, directories, -) to an index"},
    {"query", alcor::cmd_query, "find requests by time+URL or by IP/CIDR"},
    {"batch", alcor::cmd_batch, "answer many time+URL inquiries (CSV or JSON Lines)"},
    {"report", alcor::cmd_report, "turn answers into a report to review and send (Markdown, HTML)"},
    {"stats", alcor::cmd_stats, "show what an index holds"},
    {"forget", alcor::cmd_forget, "delete what an index holds about some log files"},
    {"relocate", alcor::cmd_relocate, "re-attach moved or copied log files by their SHA-256"},
    {"verify", alcor::cmd_verify, "check an index (and with --sources its log files) for damage"},
    {"registry", alcor::cmd_registry, "import registry data (RIR stats, whois dumps, RDAP)"},
    {"whois", alcor::cmd_whois, "name the network and access provider holding an IP"},
};

void print_usage(FILE* out) {
  std::fprintf(out, "usage: alcor COMMAND [OPTIONS]\n\ncommands:\n");
  for (const auto& c : kSubcommands) std::fprintf(out, "  %-9s %s\n", c.name, c.summary);
  std::fprintf(out, "\n'alcor COMMAND --help' describes a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(stderr);
    return alcor::kExitUsage;
  }
  std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(stdout);
    return alcor::kExitOk;
  }
  if (name == "--version") {
    std::printf("alcor %s\n", ALCOR_VERSION);
    return alcor::kExitOk;
  }
  for (const auto& c : kSubcommands) {
    if (name == c.name) return c.run(alcor::Args(argv + 2, argv + argc));
  }
  std::fprintf(stderr, "alcor: unknown command '%s'\n\n", argv[1]);
  print_usage(stderr);
  return alcor::kExitUsage;
}
