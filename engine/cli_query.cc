// alcor query --index DIR --at TIME [--tz ZONE] [--window DURATION] --url URL|--url-prefix P|--url-regex RE
//             [--method M] [--status S] [--output ...]
// alcor query --index DIR --ip ADDR[/PREFIX] [--from TIME] [--to TIME] [--output ...]
#include <cstdio>

#include "engine/answer.h"
#include "engine/cli_common.h"
#include "engine/config.h"
#include "engine/output.h"
#include "engine/query.h"
#include "engine/time_input.h"

namespace alcor {
namespace {

constexpr std::string_view kCommand = "query";
constexpr std::string_view kSynopsis =
    "alcor query --index DIR --at TIME [--tz ZONE] [--window DURATION] --url URL|--url-prefix URL|--url-regex RE\n"
    "                  [--method M] [--status S] [--output jsonl|csv|table]\n"
    "       alcor query --index DIR --ip ADDR[/PREFIX] [--from TIME] [--to TIME] [--limit N] [--offset N]\n"
    "                  [--no-evidence] [--output jsonl|csv|table]";

}  // namespace

int cmd_query(const Args& args) {
  std::string index_dir, at, tz, window = "60s", url, url_prefix, url_regex, method, status, ip, from, to,
      output = "jsonl";
  uint64_t limit = 100, offset = 0;
  bool no_evidence = false;
  po::options_description desc("options");
  desc.add_options()
      ("index", po::value(&index_dir)->required(), "index directory")
      ("at", po::value(&at), "asked time: 2026-01-01T15:22:46+09:00, '2026-01-01 15:22:46' (see --tz), "
                             "'2026年1月1日 15時22分46秒 JST', 令和8年1月1日 15:22, 01/Jan/2026:15:22:46 +0900, epoch seconds")
      ("tz", po::value(&tz), "zone of an --at without offset (IANA name, e.g. Asia/Tokyo); default: tz in the "
                             "config ($ALCOR_CONFIG or DIR/config), else UTC with a warning")
      ("window", po::value(&window)->default_value("60s"), "match requests within +- this of --at (60s, 5m, ...)")
      ("url", po::value(&url), "full URL (https://host/path?query, selects the host) or path (/path?query)")
      ("url-prefix", po::value(&url_prefix), "like --url, but any path below it (at a '/' boundary)")
      ("url-regex", po::value(&url_regex), "RE2 pattern searched in the canonical /path?query "
                                           "(an https://host in front selects the host)")
      ("method", po::value(&method), "only requests with this method (GET, POST, ...)")
      ("status", po::value(&status), "only these statuses: 200, 2xx, 301,302, 400-499")
      ("ip", po::value(&ip), "client address or CIDR prefix (192.0.2.7, 198.51.100.0/24, 2001:db8::/48)")
      ("from", po::value(&from), "with --ip: not before this time")
      ("to", po::value(&to), "with --ip: not after this time")
      ("limit", po::value(&limit)->default_value(100), "with --ip: show at most N matches, in time order "
                                                      "(0: all); the total is always stated")
      ("offset", po::value(&offset)->default_value(0), "with --ip: skip the first N matches (the next page)")
      ("no-evidence", po::bool_switch(&no_evidence), "with --ip: fields as indexed, without reading each line "
                                                     "back from its source (fast; says it did not re-verify)")
      ("output", po::value(&output)->default_value("jsonl"), "jsonl, csv or table");
  po::positional_options_description positional;
  po::variables_map vm;
  if (auto code = parse_command_line(kCommand, kSynopsis, args, desc, positional, &vm)) return *code;

  auto format = parse_output_format(output);
  if (!format) return fail(kCommand, "--output: unknown format '" + output + "' (use jsonl, csv or table)", kExitUsage);
  const int url_options = !url.empty() + !url_prefix.empty() + !url_regex.empty();
  bool by_time = vm.count("at") || url_options > 0;
  bool by_ip = vm.count("ip") > 0;
  if (by_time == by_ip) {
    return fail(kCommand, "give either --at with --url, or --ip\nusage: " + std::string(kSynopsis), kExitUsage);
  }

  std::string error;
  InquiryText inquiry;
  AddressQuery address_query;
  if (by_time) {
    if (!vm.count("at")) return fail(kCommand, "--url needs --at TIME", kExitUsage);
    if (url_options == 0) return fail(kCommand, "--at needs --url URL (or --url-prefix, --url-regex)", kExitUsage);
    if (url_options > 1) return fail(kCommand, "give one of --url, --url-prefix, --url-regex", kExitUsage);
    if (vm.count("from") || vm.count("to")) return fail(kCommand, "--from/--to go with --ip; use --window with --at", kExitUsage);
    if (!vm["limit"].defaulted() || !vm["offset"].defaulted() || no_evidence) {
      return fail(kCommand, "--limit/--offset/--no-evidence go with --ip", kExitUsage);
    }
    inquiry.time = at;
    inquiry.window = window;
    inquiry.url = !url.empty() ? url : !url_prefix.empty() ? url_prefix : url_regex;
    inquiry.url_match = !url_prefix.empty() ? "prefix" : !url_regex.empty() ? "regex" : "exact";
    inquiry.method = method;
    inquiry.status = status;
  } else {
    if (vm.count("method") || vm.count("status") || vm.count("tz")) {
      return fail(kCommand, "--method/--status/--tz go with --at, not --ip", kExitUsage);
    }
    auto p = IpPrefix::parse(ip);
    if (!p) return fail(kCommand, "--ip: cannot read address or prefix '" + ip + "'", kExitUsage);
    address_query.prefix = *p;
    address_query.limit = limit;
    address_query.offset = offset;
    address_query.evidence = !no_evidence;
    for (auto [name, text, slot] : {std::tuple{"--from", &from, &address_query.from_us},
                                    std::tuple{"--to", &to, &address_query.to_us}}) {
      if (text->empty()) continue;
      auto t = parse_time_input(*text, &error);
      if (!t) return fail(kCommand, std::string(name) + ": " + error, kExitUsage);
      *slot = t->utc_us;
    }
  }

  Answer a;
  if (by_time) {
    auto zone = default_zone(index_dir, tz, &error);
    if (!error.empty()) return fail(kCommand, error, kExitUsage);
    a = read_inquiry(inquiry, zone);
    if (a.outcome() == Outcome::kError) {
      // Name the option the user typed, not the inquiry field.
      std::string option = a.error_field == "time" ? "at" : a.error_field;
      return fail(kCommand, "--" + option + a.error.substr(a.error_field.size()), kExitUsage);
    }
  }
  try {
    IndexReader index(index_dir);
    if (!by_time) {
      write_address_answer(stdout, stderr, find_address(index, address_query), address_query, *format);
      return kExitOk;
    }
    answer_inquiry(index, &a);
    warn_zone_assumed(kCommand, a);
    switch (*format) {
      case OutputFormat::kJsonl: write_all(stdout, answer_to_json(a, index) + "\n"); break;
      case OutputFormat::kCsv:
        write_answer_csv_header(stdout);
        write_answer_csv(stdout, a);
        break;
      case OutputFormat::kTable: write_answer_table(stdout, a); break;
    }
  } catch (const IndexError& e) {
    return fail(kCommand, e.what(), kExitIndex);
  }
  return kExitOk;
}

}  // namespace alcor
