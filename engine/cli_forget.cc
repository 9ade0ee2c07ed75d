// alcor forget --index DIR FILE...
//
// Deletes from an index everything it holds about some source files: their
// records (IP addresses, ports, times), their access points and their
// manifest entries. The manifest's history keeps a line saying what was
// forgotten and when, with the file's SHA-256, not its contents.
#include <chrono>
#include <cstdio>

#include "engine/cli_common.h"
#include "engine/ingest.h"
#include "index/index_writer.h"
#include "parsers/timestamp.h"

namespace alcor {

int cmd_forget(const Args& args) {
  constexpr std::string_view kCommand = "forget";
  constexpr std::string_view kSynopsis = "alcor forget --index DIR FILE|SHA256...";
  std::string index_dir;
  std::vector<std::string> files;
  po::options_description desc("options");
  desc.add_options()
      ("index", po::value(&index_dir)->required(), "index directory")
      ("file", po::value(&files)->required(), "source files to forget, by path (as indexed) or SHA-256");
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map vm;
  if (auto code = parse_command_line(kCommand, kSynopsis, args, desc, positional, &vm)) return *code;

  try {
    IndexWriter writer(index_dir);
    for (const std::string& f : files) {
      std::string path = source_path(f);
      const SourceEntry* match = nullptr;
      for (const SourceEntry& s : writer.manifest().sources) {
        if (s.path == path || s.path == f || s.sha256 == f) match = &s;
      }
      if (match == nullptr) return fail(kCommand, "no indexed source is '" + f + "'", kExitUsage);
      Timestamp now;
      now.utc_us = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count() * kMicrosPerSecond;
      std::string note = format_rfc3339_utc(now) + " forgot source " + std::to_string(match->id) + " " +
                         match->path + " sha256 " + match->sha256 + " (" + std::to_string(match->span.records) +
                         " records)";
      std::string path_said = match->path;
      writer.forget_source(match->id, note);
      std::fprintf(stderr, "alcor forget: removed %s from the index\n", path_said.c_str());
    }
  } catch (const IndexError& e) {
    return fail(kCommand, e.what(), kExitIndex);
  }
  return kExitOk;
}

}  // namespace alcor
