// Answering inquiries through the alcor binary: URL modes and filters,
// ranking by distance, the logged duration, coverage statements that tell
// "no match" from "no logs", zones from the config, and batches with bad rows.
#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/test_support.h"

namespace alcor {
namespace {

using testing::run_command;
using testing::TempDir;
using testing::write_file;

// %v %h %t "%r" %>s %b %D %{remote}p; the asked time T is 15:22:46 JST.
constexpr std::string_view kFormat = "%v %h %t \"%r\" %>s %b %D %{remote}p";
constexpr std::string_view kLog =
    "site.example 192.0.2.1 [01/Jan/2026:15:00:00 +0900] \"GET / HTTP/1.1\" 200 5 0 1000\n"
    "site.example 203.0.113.9 [01/Jan/2026:15:22:16 +0900] \"POST /bbs/post.php?t=1 HTTP/1.1\" 200 5 0 51234\n"
    "site.example 198.51.100.7 [01/Jan/2026:15:22:44 +0900] \"GET /bbsx HTTP/1.1\" 404 5 0 40001\n"
    "site.example 198.51.100.8 [01/Jan/2026:15:22:51 +0900] \"GET /bbs/read HTTP/1.1\" 200 5 0 40002\n"
    "site.example 198.51.100.9 [01/Jan/2026:15:23:36 +0900] \"POST /bbs/ HTTP/1.1\" 302 5 0 40003\n"
    "site.example 2001:db8::9 [01/Jan/2026:15:21:06 +0900] \"POST /upload HTTP/1.1\" 200 5 95000000 61000\n"
    "this line is not an access log line\n"
    "site.example 192.0.2.2 [01/Jan/2026:15:40:00 +0900] \"GET / HTTP/1.1\" 200 5 0 1001\n"
    // After a two-hour silence.
    "site.example 192.0.2.3 [01/Jan/2026:18:00:00 +0900] \"GET / HTTP/1.1\" 200 5 0 1002\n";

using testing::sh_quote;

class Inquiry : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "access.log", kLog);
    std::string err;
    ASSERT_EQ(alcor("index " + index_arg() + " --format '" + std::string(kFormat) + "' " + sh_quote(dir_ / "access.log"),
                    nullptr, &err),
              0)
        << err;
  }
  int alcor(const std::string& args, std::string* out = nullptr, std::string* err = nullptr) {
    return run_command("env -u ALCOR_CONFIG " + std::string(ALCOR_BINARY) + " " + args, out, err);
  }
  std::string index_arg() const { return "--index " + sh_quote(dir_ / "idx"); }

  // One answer of `alcor query --at ...` (JSON Lines output).
  simdjson::dom::element ask(const std::string& args, std::string* err = nullptr) {
    std::string e;
    EXPECT_EQ(alcor("query " + index_arg() + " " + args, &out_, err ? err : &e), 0) << e;
    auto doc = parser_.parse(out_);
    EXPECT_FALSE(doc.error()) << out_;
    return doc.value_unsafe();
  }
  std::vector<std::string> matched_ips(simdjson::dom::element answer) {
    std::vector<std::string> ips;
    for (auto m : simdjson::dom::array(answer["matches"])) ips.emplace_back(std::string_view(m["ip"]));
    return ips;
  }

  TempDir dir_;
  std::string out_;
  simdjson::dom::parser parser_;
};

const std::string kAt = "--at '2026-01-01 15:22:46 JST' ";

TEST_F(Inquiry, PrefixStopsAtSegmentBoundariesAndRanksByDistance) {
  auto a = ask(kAt + "--url-prefix https://site.example/bbs");
  EXPECT_EQ(std::string_view(a["outcome"]), "match");
  // 5 s, 30 s, 50 s away; /bbsx is not below /bbs.
  EXPECT_EQ(matched_ips(a), (std::vector<std::string>{"198.51.100.8", "203.0.113.9", "198.51.100.9"}));
  EXPECT_EQ(int64_t(a["matches"].at(0)["distance_s"]), 5);
  EXPECT_EQ(int64_t(a["matches"].at(1)["distance_s"]), 30);
  EXPECT_EQ(int64_t(a["matches"].at(1)["offset_s"]), -30);
  EXPECT_EQ(std::string_view(a["asked"]["match"]), "prefix");

  auto only_2xx = ask(kAt + "--url-prefix /bbs --status 2xx");
  EXPECT_EQ(matched_ips(only_2xx), (std::vector<std::string>{"198.51.100.8", "203.0.113.9"}));
  auto posts = ask(kAt + "--url-prefix /bbs --method POST");
  EXPECT_EQ(matched_ips(posts), (std::vector<std::string>{"203.0.113.9", "198.51.100.9"}));
}

TEST_F(Inquiry, RegexSearchesTheCanonicalPathAndQuery) {
  auto a = ask(kAt + "--url-regex '^/bbs'");
  EXPECT_EQ(matched_ips(a), (std::vector<std::string>{"198.51.100.7", "198.51.100.8", "203.0.113.9", "198.51.100.9"}));
  auto q = ask(kAt + "--url-regex 't=[0-9]+$'");
  EXPECT_EQ(matched_ips(q), (std::vector<std::string>{"203.0.113.9"}));
  std::string err;
  EXPECT_EQ(alcor("query " + index_arg() + " " + kAt + "--url-regex '(('", nullptr, &err), 1);
  EXPECT_NE(err.find("--url"), std::string::npos) << err;
  EXPECT_EQ(alcor("query " + index_arg() + " " + kAt + "--url / --status 2yy", nullptr, &err), 1);
  EXPECT_NE(err.find("--status"), std::string::npos) << err;
}

TEST_F(Inquiry, SaysByHowMuchTheLoggedDurationWidenedTheMatch) {
  // The upload started 100 s before the asked time and lasted 95 s.
  auto a = ask(kAt + "--window 10s --url /upload");
  ASSERT_EQ(matched_ips(a), (std::vector<std::string>{"2001:db8::9"}));
  auto m = a["matches"].at(0);
  EXPECT_EQ(int64_t(m["offset_s"]), -100);
  EXPECT_EQ(int64_t(m["distance_s"]), 5);
  EXPECT_EQ(int64_t(m["widened_by_s"]), 95);
  EXPECT_EQ(int64_t(m["duration_s"]), 95);
  EXPECT_EQ(std::string_view(a["coverage"]["state"]), "covered");
}

// A server that logs no seconds (strftime without %S): the logged minute is
// all that is known, so any asked time inside it is at distance 0, one
// outside it is measured from the minute's edge, and the report says the
// time is too coarse.
TEST(InquiryMinutePrecision, ALoggedMinuteSpansTheWholeMinute) {
  TempDir dir;
  write_file(dir / "access.log",
             "203.0.113.5 [2026-01-01 15:22 +0900] \"POST /bbs/post.php HTTP/1.1\" 200 51234\n");
  const std::string alcor = "env -u ALCOR_CONFIG " + std::string(ALCOR_BINARY);
  const std::string index = " --index " + sh_quote(dir / "idx");
  std::string out, err;
  ASSERT_EQ(run_command(alcor + " index" + index + " --format '%h [%{%Y-%m-%d %H:%M %z}t] \"%r\" %>s %{remote}p' " +
                            sh_quote(dir / "access.log"),
                        nullptr, &err),
            0)
      << err;
  simdjson::dom::parser parser;
  auto ask = [&](const std::string& at) {
    EXPECT_EQ(run_command(alcor + " query" + index + " --window 10s --url /bbs/post.php --at '" + at + "'", &out, &err),
              0)
        << err;
    return parser.parse(out).value();
  };
  auto inside = ask("2026-01-01T15:22:59+09:00");
  ASSERT_EQ(std::string_view(inside["outcome"]), "match") << out;
  auto m = inside["matches"].at(0);
  EXPECT_EQ(std::string_view(m["time_precision"]), "min");
  EXPECT_EQ(int64_t(m["distance_s"]), 0);
  EXPECT_EQ(int64_t(m["port"]), 51234);
  write_file(dir / "answer.jsonl", out);
  ASSERT_EQ(run_command(alcor + " report " + sh_quote(dir / "answer.jsonl"), &out, &err), 0) << err;
  EXPECT_NE(out.find("only to the minute"), std::string::npos) << out;
  EXPECT_EQ(out.find("logged duration"), std::string::npos) << "the minute, not a duration, widened it: " << out;

  EXPECT_EQ(std::string_view(ask("2026-01-01T15:23:09+09:00")["outcome"]), "match") << "10 s after the minute";
  EXPECT_EQ(std::string_view(ask("2026-01-01T15:23:11+09:00")["outcome"]), "no_match") << out;
  EXPECT_EQ(std::string_view(ask("2026-01-01T15:21:49+09:00")["outcome"]), "no_match") << out;
}

TEST_F(Inquiry, NoMatchAndNoLogsAreDifferentAnswers) {
  auto none = ask(kAt + "--url /nothing");
  EXPECT_EQ(std::string_view(none["outcome"]), "no_match");
  EXPECT_EQ(std::string_view(none["coverage"]["state"]), "covered");
  EXPECT_EQ(int64_t(none["coverage"]["unparsed_near"]), 1);
  EXPECT_EQ(simdjson::dom::array(none["coverage"]["sources"]).size(), 1u);

  auto gap = ask("--at '2026-01-01T16:30:00+09:00' --url /");
  EXPECT_EQ(std::string_view(gap["outcome"]), "no_logs");
  EXPECT_EQ(std::string_view(gap["coverage"]["state"]), "gap");
  EXPECT_EQ(std::string_view(gap["coverage"]["before_utc"]), "2026-01-01T06:40:00Z");
  EXPECT_EQ(std::string_view(gap["coverage"]["after_utc"]), "2026-01-01T09:00:00Z");

  auto outside = ask("--at '2027-01-01T00:00:00+09:00' --url /");
  EXPECT_EQ(std::string_view(outside["outcome"]), "no_logs");
  EXPECT_EQ(std::string_view(outside["coverage"]["state"]), "outside");
  EXPECT_EQ(std::string_view(outside["coverage"]["before_utc"]), "2026-01-01T09:00:00Z");

  auto other_host = ask(kAt + "--url https://elsewhere.example/");
  EXPECT_EQ(std::string_view(other_host["outcome"]), "no_logs");
  EXPECT_EQ(std::string_view(other_host["coverage"]["state"]), "no_source");

  std::string covered, missing;
  ASSERT_EQ(alcor("query " + index_arg() + " " + kAt + "--url /nothing --output table", &covered), 0);
  ASSERT_EQ(alcor("query " + index_arg() + " --at '2026-01-01T16:30:00+09:00' --url / --output table", &missing), 0);
  EXPECT_NE(covered.find("NO MATCH"), std::string::npos) << covered;
  EXPECT_NE(missing.find("NO LOGS FOR THAT TIME"), std::string::npos) << missing;
  EXPECT_NE(missing.find("gap"), std::string::npos) << missing;
}

TEST_F(Inquiry, LocalTimesUseTzThenTheConfigElseUtcWithAWarning) {
  std::string err;
  auto utc = ask("--at '2026-01-01 06:22:51' --url /bbs/read", &err);
  EXPECT_TRUE(bool(utc["asked"]["zone_assumed"]));
  EXPECT_NE(err.find("read as UTC"), std::string::npos) << err;
  EXPECT_EQ(matched_ips(utc).size(), 1u);

  auto tz = ask("--at '2026年1月1日 15時22分51秒' --tz Asia/Tokyo --url /bbs/read", &err);
  EXPECT_FALSE(bool(tz["asked"]["zone_assumed"]));
  EXPECT_EQ(err, "");
  EXPECT_EQ(std::string_view(tz["asked"]["zone"]), "Asia/Tokyo");
  EXPECT_EQ(matched_ips(tz).size(), 1u);

  write_file(dir_ / "idx" / "config", "# desk settings\ntz = Asia/Tokyo\n");
  auto config = ask("--at '令和8年1月1日 午後3時22分51秒' --url /bbs/read", &err);
  EXPECT_EQ(err, "");
  EXPECT_EQ(matched_ips(config).size(), 1u);
  EXPECT_EQ(std::string_view(config["asked"]["utc"]), "2026-01-01T06:22:51Z");

  write_file(dir_ / "other.conf", "tz = America/New_York\n");
  std::string out;
  ASSERT_EQ(run_command("ALCOR_CONFIG=" + sh_quote(dir_ / "other.conf") + " " + ALCOR_BINARY + " query " +
                            index_arg() + " --at '2026-01-01 01:22:51' --url /bbs/read",
                        &out, &err),
            0)
      << err;
  EXPECT_NE(out.find("\"utc\":\"2026-01-01T06:22:51Z\""), std::string::npos) << out;
}

TEST_F(Inquiry, BatchAnswersEveryRowAndReportsBadOnes) {
  write_file(dir_ / "in.csv",
             "\xEF\xBB\xBFid,time,tz,window,url,method\r\n"
             "A-1,2026-01-01 15:22:16,Asia/Tokyo,60s,https://site.example/bbs/post.php?t=1,POST\r\n"
             "A-2,2026年1月1日 15時22分46秒,Asia/Tokyo,,/nothing,\r\n"
             "A-3,yesterday,,,/,\r\n"
             "A-4,2026-01-01T16:30:00+09:00,,,\"/\",GET\r\n"
             "A-5,2026-01-01T15:22:46+09:00,,5x,/,\r\n"
             "A-6,2026-01-01T15:22:46+09:00,,\r\n");
  std::string out, err;
  EXPECT_EQ(alcor("batch " + index_arg() + " " + sh_quote(dir_ / "in.csv"), &out, &err), 2) << err;
  std::vector<std::pair<std::string, std::string>> got;
  simdjson::dom::parser parser;
  simdjson::padded_string padded(out);
  for (auto a : parser.parse_many(padded)) {
    got.emplace_back(std::string_view(a["id"]), std::string_view(a["outcome"]));
  }
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{{"A-1", "match"},
                                                                   {"A-2", "no_match"},
                                                                   {"A-3", "error"},
                                                                   {"A-4", "no_logs"},
                                                                   {"A-5", "error"},
                                                                   {"A-6", "error"}}));
  EXPECT_NE(out.find("\"ip\":\"203.0.113.9\""), std::string::npos) << out;
  EXPECT_NE(err.find("A-3: time"), std::string::npos) << err;
  EXPECT_NE(err.find("A-5: window"), std::string::npos) << err;

  // JSON Lines in, CSV out: a broken line and an unknown key are errors for
  // their rows only; rows without an id are named by line.
  write_file(dir_ / "in.jsonl",
             "{\"id\": 7, \"time\": 1767248571, \"url\": \"/bbs/read\"}\n"
             "{\"id\": \"x\", \"time\": \n"
             "{\"time\": \"2026-01-01T15:22:46+09:00\", \"url\": \"/\", \"colour\": \"red\"}\n"
             "{\"time\": \"2026-01-01T15:22:46+09:00\", \"url\": \"/bbs/read\", \"window\": \"10s\"}\n");
  EXPECT_EQ(alcor("batch " + index_arg() + " --output csv " + sh_quote(dir_ / "in.jsonl"), &out, &err), 2) << err;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 5) << out;  // header + 4
  EXPECT_NE(out.find("\n7,match,1,0,0,0,"), std::string::npos) << out;
  EXPECT_NE(out.find("\nline 2,error,"), std::string::npos) << out;
  EXPECT_NE(out.find("unknown key 'colour'"), std::string::npos) << out;
  EXPECT_NE(out.find("\nline 4,match,1,5,5,0,"), std::string::npos) << out;
}

TEST_F(Inquiry, BatchRefusesAFileItCannotRead) {
  std::string err;
  write_file(dir_ / "bad.csv", "when,where\n1,2\n");
  EXPECT_EQ(alcor("batch " + index_arg() + " " + sh_quote(dir_ / "bad.csv"), nullptr, &err), 1);
  EXPECT_NE(err.find("unknown column 'when'"), std::string::npos) << err;
  EXPECT_EQ(alcor("batch " + index_arg() + " " + sh_quote(dir_ / "missing.csv"), nullptr, &err), 1);
}

}  // namespace
}  // namespace alcor
