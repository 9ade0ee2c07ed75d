// alcor query --index DIR --at TIME [--window DURATION] --url URL [--method M] [--output ...]
// alcor query --index DIR --ip ADDR[/PREFIX] [--from TIME] [--to TIME] [--output ...]
#include <cstdio>

#include "engine/cli_common.h"
#include "engine/output.h"
#include "engine/query.h"
#include "engine/time_input.h"

namespace alcor {
namespace {

constexpr std::string_view kCommand = "query";
constexpr std::string_view kSynopsis =
    "alcor query --index DIR --at TIME [--window DURATION] --url URL [--method M] [--output jsonl|csv|table]\n"
    "       alcor query --index DIR --ip ADDR[/PREFIX] [--from TIME] [--to TIME] [--output jsonl|csv|table]";

}  // namespace

int cmd_query(const Args& args) {
  std::string index_dir, at, window = "60s", url, method, ip, from, to, output = "jsonl";
  po::options_description desc("options");
  desc.add_options()
      ("index", po::value(&index_dir)->required(), "index directory")
      ("at", po::value(&at), "asked time: 2026-01-01T15:22:46+09:00, 01/Jan/2026:15:22:46 +0900 or epoch seconds")
      ("window", po::value(&window)->default_value("60s"), "match requests within +- this of --at (60s, 5m, ...)")
      ("url", po::value(&url), "full URL (https://host/path?query) or path (/path?query)")
      ("method", po::value(&method), "only requests with this method (GET, POST, ...)")
      ("ip", po::value(&ip), "client address or CIDR prefix (192.0.2.7, 198.51.100.0/24, 2001:db8::/48)")
      ("from", po::value(&from), "with --ip: not before this time")
      ("to", po::value(&to), "with --ip: not after this time")
      ("output", po::value(&output)->default_value("jsonl"), "jsonl, csv or table");
  po::positional_options_description positional;
  po::variables_map vm;
  if (auto code = parse_command_line(kCommand, kSynopsis, args, desc, positional, &vm)) return *code;

  auto format = parse_output_format(output);
  if (!format) return fail(kCommand, "--output: unknown format '" + output + "' (use jsonl, csv or table)", kExitUsage);
  bool by_time = vm.count("at") || vm.count("url");
  bool by_ip = vm.count("ip") > 0;
  if (by_time == by_ip) {
    return fail(kCommand, "give either --at with --url, or --ip\nusage: " + std::string(kSynopsis), kExitUsage);
  }

  std::string error;
  TimeUrlQuery time_query;
  AddressQuery address_query;
  if (by_time) {
    if (!vm.count("at")) return fail(kCommand, "--url needs --at TIME", kExitUsage);
    if (!vm.count("url")) return fail(kCommand, "--at needs --url URL", kExitUsage);
    if (vm.count("from") || vm.count("to")) return fail(kCommand, "--from/--to go with --ip; use --window with --at", kExitUsage);
    auto t = parse_time_input(at, &error);
    if (!t) return fail(kCommand, "--at: " + error, kExitUsage);
    auto w = parse_duration(window, &error);
    if (!w) return fail(kCommand, "--window: " + error, kExitUsage);
    auto u = parse_query_url(url, &error);
    if (!u) return fail(kCommand, "--url: " + error, kExitUsage);
    time_query = TimeUrlQuery{t->utc_us, *w, std::move(*u), method};
  } else {
    if (vm.count("url") || vm.count("method")) return fail(kCommand, "--url/--method go with --at, not --ip", kExitUsage);
    auto p = IpPrefix::parse(ip);
    if (!p) return fail(kCommand, "--ip: cannot read address or prefix '" + ip + "'", kExitUsage);
    address_query.prefix = *p;
    for (auto [name, text, slot] : {std::tuple{"--from", &from, &address_query.from_us},
                                    std::tuple{"--to", &to, &address_query.to_us}}) {
      if (text->empty()) continue;
      auto t = parse_time_input(*text, &error);
      if (!t) return fail(kCommand, std::string(name) + ": " + error, kExitUsage);
      *slot = t->utc_us;
    }
  }

  try {
    IndexReader index(index_dir);
    std::vector<Hit> hits = by_time ? find_time_url(index, time_query) : find_address(index, address_query);
    write_hits(stdout, hits, *format);
  } catch (const IndexError& e) {
    return fail(kCommand, e.what(), kExitIndex);
  }
  return kExitOk;
}

}  // namespace alcor
