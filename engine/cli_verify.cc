// alcor verify --index DIR [--sources]
#include <cstdio>

#include "engine/cli_common.h"
#include "engine/verify.h"

namespace alcor {

int cmd_verify(const Args& args) {
  constexpr std::string_view kCommand = "verify";
  constexpr std::string_view kSynopsis = "alcor verify --index DIR [--sources]";
  std::string index_dir;
  po::options_description desc("options");
  desc.add_options()
      ("index", po::value(&index_dir)->required(), "index directory")
      ("sources", "also re-hash every source file and compare with the indexed SHA-256");
  po::positional_options_description positional;
  po::variables_map vm;
  if (auto code = parse_command_line(kCommand, kSynopsis, args, desc, positional, &vm)) return *code;

  VerifyReport r = verify_index(index_dir, vm.count("sources") > 0);
  for (const auto& p : r.problems) std::printf("DAMAGED: %s\n", p.c_str());
  std::printf("%s: %llu segments, %llu blocks, %llu records checked", r.ok() ? "ok" : "damaged",
              static_cast<unsigned long long>(r.segments), static_cast<unsigned long long>(r.blocks),
              static_cast<unsigned long long>(r.records));
  if (vm.count("sources")) std::printf(", %llu sources re-hashed", static_cast<unsigned long long>(r.sources_checked));
  std::printf("\n");
  return r.ok() ? kExitOk : kExitIndex;
}

}  // namespace alcor
