// alcor relocate --index DIR FILE...
//
// Re-attaches moved or copied archives: each FILE is hashed, and the indexed
// source with the same SHA-256 is recorded at FILE's path from now on, so
// evidence is read from there. Nothing is indexed again; the manifest's
// history says what moved where. (`alcor index` does the same by itself
// for a file whose indexed path no longer exists.)
#include <sys/stat.h>

#include <cstdio>

#include "engine/cli_common.h"
#include "engine/ingest.h"
#include "index/file_util.h"
#include "index/index_writer.h"
#include "parsers/access_index.h"
#include "parsers/stored_input.h"

namespace alcor {
namespace {

constexpr std::string_view kCommand = "relocate";
constexpr std::string_view kSynopsis = "alcor relocate --index DIR FILE...";

// The source's access index, carrying `st` as the identity of its file now.
// Empty when the source has none; throws IndexError when it is damaged.
std::string access_index_for(const IndexWriter& writer, const SourceEntry& s, const struct stat& st) {
  const auto path = access_index_path(writer.dir(), s.id);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return "";
  std::string error;
  auto index = AccessIndex::parse(read_whole_file(path), &error);
  if (!index) throw IndexError("damaged " + path.string() + ": " + error);
  index->mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return index->serialize();
}

}  // namespace

int cmd_relocate(const Args& args) {
  std::string index_dir;
  std::vector<std::string> files;
  po::options_description desc("options");
  desc.add_options()
      ("index", po::value(&index_dir)->required(), "index directory")
      ("file", po::value(&files)->required(), "the archives at their new paths");
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map vm;
  if (auto code = parse_command_line(kCommand, kSynopsis, args, desc, positional, &vm)) return *code;

  int status = kExitOk;
  try {
    IndexWriter writer(index_dir);
    for (const std::string& f : files) {
      const std::string path = source_path(f);
      std::string error;
      std::unique_ptr<StoredInput> in = StoredInput::open(path, &error);
      struct stat st;
      if (in) in->drain();
      if (!in || !in->io_error().empty() || ::stat(path.c_str(), &st) != 0) {
        std::fprintf(stderr, "alcor relocate: cannot read %s: %s\n", f.c_str(),
                     in ? in->io_error().c_str() : error.c_str());
        status = kExitInput;
        continue;
      }
      const std::string sha256 = to_hex(in->sha256());
      const SourceEntry* s = writer.manifest().find_sha256(sha256);
      if (s == nullptr) {
        std::fprintf(stderr, "alcor relocate: no indexed source has the SHA-256 of %s (%s)\n", f.c_str(),
                     sha256.c_str());
        status = kExitInput;
        continue;
      }
      const std::string old_path = s->path;
      writer.relocate_source(s->id, path, st.st_mtim.tv_sec, access_index_for(writer, *s, st), moved_note(*s, path));
      std::fprintf(stderr, "alcor relocate: %s is source %u, indexed at %s%s\n", path.c_str(), s->id,
                   old_path.c_str(), old_path == path ? " (same path: its identity is refreshed)" : "");
    }
  } catch (const IndexError& e) {
    return fail(kCommand, e.what(), kExitIndex);
  }
  return status;
}

}  // namespace alcor
