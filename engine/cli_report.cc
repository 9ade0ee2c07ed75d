// alcor report [--format md|html] [--db DIR] [--proxy CIDR]... [--title TEXT] ANSWERS...|-
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include "engine/cli_common.h"
#include "engine/output.h"
#include "engine/registry_lookup.h"
#include "engine/report.h"
#include "index/registry_db.h"

namespace alcor {
namespace {

constexpr std::string_view kCommand = "report";
constexpr std::string_view kSynopsis =
    "alcor report [--format md|html] [--db DIR] [--proxy CIDR]... [--title TEXT] ANSWERS.jsonl...|-";

}  // namespace

int cmd_report(const Args& args) {
  std::string format = "md", db, title;
  std::vector<std::string> files, proxies;
  po::options_description desc("options");
  desc.add_options()
      ("format", po::value(&format)->default_value("md"), "md (Markdown) or html (standalone page)")
      ("db", po::value(&db), "registry database (alcor registry import): names each address's access provider")
      ("proxy", po::value(&proxies)->composing(), "a known proxy or load balancer (CIDR, repeatable or comma-separated)")
      ("title", po::value(&title), "document title")
      ("answers", po::value(&files)->composing(), "answers: output of alcor batch or alcor query --at (JSON Lines); - for stdin");
  po::positional_options_description positional;
  positional.add("answers", -1);
  po::variables_map vm;
  if (auto code = parse_command_line(kCommand, kSynopsis, args, desc, positional, &vm)) return *code;
  if (format != "md" && format != "html") return fail(kCommand, "--format: use md or html", kExitUsage);
  if (files.empty()) return fail(kCommand, "give the answers file(s), or - for stdin\nusage: " + std::string(kSynopsis), kExitUsage);

  ReportOptions options;
  if (!title.empty()) options.title = title;
  for (const std::string& list : proxies) {
    std::string_view rest = list;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      auto p = IpPrefix::parse(item);
      if (!p) return fail(kCommand, "--proxy: cannot read '" + std::string(item) + "' as an address or CIDR", kExitUsage);
      options.proxies.push_back(*p);
    }
  }
  std::unique_ptr<registry::RegistryIndex> registry;
  if (!db.empty()) {
    try {
      registry = std::make_unique<registry::RegistryIndex>(registry::load_registry(db));
    } catch (const registry::RegistryDbError& e) {
      return fail(kCommand, db + ": " + e.what(), kExitInput);
    }
    options.registry = registry.get();
  }

  std::string answers;
  for (const std::string& f : files) {
    if (f == "-") {
      answers.append(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
      continue;
    }
    std::ifstream in(f, std::ios::binary);
    if (!in) return fail(kCommand, "cannot read " + f, kExitUsage);
    answers.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!answers.empty() && answers.back() != '\n') answers.push_back('\n');
  }
  try {
    Document doc = build_report(answers, options);
    write_all(stdout, format == "html" ? doc.html(options.title) : doc.markdown());
  } catch (const std::runtime_error& e) {
    return fail(kCommand, e.what(), kExitInput);
  }
  return kExitOk;
}

}  // namespace alcor
