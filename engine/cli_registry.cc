// alcor registry import|list and alcor whois: argument glue around the
// registry importers, database and lookup.
#include <boost/program_options.hpp>
#include <ctime>
#include <iostream>
#include <memory>
#include <map>

#include "engine/commands.h"
#include "engine/registry_lookup.h"
#include "engine/registry_report.h"
#include "index/registry_db.h"
#include "parsers/registry_source.h"

namespace alcor {
namespace po = boost::program_options;
using namespace registry;

namespace {

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Parses `args`; prints help and returns kExitOk, or prints the error naming
// the argument and returns kExitUsage; returns -1 to go on.
int parse_args(const char* cmd, const Args& args, const po::options_description& opts,
               const po::positional_options_description& pos, po::variables_map* vm,
               const char* synopsis) {
  try {
    po::store(po::command_line_parser(args).options(opts).positional(pos).run(), *vm);
    if (vm->count("help")) {
      std::cout << "usage: alcor " << cmd << " " << synopsis << "\n\n" << opts;
      return kExitOk;
    }
    po::notify(*vm);
  } catch (const po::error& e) {
    std::cerr << "alcor " << cmd << ": " << e.what() << "\nusage: alcor " << cmd << " " << synopsis << "\n";
    return kExitUsage;
  }
  return -1;
}

int import_files(const std::string& db, const std::vector<std::string>& files, const ImportOptions& options) {
  RegistryLock lock(db);
  RegistryData data = load_registry(db);
  int failed = 0, added = 0;
  for (const auto& path : files) {
    try {
      RegistryFile file = read_registry_file(path);
      if (int existing = data.find_snapshot(file.sha256); existing >= 0) {
        std::cout << path << ": already imported (same SHA-256 as "
                  << data.snapshots[existing].file_name << "), skipped\n";
        continue;
      }
      ImportBatch batch = parse_registry_file(file, options);
      uint32_t id = data.add(std::move(batch), path, file.sha256, utc_now());
      const Snapshot& s = data.snapshots[id];
      std::cout << path << ": imported as " << to_string(s.kind) << ": " << s.networks
                << " networks, " << s.contacts << " contacts, " << s.book_entries
                << " address-book rows; data of " << s.data_date << " (" << s.date_origin
                << "); sha256 " << s.sha256 << "\n";
      ++added;
    } catch (const ParseError& e) {
      std::cerr << "alcor registry import: " << path << ": " << e.what() << " (nothing imported from it)\n";
      ++failed;
    } catch (const std::exception& e) {  // a bug must not cost the other files
      std::cerr << "alcor registry import: " << path << ": unexpected error: " << e.what()
                << " (nothing imported from it)\n";
      ++failed;
    }
  }
  if (added) save_registry(db, data);
  std::cout << added << " file(s) imported, " << failed << " rejected\n";
  return failed ? kExitInput : kExitOk;
}

int list_snapshots(const std::string& db) {
  RegistryData data = load_registry(db);
  for (const auto& s : data.snapshots) {
    std::cout << s.data_date << "  " << to_string(s.kind) << "  " << s.file_name << "  sha256 " << s.sha256
              << "  (" << s.networks << " networks, " << s.contacts << " contacts, " << s.book_entries
              << " rows; date from " << s.date_origin << "; imported " << s.imported_at << ")\n";
  }
  return kExitOk;
}

}  // namespace

int cmd_registry(const Args& args) {
  const char* synopsis = "import --db DIR [--kind KIND] [--no-count-check] FILE... | list --db DIR";
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help")
      ("db", po::value<std::string>()->required(), "registry database directory (created if absent)")
      ("kind", po::value<std::string>(),
       "read every FILE as this kind instead of recognising it: "
       "delegated-stats, rpsl, jpnic, rdap, address-book")
      ("no-count-check", "accept RIR statistics whose version line counts more records than the "
                         "file holds (hand-made excerpts)")
      ("action", po::value<std::string>()->required(), "import or list")
      ("file", po::value<std::vector<std::string>>(), "registry files");
  po::positional_options_description pos;
  pos.add("action", 1).add("file", -1);
  po::variables_map vm;
  if (int rc = parse_args("registry", args, opts, pos, &vm, synopsis); rc >= 0) return rc;

  const std::string action = vm["action"].as<std::string>();
  const std::string db = vm["db"].as<std::string>();
  ImportOptions options;
  options.check_record_count = !vm.count("no-count-check");
  if (vm.count("kind")) {
    options.kind = source_kind_from_string(vm["kind"].as<std::string>());
    if (!options.kind) {
      std::cerr << "alcor registry: --kind: unknown kind '" << vm["kind"].as<std::string>()
                << "' (delegated-stats, rpsl, jpnic, rdap, address-book)\n";
      return kExitUsage;
    }
  }
  try {
    if (action == "list") return list_snapshots(db);
    if (action != "import") {
      std::cerr << "alcor registry: unknown action '" << action << "' (import or list)\n";
      return kExitUsage;
    }
    if (!vm.count("file")) {
      std::cerr << "alcor registry import: no FILE given\n";
      return kExitUsage;
    }
    return import_files(db, vm["file"].as<std::vector<std::string>>(), options);
  } catch (const RegistryDbError& e) {
    std::cerr << "alcor registry: " << db << ": " << e.what() << "\n";
    return kExitInput;
  }
}

int cmd_whois(const Args& args) {
  const char* synopsis = "--db DIR [--output text|jsonl] IP... ('-' reads addresses from stdin)";
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help")
      ("db", po::value<std::string>()->required(), "registry database directory")
      ("output", po::value<std::string>()->default_value("text"), "text or jsonl")
      ("ip", po::value<std::vector<std::string>>()->required(), "addresses to look up");
  po::positional_options_description pos;
  pos.add("ip", -1);
  po::variables_map vm;
  if (int rc = parse_args("whois", args, opts, pos, &vm, synopsis); rc >= 0) return rc;
  const std::string output = vm["output"].as<std::string>();
  if (output != "text" && output != "jsonl") {
    std::cerr << "alcor whois: --output: expected 'text' or 'jsonl', got '" << output << "'\n";
    return kExitUsage;
  }
  // Command-line addresses are arguments (a typo is a usage error); stdin
  // lines are input (bad ones are reported and counted).
  std::vector<std::pair<std::string, bool>> queries;  // text, from stdin
  for (const auto& ip : vm["ip"].as<std::vector<std::string>>()) {
    if (ip == "-") {
      for (std::string line; std::getline(std::cin, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) queries.emplace_back(line, true);
      }
    } else if (!parse_ip(ip)) {
      std::cerr << "alcor whois: not an IP address: '" << ip << "'\n";
      return kExitUsage;
    } else {
      queries.emplace_back(ip, false);
    }
  }
  std::unique_ptr<RegistryIndex> index;
  try {
    index = std::make_unique<RegistryIndex>(load_registry(vm["db"].as<std::string>()));
  } catch (const RegistryDbError& e) {
    std::cerr << "alcor whois: " << vm["db"].as<std::string>() << ": " << e.what() << "\n";
    return kExitInput;
  }
  if (index->data().snapshots.empty()) {
    std::cerr << "alcor whois: " << vm["db"].as<std::string>()
              << ": no registry data imported yet (alcor registry import)\n";
    return kExitInput;
  }
  // A batch names each distinct address once: look it up once.
  std::map<IpAddress, std::string> answered;
  int bad = 0;
  for (const auto& [text, from_stdin] : queries) {
    auto ip = parse_ip(text);
    if (!ip) {
      std::cerr << "alcor whois: stdin: not an IP address: '" << text << "'\n";
      ++bad;
      continue;
    }
    auto [it, fresh] = answered.try_emplace(*ip);
    if (fresh) {
      WhoisAnswer a = index->whois(*ip);
      it->second = output == "jsonl" ? format_whois_json(a) + "\n" : format_whois_text(a) + "\n";
    }
    std::cout << it->second;
  }
  return bad ? kExitInput : kExitOk;
}

}  // namespace alcor
