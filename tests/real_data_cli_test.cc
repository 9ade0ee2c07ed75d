// `alcor index` over every folder of ../shared/data/real (skipped when
// absent): each folder's files index with format auto-detection (or the
// format SOURCE.md names where no preset can know it), the share of lines
// indexed per folder is reported, and the lines left unindexed are exactly
// the damaged or foreign ones the folder's entry below names.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

#include "tests/real_data_formats.h"
#include "tests/test_support.h"

namespace alcor {
namespace {

struct Folder {
  const char* name;
  // Lines of indexed files that are not records, by reason: damaged or
  // foreign lines (see each entry's comment), W3C directives ("header"),
  // blank lines ("empty").
  std::map<std::string, uint64_t> rejected = {};
  // Files no format reads (detection reports them, nothing is indexed),
  // relative to the folder.
  std::vector<std::string> unread = {};
  const char* format = "auto";   // as SOURCE.md names it, when no preset fits
  const char* config = nullptr;  // nginx.conf excerpt passed with --config
  // Files (a regex over the path relative to the folder) indexed with a
  // format of their own: fixtures whose foreign lines outnumber their
  // records, or whose format is one file's own.
  std::vector<std::pair<std::string, std::string>> per_file = {};
  const char* tz = nullptr;  // --tz for times logged without an offset
};

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// The folder's files (recursively), SOURCE.md aside, relative to it.
std::vector<std::string> files_of(const std::filesystem::path& dir) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename() != "SOURCE.md") {
      files.push_back(std::filesystem::relative(e.path(), dir).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The files the summary on stderr reports FAILED, relative to `dir`.
std::vector<std::string> failed_files(const std::string& err, const std::filesystem::path& dir) {
  std::vector<std::string> failed;
  std::istringstream lines(err);
  const std::string prefix = dir.string() + "/";
  for (std::string line; std::getline(lines, line);) {
    const size_t at = line.find("FAILED ");
    if (at == std::string::npos) continue;
    std::string path = line.substr(line.find_first_not_of(' ', at + 7));
    path = path.substr(0, path.find(": "));
    if (path.starts_with(prefix)) path = path.substr(prefix.size());
    failed.push_back(path);
  }
  std::sort(failed.begin(), failed.end());
  return failed;
}

void PrintTo(const Folder& f, std::ostream* os) { *os << f.name; }

class RealDataIndex : public ::testing::TestWithParam<Folder> {};

TEST_P(RealDataIndex, EveryFileIndexesExceptTheLinesNamed) {
  const std::filesystem::path real = testing::shared_real_dir();
  if (real.empty()) GTEST_SKIP() << "../shared/data/real is not present";
  const Folder& f = GetParam();
  const std::filesystem::path dir = std::filesystem::canonical(real / f.name);
  std::map<std::string, std::string> files_by_format;  // format -> quoted paths
  for (const std::string& file : files_of(dir)) {
    std::string format = f.format;
    for (const auto& [pattern, own] : f.per_file) {
      if (std::regex_match(file, std::regex(pattern))) format = own;
    }
    files_by_format[format] += " " + shell_quote((dir / file).string());
  }
  testing::TempDir tmp;
  const std::string index = " --index " + shell_quote((tmp / "idx").string());
  std::string config;
  if (f.tz != nullptr) config += " --tz " + shell_quote(f.tz);
  if (f.config != nullptr) {
    testing::write_file(tmp / "nginx.conf", f.config);
    config += " --config " + shell_quote((tmp / "nginx.conf").string());
  }
  std::string out, err, errs;
  for (const auto& [format, files] : files_by_format) {
    const int code = testing::run_command(
        std::string(ALCOR_BINARY) + " index --no-progress" + index + " --format " + shell_quote(format) + config + files,
        &out, &err);
    // A file no format reads fails alone, and the run says so in its code.
    ASSERT_EQ(code, err.find("FAILED") == std::string::npos ? 0 : 2) << err;
    errs += err;
  }
  err = errs;
  std::vector<std::string> unread = f.unread;
  std::sort(unread.begin(), unread.end());
  EXPECT_EQ(failed_files(err, dir), unread) << err;
  ASSERT_EQ(testing::run_command(std::string(ALCOR_BINARY) + " stats --output json" + index, &out, &err), 0);

  simdjson::dom::parser parser;
  simdjson::padded_string padded(out);
  simdjson::dom::element m = parser.parse(padded);
  uint64_t lines = 0, records = 0;
  std::map<std::string, uint64_t> rejected;
  std::string per_file;  // the files with lines left out, and why
  for (simdjson::dom::element s : simdjson::dom::array(m["sources"])) {
    lines += uint64_t(s["lines"]);
    records += uint64_t(s["span"]["records"]);
    std::string file_reasons;
    for (auto [reason, n] : simdjson::dom::object(s["rejected"])) {
      rejected[std::string(reason)] += uint64_t(n);
      file_reasons += (file_reasons.empty() ? "" : ", ") + std::string(reason) + " " + std::to_string(uint64_t(n));
    }
    const std::string path{std::string_view(s["path"])};
    if (!file_reasons.empty()) per_file += "    " + path.substr(dir.string().size() + 1) + ": " + file_reasons + "\n";
  }
  std::string reasons;
  for (const auto& [reason, n] : rejected) reasons += (reasons.empty() ? ": " : ", ") + reason + " " + std::to_string(n);
  std::cout << "[ real data ] " << f.name << ": " << records << " of " << lines << " lines indexed ("
            << (lines ? 100.0 * double(records) / double(lines) : 0.0) << "%)" << reasons
            << (unread.empty() ? "" : "; " + std::to_string(unread.size()) + " files no format reads") << "\n"
            << per_file;
  EXPECT_GT(records, 0u);
  EXPECT_EQ(rejected, f.rejected) << err;
  uint64_t rejected_lines = 0;
  for (const auto& [reason, n] : rejected) rejected_lines += n;
  EXPECT_EQ(lines - records, rejected_lines);  // every line not indexed is counted under a reason
}

// A folder's name as a test name (letters, digits and '_').
std::string test_name(std::string folder) {
  for (char& c : folder) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return folder;
}

std::string short_name(const ::testing::TestParamInfo<Folder>& info) { return test_name(info.param.name); }

using testing::kLpnuCombinedXff;
using testing::kMatomoNginxJson;
using testing::kNetneaExtended;
using testing::kNetneaLabor06;
using testing::kNetneaTutorial8;
using testing::kPrivateIsuJson;

INSTANTIATE_TEST_SUITE_P(
    Apache, RealDataIndex,
    ::testing::Values(
        // Lines 16437 and 16623: a record cut inside its User-Agent with the
        // next record written straight after it.
        Folder{.name = "srhegdegadikai_apache_2005_2018", .rejected = {{"format", 2}}},
        // The four lines the repository owner appended to access.log.1 (a
        // combined line with a trailing "-", a common line, one with extra
        // fields, an empty line); the empty file is indexed with 0 lines.
        Folder{.name = "lovecoding_apache_vhosts", .rejected = {{"format", 2}, {"truncated", 1}, {"empty", 1}}},
        Folder{.name = "lpnu_lab_apache_2009", .rejected = {{"truncated", 1}}, .format = kLpnuCombinedXff},  // line 31: UA cut
        Folder{.name = "1geek0_weblog_apache"},
        Folder{.name = "elastic_examples_apache_logs", .rejected = {{"truncated", 1}}},  // line 8899: UA without its closing quote
        Folder{.name = "logparser_hackers_access"},
        Folder{.name = "dmjacas_apache_vhosts"},
        Folder{.name = "chandra729_theglobalreport_apache"},  // duplicated rotations are skipped
        // The author's pseudonymisation left four addresses that are none
        // ("4.83.226.437") in labor-04.
        Folder{.name = "netnea_apache_tutorials",
               .rejected = {{"bad_address", 4}},
               .format = kNetneaExtended,
               .per_file = {{"labor-06.*", kNetneaLabor06}, {"tutorial-8.*", kNetneaTutorial8}},
               .tz = "Europe/Zurich"}),
    short_name);

constexpr const char* kIsuconConfig =
    R"(http {
    log_format with_time '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
                         '"$http_referer" "$http_user_agent" $request_time';
    access_log /var/log/nginx/access.log with_time;
})";

INSTANTIATE_TEST_SUITE_P(
    OtherServers, RealDataIndex,
    ::testing::Values(
        Folder{.name = "ajitmp_nginx"},
        Folder{.name = "elastic_nginx_logs_via_turbohoje"},
        // Not in SOURCE.md: 644 lines of access.log are nginx `main` (one
        // balancer's health checks with "$http_x_forwarded_for"): mixed.
        Folder{.name = "poufy_nginx_behind_elb"},
        Folder{.name = "dadosgovpe_nginx"},  // main and combined interleaved: mixed
        // Not in SOURCE.md: access.log.20160918_135654 switches from
        // combined to the config's with_time at line 44: mixed.
        Folder{.name = "feedforce_isucon_nginx", .config = kIsuconConfig},
        Folder{.name = "private_isu_nginx_json", .format = kPrivateIsuJson},
        // TCP-mode "Connect from" lines and server UP/DOWN messages.
        Folder{.name = "no7dw_haproxy_httplog", .rejected = {{"format", 119}}},
        Folder{.name = "raravena80_haproxy_httplog"},
        Folder{.name = "ozantunca_aws_elb"},
        Folder{.name = "misc_small_real_logs"}),
    short_name);

// Format-coverage fixtures: many formats, each file detected on its own, or
// given its format where its foreign lines outnumber its records.
INSTANTIATE_TEST_SUITE_P(
    Fixtures, RealDataIndex,
    ::testing::Values(
        // apache2-logs: two Apache error-log lines (bad_timestamp: "[Thu Oct
        // 13 ...]" is no %t) and a common line among combined ones
        // (truncated). caddy-logs: a reverse_proxy debug line and a blank
        // line. nginx-proxy-manager: one combined line and two error-log
        // lines among `proxy` and `standard`. nginx_http-logs: a line
        // without %l and an error-log line. npmplus: two error-log lines.
        // traefik_clf: two blank lines. traefik_json: a plugin's debug line.
        // litespeed: two LiteSpeed error-log lines. haproxy-logs: SSL
        // handshake failures and a heartbeat-attack notice. Unread:
        // base-upsun is a journald JSON envelope around an nginx syslog
        // line, iis-xml a Windows event record.
        Folder{.name = "crowdsec_hub_test_fixtures",
               .rejected = {{"bad_timestamp", 4}, {"empty", 4}, {"format", 12}, {"truncated", 1}},
               .unread = {"base-upsun-httplog-logs/base-upsun-httplog-logs.log", "iis-xml-logs/iis-logs.log"},
               .per_file = {{"haproxy-logs/.*", "haproxy_httplog"}, {"litespeed-logs/.*", "combined"}}},
        // Hand-edited filebeat fixtures: X-Forwarded-For lists and "unix:"
        // in the client field (bad_address), lines of other shapes (format),
        // nine haproxy lines with "-" as client, two IIS lines that follow
        // an earlier #Fields layout (bad_port), IIS directives (header).
        Folder{.name = "elastic_beats_filebeat_fixtures",
               .rejected = {{"bad_address", 14}, {"bad_port", 2}, {"format", 5}, {"header", 16}},
               .per_file = {{".*/haproxy/.*", "haproxy_httplog"},
                            {".*/nginx/access/test/test.log", "mixed:\nnginx_combined\nnginx_main"}}},
        // lnav's own bad input: a line without %l %u, haproxy start-up
        // messages, Caddy start-up messages around its access lines, a
        // CSV-quoted W3C substatus; W3C directives and blank lines. Unread:
        // syslog-wrapped lines whose only time is the syslog stamp (no year),
        // and a W3C line with more values than its #Fields.
        Folder{.name = "lnav_test_logs",
               .rejected = {{"bad_number", 1}, {"empty", 3}, {"format", 40}, {"header", 74}},
               .unread = {"logfile_syslog_with_access_log.0", "logfile_w3c.5"},
               .per_file = {{"logfile_caddy_log.0", "compose:caddy"},
                            {"logfile_regexp_access_log.0",
                             R"(%v:%p %h %{session}e %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %{elapsed}e)"}}},
        // W3C directives and blank lines; elb.log's "#" comment; a
        // logs_to_tests.log comment and blank line. The formats only one
        // file uses are given to it.
        Folder{.name = "matomo_log_analytics_fixtures",
               .rejected = {{"empty", 4}, {"format", 2}, {"header", 24}},
               .per_file = {{"custom_regex_custom_date.log", R"(%h %l %u [%{%B - %d, %Y:%H:%M:%S}t] "%r" %>s %b)"},
                            {"gandi.log", R"(%v %h %l %u %t (%T s) "%r" %>s %b "%{Referer}i" "%{User-Agent}i")"},
                            // Icecast appends the seconds connected, which
                            // auto would read as a client port.
                            {"icecast2.log", R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %T)"},
                            {"nginx_json.log", kMatomoNginxJson},
                            {"s3.log",
                             R"(%{owner}e %v %t %a %u %{request_id}e %{operation}e %{key}e "%r" %>s %{error}e %b )"
                             R"(%{object_size}e %{ms}T %{turnaround}e "%{Referer}i" "%{User-Agent}i")"}}},
        // Every data line follows a "# failJSON" annotation (format), with
        // blank lines between; nginx-botsearch also holds six nginx
        // error-log lines. Unread: apache-noscript,
        // apache-overflows and apache-shellshock are Apache error logs,
        // openhab logs French month names ("sept."), apache-fakegooglebot
        // fail2ban's own "[31/Jan/2015:14:29:44 ]" lines.
        Folder{.name = "fail2ban_test_fixtures",
               .rejected = {{"empty", 31}, {"format", 49}},
               .unread = {"apache-fakegooglebot", "apache-noscript", "apache-overflows", "apache-shellshock",
                          "openhab"},
               .per_file = {{"apache-pass", R"(%h %l %u [%{%d/%b/%Y:%H:%M:%S}t] "%r" %>s %b "%{Referer}i" "%{User-Agent}i")"},
                            {"nginx-botsearch", "nginx_main"},
                            {"traefik-auth", "traefik_clf"}}}),
    short_name);

// Every folder of ../shared/data/real has its entry above.
TEST(RealDataIndexCoverage, EveryFolderIsListed) {
  const std::filesystem::path real = testing::shared_real_dir();
  if (real.empty()) GTEST_SKIP() << "../shared/data/real is not present";
  std::set<std::string> folders;
  for (const auto& e : std::filesystem::directory_iterator(real)) {
    if (e.is_directory()) folders.insert(e.path().filename().string());
  }
  const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
  std::set<std::string> tested;
  for (int i = 0; i < unit.total_test_suite_count(); ++i) {
    const ::testing::TestSuite& suite = *unit.GetTestSuite(i);
    if (std::string_view(suite.name()).find("RealDataIndex") == std::string_view::npos) continue;
    for (int j = 0; j < suite.total_test_count(); ++j) {
      const std::string name = suite.GetTestInfo(j)->name();
      tested.insert(name.substr(name.find('/') + 1));
    }
  }
  for (const std::string& folder : folders) {
    EXPECT_EQ(tested.count(test_name(folder)), 1u) << folder << " has no entry in real_data_cli_test.cc";
  }
}

}  // namespace
}  // namespace alcor
