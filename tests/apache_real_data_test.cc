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
#include "tests/real_data_formats.h"
#include "tests/real_data_support.h"

namespace alcor {
namespace {

namespace fs = std::filesystem;
using testing::check_real_folder;
using testing::kLpnuCombinedXff;
using testing::kNetneaExtended;
using testing::kNetneaLabor06;
using testing::kNetneaTutorial8;
using testing::decompressed;
using testing::RealFolder;
using testing::shared_real_dir;
using testing::split_lines;

const std::vector<RealFolder>& folders() {
  static const std::vector<RealFolder> kFolders = {
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
       {{".*", kLpnuCombinedXff, ""}},
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
  if (shared_real_dir().empty()) GTEST_SKIP() << "../shared/data/real is absent";
  for (const RealFolder& folder : folders()) check_real_folder(folder);
}


// Values, not just acceptance: the oddities each SOURCE.md names.
class ApacheRealLines : public ::testing::Test {
 protected:
  void SetUp() override {
    if (shared_real_dir().empty()) GTEST_SKIP() << "../shared/data/real is absent";
  }

  // Parses every line of one file; returns the parsed records' lines by
  // 1-based number through `fn(number, record)`.
  template <typename Fn>
  void parse_file(const std::string& rel, std::string_view spec, const std::string& tz, Fn&& fn) {
    std::string error;
    auto parser = make_parser(spec, ParseOptions{tz, ""}, &error);
    ASSERT_NE(parser, nullptr) << error;
    const std::string data = decompressed(shared_real_dir() / rel);
    LogRecord rec;
    size_t number = 0;
    for (std::string_view line : split_lines(data)) {
      ++number;
      if (parser->parse(line, &rec) == RejectReason::kNone) fn(number, rec);
    }
  }
};

TEST_F(ApacheRealLines, LpnuEscapedQuotesInRequestAndEmptyUser) {
  bool saw_5034 = false, saw_6878 = false;
  parse_file("lpnu_lab_apache_2009/access.log.txt.zst",
             R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" "%{X-Forwarded-For}i")", "",
             [&](size_t n, const LogRecord& r) {
               if (n == 5034) {
                 saw_5034 = true;
                 EXPECT_EQ(r.method, "GET");
                 EXPECT_EQ(r.target, R"(/cgi-bin/awstats.pl?pluginmode=:system("echo+START;uname%20-a%3bid;echo+STOP");)");
                 EXPECT_EQ(r.protocol, "HTTP/1.0");
                 EXPECT_EQ(format_rfc3339(r.time), "2009-03-29T14:54:18+02:00");
               }
               if (n == 6878) {
                 saw_6878 = true;
                 EXPECT_EQ(r.client.to_string(), "221.206.53.68");
                 EXPECT_EQ(r.target, "/references.php");
               }
             });
  EXPECT_TRUE(saw_5034);
  EXPECT_TRUE(saw_6878);
}

TEST_F(ApacheRealLines, DmjacasTlsHandshakeRequestsAreRecords) {
  size_t junk = 0;
  parse_file("dmjacas_apache_vhosts/access.log", "combined", "", [&](size_t n, const LogRecord& r) {
    if (n == 16) {
      EXPECT_EQ(r.method, "");
      EXPECT_EQ(r.target, "\x16\x03\x01");
      EXPECT_EQ(r.status, 400);
      EXPECT_EQ(r.client.to_string(), "74.82.47.4");
    }
    junk += !r.target.empty() && r.target[0] == '\x16';
  });
  EXPECT_GT(junk, 0u);
}

TEST_F(ApacheRealLines, SrhegdegadikaiEscapedQuotesInUserAgents) {
  size_t with_quote = 0, edt = 0, est = 0;
  parse_file("srhegdegadikai_apache_2005_2018/access.log.zst", "combined", "", [&](size_t, const LogRecord& r) {
    with_quote += r.user_agent.find('"') != std::string_view::npos || r.referer.find('"') != std::string_view::npos ||
                  r.target.find('"') != std::string_view::npos;
    edt += r.time.offset_s == -4 * 3600;
    est += r.time.offset_s == -5 * 3600;
  });
  // SOURCE.md: 1,122 lines with \" (two of them are the damaged lines).
  EXPECT_GE(with_quote, 1120u);
  // SOURCE.md: -0400 x 68977, -0500 x 36200; both damaged lines are -0400.
  EXPECT_EQ(edt, 68977u - 2);
  EXPECT_EQ(est, 36200u);
}

TEST_F(ApacheRealLines, LogparserIpv6Clients) {
  std::map<std::string, size_t> v6;
  parse_file("logparser_hackers_access/hackers-access.log", "combined", "", [&](size_t, const LogRecord& r) {
    if (!r.client.is_v4()) ++v6[r.client.to_string()];
  });
  EXPECT_EQ(v6, (std::map<std::string, size_t>{{"2001:41d0:8:f69::1", 6}, {"2400:8900::f03c:91ff:fe50:5089", 6}}));
}

TEST_F(ApacheRealLines, NetneaTutorial8HasSourcePortsAndZurichTime) {
  size_t count = 0;
  parse_file("netnea_apache_tutorials/tutorial-8-example-access.log.zst", kNetneaTutorial8, "Europe/Zurich",
             [&](size_t n, const LogRecord& r) {
               ++count;
               EXPECT_GT(r.client_port, 0);
               EXPECT_EQ(r.time.offset_source, OffsetSource::kZone);
               if (n == 1) {
                 EXPECT_EQ(r.client.to_string(), "127.0.0.1");
                 EXPECT_EQ(r.client_port, 40208);
                 EXPECT_EQ(r.host, "localhost");
                 EXPECT_EQ(r.server_port, 80);
                 EXPECT_EQ(r.duration_us, 5385);
                 EXPECT_EQ(format_rfc3339(r.time), "2021-07-05T13:42:54.117618+02:00");
                 EXPECT_EQ(format_rfc3339_utc(r.time), "2021-07-05T11:42:54.117618Z");
               }
             });
  EXPECT_EQ(count, 10000u);
}

TEST_F(ApacheRealLines, NetneaLabor06OffsetChangesInsideTheFile) {
  size_t summer = 0, winter = 0;
  parse_file("netnea_apache_tutorials/labor-06_access_10000.log.zst", kNetneaLabor06, "",
             [&](size_t, const LogRecord& r) {
               summer += r.time.offset_s == 7200;
               winter += r.time.offset_s == 3600;
             });
  EXPECT_EQ(summer, 5668u);
  EXPECT_EQ(winter, 4332u);
}

}  // namespace
}  // namespace alcor
