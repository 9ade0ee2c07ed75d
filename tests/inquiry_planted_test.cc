// End to end over the generator's corpus, asked the way inquiries arrive:
// Japanese dates and eras, local times in a zone with DST (the fall-back
// hour that happens twice), a time in a gap between two logs and one
// outside them, through `alcor query` and `alcor batch`.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <ctime>

#include "tests/test_support.h"

namespace alcor {
namespace {

constexpr const char* kWeekdays[] = {"日", "月", "火", "水", "木", "金", "土"};


using testing::run_command;
using testing::TempDir;
using testing::write_file;

using testing::sh_quote;

struct Posting {
  std::string url, ip, method;
  int64_t port = 0, line = 0, epoch = 0;
};

std::vector<Posting> read_truth(const std::filesystem::path& path) {
  std::vector<Posting> out;
  simdjson::dom::parser parser;
  simdjson::dom::document_stream docs = parser.load_many(path.string());
  for (simdjson::dom::element e : docs) {
    out.push_back({std::string(std::string_view(e["url"])), std::string(std::string_view(e["ip"])),
                   std::string(std::string_view(e["method"])), int64_t(e["port"]), int64_t(e["line"]),
                   int64_t(e["epoch"])});
  }
  return out;
}

// Wall-clock fields of `epoch` at `offset_s` east of UTC.
std::tm wall_clock(int64_t epoch, int64_t offset_s) {
  time_t t = static_cast<time_t>(epoch + offset_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

std::string printf_string(const char* format, auto... args) {
  char buf[160];
  std::snprintf(buf, sizeof buf, format, args...);
  return buf;
}

// ASCII digits, ':' and letters as their full-width forms (U+FF10...).
std::string full_width(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c > 0x20 && c < 0x7F) {
      unsigned cp = 0xFF01 + (c - 0x21);
      out += static_cast<char>(0xE0 | cp >> 12);
      out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

class PlantedInquiries : public ::testing::Test {
 protected:
  void generate(const std::string& name, const std::string& options) {
    std::string err;
    ASSERT_EQ(run_command(std::string(ALCOR_LOGGEN_BINARY) + " -o " + sh_quote((dir_ / name).string()) +
                              " --files 1 --plain-newest 1 --truth " + sh_quote((dir_ / (name + ".truth")).string()) +
                              " " + options,
                          nullptr, &err),
              0)
        << err;
    ASSERT_EQ(alcor("index " + index_arg() + " " + sh_quote((dir_ / name).string()), nullptr, &err), 0) << err;
  }
  int alcor(const std::string& args, std::string* out = nullptr, std::string* err = nullptr) {
    return run_command("env -u ALCOR_CONFIG " + std::string(ALCOR_BINARY) + " " + args, out, err);
  }
  std::string index_arg() const { return "--index " + sh_quote((dir_ / "idx").string()); }

  // Asks for the posting at `at` and checks that the nearest match is it.
  void expect_found(const Posting& p, const std::string& at, const std::string& extra, std::string* reading = nullptr) {
    SCOPED_TRACE(p.url + " asked as " + at);
    std::string out, err;
    ASSERT_EQ(alcor("query " + index_arg() + " --at " + sh_quote(at) + " --method " + p.method + " --url " +
                        sh_quote(p.url) + " " + extra,
                    &out, &err),
              0)
        << err;
    simdjson::dom::parser parser;
    simdjson::dom::element a = parser.parse(out);
    ASSERT_EQ(std::string_view(a["outcome"]), "match") << out;
    simdjson::dom::element m = simdjson::dom::array(a["matches"]).at(0);
    EXPECT_EQ(std::string_view(m["ip"]), p.ip);
    EXPECT_EQ(int64_t(m["port"]), p.port);
    EXPECT_EQ(int64_t(m["source"]["line"]), p.line);
    EXPECT_EQ(int64_t(m["distance_s"]), 0);
    if (reading) *reading = std::string(std::string_view(a["asked"]["reading"]));
  }

  TempDir dir_;
};

TEST_F(PlantedInquiries, JapaneseDatesAndErasFindEveryPosting) {
  generate("jst", "--lines 20000 --plant 16 --seed 11");
  std::vector<Posting> postings = read_truth(dir_ / "jst.truth");
  ASSERT_EQ(postings.size(), 16u);
  for (size_t i = 0; i < postings.size(); ++i) {
    const Posting& p = postings[i];
    std::tm t = wall_clock(p.epoch, 9 * 3600);
    const int y = t.tm_year + 1900, mo = t.tm_mon + 1;
    const std::string kanji =
        printf_string("%d年%d月%d日 %d時%d分%d秒", y, mo, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
    switch (i % 4) {
      case 0: expect_found(p, kanji, "--tz Asia/Tokyo"); break;
      case 1:
        expect_found(p,
                     printf_string("令和%d年%d月%d日(%s) %s%d時%d分%d秒 JST", y - 2018, mo, t.tm_mday,
                                   kWeekdays[t.tm_wday],
                                   t.tm_hour < 12 ? "午前" : "午後", t.tm_hour % 12, t.tm_min, t.tm_sec),
                     "");
        break;
      case 2: expect_found(p, full_width(kanji) + " ＪＳＴ", ""); break;
      case 3:
        expect_found(p, printf_string("%d/%02d/%02d %02d:%02d:%02d", y, mo, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec),
                     "--tz Asia/Tokyo");
        break;
    }
  }
}

TEST_F(PlantedInquiries, LocalTimesAcrossTheDstFallBack) {
  // New York falls back at 2026-11-01 06:00Z: 01:00-02:00 local happens twice.
  constexpr int64_t kFallBack = 1793512800;
  generate("ny", "--lines 20000 --plant 24 --seed 5 --tz-offset -0500 --start 2026-11-01T04:30:00Z --days 0.1");
  std::vector<Posting> postings = read_truth(dir_ / "ny.truth");
  ASSERT_EQ(postings.size(), 24u);
  int ambiguous = 0;
  for (const Posting& p : postings) {
    std::tm t = wall_clock(p.epoch, p.epoch < kFallBack ? -4 * 3600 : -5 * 3600);
    std::string at = printf_string("%d-%02d-%02d %02d:%02d:%02d", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday,
                                   t.tm_hour, t.tm_min, t.tm_sec);
    std::string reading;
    expect_found(p, at, "--tz America/New_York", &reading);
    EXPECT_EQ(reading, t.tm_hour == 1 ? "ambiguous" : "zone") << at;
    ambiguous += t.tm_hour == 1;
  }
  EXPECT_GT(ambiguous, 0) << "the corpus must have postings in the repeated hour";
}

TEST_F(PlantedInquiries, BatchTellsGapsAndUncoveredTimesFromMisses) {
  generate("morning", "--lines 8000 --plant 4 --seed 21 --start 2026-01-01T00:00:00+09:00 --days 0.25");
  generate("evening", "--lines 8000 --plant 4 --seed 22 --start 2026-01-01T12:00:00+09:00 --days 0.25");
  std::vector<Posting> postings = read_truth(dir_ / "morning.truth");
  for (const Posting& p : read_truth(dir_ / "evening.truth")) postings.push_back(p);
  ASSERT_EQ(postings.size(), 8u);

  std::string jsonl;
  for (size_t i = 0; i < postings.size(); ++i) {
    jsonl += printf_string("{\"id\":\"p%zu\",\"time\":%lld,\"url\":\"%s\",\"method\":\"%s\"}\n", i,
                           static_cast<long long>(postings[i].epoch), postings[i].url.c_str(), postings[i].method.c_str());
  }
  const std::string url = postings[0].url;
  jsonl += "{\"id\":\"gap\",\"time\":\"2026年1月1日 9時00分00秒 JST\",\"url\":\"" + url + "\"}\n";
  jsonl += "{\"id\":\"later\",\"time\":\"2026-03-01T12:00:00+09:00\",\"url\":\"" + url + "\"}\n";
  jsonl += "{\"id\":\"earlier\",\"time\":\"平成30年1月1日 12:00 JST\",\"url\":\"" + url + "\"}\n";
  jsonl += "{\"id\":\"miss\",\"time\":" + std::to_string(postings[0].epoch) + ",\"url\":\"/never/posted\"}\n";
  jsonl += "{\"id\":\"bad\",\"time\":\"2026-13-01 00:00 JST\",\"url\":\"" + url + "\"}\n";
  write_file(dir_ / "inquiries.jsonl", jsonl);

  std::string out, err;
  EXPECT_EQ(alcor("batch " + index_arg() + " " + sh_quote((dir_ / "inquiries.jsonl").string()), &out, &err), 2) << err;
  simdjson::dom::parser parser;
  simdjson::padded_string padded(out);
  std::vector<std::string> order;
  for (simdjson::dom::element a : parser.parse_many(padded)) {
    std::string id{std::string_view(a["id"])};
    order.push_back(id);
    std::string outcome{std::string_view(a["outcome"])};
    if (outcome == "match") {
      simdjson::dom::element m = simdjson::dom::array(a["matches"]).at(0);
      size_t i = std::stoul(id.substr(1));
      EXPECT_EQ(std::string_view(m["ip"]), postings[i].ip) << id;
      EXPECT_EQ(int64_t(m["port"]), postings[i].port) << id;
      EXPECT_EQ(int64_t(m["source"]["line"]), postings[i].line) << id;
    } else if (id == "gap") {
      EXPECT_EQ(outcome, "no_logs");
      EXPECT_EQ(std::string_view(a["coverage"]["state"]), "gap");
      EXPECT_LT(std::string(std::string_view(a["coverage"]["before_utc"])), "2026-01-01T00:00:00Z");
      EXPECT_GE(std::string(std::string_view(a["coverage"]["after_utc"])), "2026-01-01T03:00:00Z");
    } else if (id == "later" || id == "earlier") {
      EXPECT_EQ(outcome, "no_logs") << id;
      EXPECT_EQ(std::string_view(a["coverage"]["state"]), "outside") << id;
    } else if (id == "miss") {
      EXPECT_EQ(outcome, "no_match");
    } else {
      EXPECT_EQ(id, "bad");
      EXPECT_EQ(outcome, "error");
    }
    if (id[0] == 'p') {
      EXPECT_EQ(outcome, "match") << id;
    }
  }
  EXPECT_EQ(order.size(), postings.size() + 5);
}

}  // namespace
}  // namespace alcor
