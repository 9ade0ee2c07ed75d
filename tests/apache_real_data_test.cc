// Every Apache-format file of ../shared/data/real, parsed with the format its
// SOURCE.md names. Each folder's expected rejects are the damaged or foreign
// lines its SOURCE.md describes; everything else must parse.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "parsers/format_registry.h"
#include "tests/test_support.h"

namespace alcor {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shared_real_dir;

constexpr const char* kNetneaExtended =
    R"(%h %{GEOIP_COUNTRY_CODE}e %u [%{%Y-%m-%d %H:%M:%S}t.%{usec_frac}t] "%r" %>s %b "%{Referer}i" )"
    R"("%{User-Agent}i" %v %A %p %R %{BALANCER_WORKER_ROUTE}e %X "%{cookie}n" %{UNIQUE_ID}e )"
    R"(%{SSL_PROTOCOL}x %{SSL_CIPHER}x %I %O %{ratio}n%% %D %{ModSecTimeIn}e %{ApplicationTime}e )"
    R"(%{ModSecTimeOut}e %{ModSecAnomalyScoreIn}e %{ModSecAnomalyScoreOut}e)";
constexpr const char* kNetneaLabor06 =
    R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %v %A %p %R %{BALANCER_WORKER_ROUTE}e %X )"
    R"("%{cookie}n" %{UNIQUE_ID}e %I %O %{ratio}n%% %D %{ModSecTimeIn}e %{ApplicationTime}e )"
    R"(%{ModSecTimeOut}e %{ModSecAnomalyScoreIn}e %{ModSecAnomalyScoreOut}e)";
constexpr const char* kNetneaTutorial8 =
    R"(%h %{GEOIP_COUNTRY_CODE}e %u [%{%Y-%m-%d %H:%M:%S}t.%{usec_frac}t] "%r" %>s %b "%{Referer}i" )"
    R"("%{User-Agent}i" "%{Content-Type}i" %{remote}p %v %A %p %R %{BALANCER_WORKER_ROUTE}e %X )"
    R"("%{cookie}n" %{UNIQUE_ID}e %{SSL_PROTOCOL}x %{SSL_CIPHER}x %I %O %{ratio}n%% %D %{ModSecTimeIn}e )"
    R"(%{ApplicationTime}e %{ModSecTimeOut}e %{ModSecAnomalyScoreInPLs}e %{ModSecAnomalyScoreOutPLs}e )"
    R"(%{ModSecAnomalyScoreIn}e %{ModSecAnomalyScoreOut}e)";

struct FileRule {
  std::string name_regex;  // files of the folder this rule covers
  std::string format;
  std::string tz;
};

struct Folder {
  std::string name;
  std::vector<FileRule> rules;
  // "file:reason" -> count of rejected lines SOURCE.md explains.
  std::map<std::string, size_t> expected_rejects;
};

std::string decompressed(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext != ".gz" && ext != ".zst") return testing::read_file(p);
  std::string out;
  const std::string tool = ext == ".gz" ? "gzip -dc " : "zstd -dc ";
  EXPECT_EQ(run_command(tool + "'" + p.string() + "'", &out), 0) << p;
  return out;
}

std::vector<std::string_view> split_lines(std::string_view data) {
  std::vector<std::string_view> lines;
  while (!data.empty()) {
    const size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
  }
  return lines;
}

const std::vector<Folder>& folders() {
  static const std::vector<Folder> kFolders = {
      // Not in SOURCE.md: lines 16437 and 16623 are each a record cut inside
      // its User-Agent with the next record written straight after it.
      {"srhegdegadikai_apache_2005_2018", {{".*", "combined", ""}}, {{"access.log.zst:format", 2}}},
      {"dmjacas_apache_vhosts",
       {{"other_vhosts_access.*", "vhost_combined", ""}, {"access.*", "combined", ""}},
       {}},
      {"lovecoding_apache_vhosts",
       {{"other_vhosts_access.*", "vhost_combined", ""}, {"access.*", "combined", ""}},
       // The four lines appended to access.log.1 by the repository owner:
       // combined + a trailing "-", a common-format line, a line with extra
       // fields, and an empty line.
       {{"access.log.1:format", 2}, {"access.log.1:truncated", 1}, {"access.log.1:empty", 1}}},
      {"1geek0_weblog_apache", {{".*", "combined", ""}}, {}},
      {"chandra729_theglobalreport_apache", {{".*", "combined", ""}}, {}},
      // Line 8899: the User-Agent has no closing quote.
      {"elastic_examples_apache_logs", {{".*", "combined", ""}}, {{"apache_logs.zst:truncated", 1}}},
      {"logparser_hackers_access", {{".*", "combined", ""}}, {}},
      // Line 31: User-Agent cut, no closing quote and no trailing field.
      {"lpnu_lab_apache_2009",
       {{".*", R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" "%{X-Forwarded-For}i")", ""}},
       {{"access.log.txt.zst:truncated", 1}}},
      // The servers ran in Switzerland (netnea, Bern). The author rewrote
      // the client addresses; four came out as no address ("4.83.226.437").
      {"netnea_apache_tutorials",
       {{"labor-06.*", kNetneaLabor06, ""},
        {"tutorial-8.*", kNetneaTutorial8, "Europe/Zurich"},
        {".*", kNetneaExtended, "Europe/Zurich"}},
       {{"labor-04-example-access.log.zst:bad_address", 4}}},
  };
  return kFolders;
}

TEST(ApacheRealData, EveryFileParsesExceptTheLinesSourceMdNames) {
  const fs::path root = shared_real_dir();
  if (root.empty()) GTEST_SKIP() << "../shared/data/real is absent";
  for (const Folder& folder : folders()) {
    SCOPED_TRACE(folder.name);
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(root / folder.name)) {
      if (e.path().filename() != "SOURCE.md") files.push_back(e.path());
    }
    ASSERT_FALSE(files.empty());
    std::sort(files.begin(), files.end());
    size_t total = 0, parsed = 0;
    std::map<std::string, size_t> rejects;
    for (const fs::path& file : files) {
      const std::string name = file.filename().string();
      const FileRule* rule = nullptr;
      for (const FileRule& r : folder.rules) {
        if (std::regex_match(name, std::regex(r.name_regex))) {
          rule = &r;
          break;
        }
      }
      ASSERT_NE(rule, nullptr) << name;
      std::string error;
      auto parser = make_parser(rule->format, ParseOptions{rule->tz, ""}, &error);
      ASSERT_NE(parser, nullptr) << error;
      const std::string data = decompressed(file);
      LogRecord rec;
      size_t line_no = 0;
      for (std::string_view line : split_lines(data)) {
        ++line_no;
        ++total;
        const RejectReason r = parser->parse(line, &rec);
        if (r == RejectReason::kNone) {
          ++parsed;
          EXPECT_NE(rec.client_kind, ClientKind::kMissing) << name << ":" << line_no;
          continue;
        }
        ++rejects[name + ":" + std::string(reject_reason_name(r))];
        std::cout << "  rejected " << folder.name << "/" << name << ":" << line_no << " ("
                  << reject_reason_name(r) << "): " << line.substr(0, 160) << "\n";
      }
    }
    std::cout << folder.name << ": parsed " << parsed << "/" << total << "\n";
    EXPECT_EQ(rejects, folder.expected_rejects);
  }
}

}  // namespace
}  // namespace alcor
