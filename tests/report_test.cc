// Golden test of the whole inquiry path: index the fixture logs, answer the
// fixture inquiries with `alcor batch`, and turn the answers into the report
// (Markdown and HTML). Expected files live in tests/data/report/ and are
// rewritten only with ALCOR_UPDATE_GOLDEN=1 (then review the diff).
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/test_support.h"

namespace alcor {
namespace {

using testing::read_file;
using testing::run_command;
using testing::TempDir;
using testing::write_file;

using testing::sh_quote;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
  return s;
}

// Compares with the expected file, or rewrites it when asked to.
void expect_golden(const std::string& actual, const std::string& name) {
  const auto path = testing::test_data_dir() / "report" / name;
  if (const char* update = std::getenv("ALCOR_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    write_file(path, actual);
    return;
  }
  EXPECT_EQ(actual, read_file(path)) << name << " differs; if the change is intended, regenerate with "
                                     << "ALCOR_UPDATE_GOLDEN=1 and review the diff";
}

class Report : public ::testing::Test {
 protected:
  int alcor(const std::string& args, std::string* out = nullptr, std::string* err = nullptr) {
    return run_command("env -u ALCOR_CONFIG " + std::string(ALCOR_BINARY) + " " + args, out, err);
  }
  TempDir dir_;
};

TEST_F(Report, BatchAnswersAndReportMatchTheGoldenFiles) {
  const auto data = testing::test_data_dir() / "report";
  // Copies, so that the paths in the evidence are the test's own directory.
  for (const char* f : {"www.log", "us.log"}) std::filesystem::copy_file(data / f, dir_ / f);
  const std::string index = "--index " + sh_quote(dir_ / "idx");
  std::string out, err;
  ASSERT_EQ(alcor("index " + index + " --format combined_port " + sh_quote(dir_ / "www.log"), nullptr, &err), 0) << err;
  ASSERT_EQ(alcor("index " + index + " --format combined " + sh_quote(dir_ / "us.log"), nullptr, &err), 0) << err;
  EXPECT_EQ(alcor("batch " + index + " --tz Asia/Tokyo " + sh_quote(data / "inquiries.csv"), &out, &err), 2)
      << "one bad row: " << err;

  std::string index_id;
  ASSERT_EQ(run_command("sed -n 's/.*\"index_id\":\"\\([0-9a-f]*\\)\".*/\\1/p' " + sh_quote(dir_ / "idx" / "MANIFEST"),
                        &index_id),
            0);
  while (!index_id.empty() && index_id.back() == '\n') index_id.pop_back();
  ASSERT_FALSE(index_id.empty());
  std::string answers = replace_all(replace_all(out, dir_.path().string(), "TESTDIR"), index_id, "INDEX_ID");
  expect_golden(answers, "answers.jsonl");

  write_file(dir_ / "answers.jsonl", answers);
  ASSERT_EQ(alcor("report --proxy 192.0.2.10/32 " + sh_quote(dir_ / "answers.jsonl"), &out, &err), 0) << err;
  expect_golden(out, "expected.md");
  ASSERT_EQ(alcor("report --format html --proxy 192.0.2.10/32 " + sh_quote(dir_ / "answers.jsonl"), &out, &err), 0)
      << err;
  expect_golden(out, "expected.html");
  // Markup from the log stays text.
  EXPECT_EQ(out.find("<script>"), std::string::npos);
  EXPECT_NE(out.find("&lt;script&gt;"), std::string::npos);

  // The same answers give the same bytes.
  std::string again;
  ASSERT_EQ(alcor("report --format html --proxy 192.0.2.10/32 " + sh_quote(dir_ / "answers.jsonl"), &again), 0);
  EXPECT_EQ(again, out);
}

TEST_F(Report, NamesTheAccessProviderFromTheRegistry) {
  const auto whois = testing::test_data_dir() / "whois";
  const std::string db = sh_quote(dir_ / "registry");
  std::string out, err;
  ASSERT_EQ(alcor("registry import --no-count-check --db " + db + " " +
                      sh_quote(whois / "delegated/delegated-apnic-extended-20130417-EXCERPT.txt") + " " +
                      sh_quote(whois / "apnic-answers/apnic_101.203.70.90_BBIX_JPNIC_irt.txt"),
                  nullptr, &err),
            0)
      << err;
  // The golden answers, with the posting's address moved into BBIX's block
  // (twice: the same address asked about in two inquiries).
  std::string answers = read_file(testing::test_data_dir() / "report" / "answers.jsonl");
  answers = replace_all(answers, "203.0.113.9", "101.203.70.90");
  answers = replace_all(answers, "203.0.113.77", "101.203.70.90");
  write_file(dir_ / "answers.jsonl", answers);
  ASSERT_EQ(alcor("report --db " + db + " " + sh_quote(dir_ / "answers.jsonl"), &out, &err), 0) << err;
  EXPECT_NE(out.find("接続事業者 / Access provider"), std::string::npos) << out;
  EXPECT_NE(out.find("| 101.203.70.90 | BBIX, Inc. |"), std::string::npos) << out;
  EXPECT_NE(out.find("abuse@bbix.net"), std::string::npos) << out;
  // An address no imported data covers says so.
  EXPECT_NE(out.find("不明 unknown"), std::string::npos) << out;
}

// A gzip file whose CRC does not match was decoded from bytes that are not
// what the server wrote: its lines may be wrong, and the report must say so
// before anyone sends an address from it.
TEST_F(Report, WarnsWhenTheEvidenceComesFromADamagedFile) {
  write_file(dir_ / "access.log",
             "203.0.113.5 - - [01/Jan/2026:15:22:46 +0900] \"POST /bbs/post.php HTTP/1.1\" 200 5 \"-\" \"ua\" 51234\n");
  ASSERT_EQ(run_command("gzip -n " + sh_quote(dir_ / "access.log")), 0);
  std::string gz = read_file(dir_ / "access.log.gz");
  gz[gz.size() - 8] = static_cast<char>(~gz[gz.size() - 8]);  // the member's CRC-32
  write_file(dir_ / "access.log.gz", gz);
  const std::string index = "--index " + sh_quote(dir_ / "idx");
  std::string out, err;
  EXPECT_EQ(alcor("index " + index + " --format combined_port " + sh_quote(dir_ / "access.log.gz"), nullptr, &err), 2)
      << err;
  ASSERT_EQ(alcor("query " + index + " --at 2026-01-01T15:22:46+09:00 --url /bbs/post.php", &out, &err), 0) << err;
  EXPECT_NE(out.find("\"damage\""), std::string::npos) << out;
  write_file(dir_ / "answer.jsonl", out);
  ASSERT_EQ(alcor("report " + sh_quote(dir_ / "answer.jsonl"), &out, &err), 0) << err;
  EXPECT_NE(out.find("damaged"), std::string::npos) << out;
  EXPECT_NE(out.find("CRC"), std::string::npos) << "the damage is quoted: " << out;
}

// `--format auto` reads a number after combined as the client port; %D or
// %T look the same. The answer names the assumption and the report warns
// before the port is sent; a format the operator gave raises no warning.
TEST_F(Report, WarnsWhenThePortComesFromADetectedFormat) {
  write_file(dir_ / "access.log",
             "203.0.113.5 - - [01/Jan/2026:15:22:46 +0900] \"POST /bbs/post.php HTTP/1.1\" 200 5 \"-\" \"ua\" 51234\n");
  for (const std::string format : {"auto", "combined_port"}) {
    SCOPED_TRACE(format);
    const std::string index = "--index " + sh_quote(dir_ / ("idx-" + format));
    std::string out, err;
    ASSERT_EQ(alcor("index " + index + " --format " + format + " " + sh_quote(dir_ / "access.log"), nullptr, &err), 0)
        << err;
    ASSERT_EQ(alcor("query " + index + " --at 2026-01-01T15:22:46+09:00 --url /bbs/post.php", &out, &err), 0) << err;
    EXPECT_NE(out.find("\"port\":51234"), std::string::npos) << out;
    const bool detected = format == "auto";
    EXPECT_EQ(out.find("\"format_note\":\"the number after each combined line is read as the client port") !=
                  std::string::npos,
              detected)
        << out;
    write_file(dir_ / "answer.jsonl", out);
    ASSERT_EQ(alcor("report " + sh_quote(dir_ / "answer.jsonl"), &out, &err), 0) << err;
    EXPECT_EQ(out.find("The log format was detected, not given") != std::string::npos, detected) << out;
    ASSERT_EQ(alcor("stats " + index, &out, &err), 0) << err;
    EXPECT_EQ(out.find("detected, assuming: the number after each combined line") != std::string::npos, detected)
        << out;
  }
}

TEST_F(Report, RefusesInputThatIsNotAnswers) {
  write_file(dir_ / "hits.jsonl", "{\"ip\":\"192.0.2.1\"}\n");
  std::string err;
  EXPECT_EQ(alcor("report " + sh_quote(dir_ / "hits.jsonl"), nullptr, &err), 2);
  EXPECT_NE(err.find("line 1"), std::string::npos) << err;
  EXPECT_EQ(alcor("report --proxy 300.0.0.0/8 " + sh_quote(dir_ / "hits.jsonl"), nullptr, &err), 1);
  EXPECT_NE(err.find("--proxy"), std::string::npos) << err;
}

}  // namespace
}  // namespace alcor
