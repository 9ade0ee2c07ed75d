// The alcor binary as a user runs it: index files of every kind, answer
// queries, report bad input, and keep the promised exit codes.
#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace alcor {
namespace {

using testing::run_command;
using testing::TempDir;
using testing::write_file;

const std::string kAlcor = ALCOR_BINARY;

// Combined log with the client port appended (%{remote}p).
constexpr std::string_view kLogA =
    "203.0.113.9 - - [01/Jan/2026:15:22:46 +0900] \"POST /bbs/post.php HTTP/1.1\" 200 512 "
    "\"https://site.example/bbs/\" \"Mozilla/5.0\" 51234\n"
    "198.51.100.20 - - [01/Jan/2026:15:25:10 +0900] \"POST /bbs/post.php HTTP/1.1\" 200 498 "
    "\"-\" \"curl/8.0\" 40001\n"
    "198.51.100.21 - - [01/Jan/2026:15:22:50 +0900] \"GET /index.html HTTP/1.1\" 200 1000 "
    "\"-\" \"Mozilla/5.0\" 40002\n";
constexpr std::string_view kLogB =
    "2001:db8::42 - - [01/Jan/2026:15:22:40 +0900] \"POST /bbs/post.php?thread=7 HTTP/2.0\" 302 0 "
    "\"-\" \"Mozilla/5.0\" 61000\n"
    "this line is not an access log line\n"
    "192.0.2.5 - - [01/Jan/2026:16:00:00 +0900] \"GET / HTTP/1.1\" 200 10 \"-\" \"x\" 1234\n";

using testing::sh_quote;

class Cli : public ::testing::Test {
 protected:
  int alcor(const std::string& args, std::string* out = nullptr, std::string* err = nullptr) {
    return run_command(kAlcor + " " + args, out, err);
  }
  std::string index_arg() const { return "--index " + sh_quote(dir_ / "idx"); }

  TempDir dir_;
};

TEST_F(Cli, IndexesPlainGzipAndZstdAndAnswersTheInquiry) {
  write_file(dir_ / "access.log", kLogA);
  write_file(dir_ / "b.log", kLogB);
  ASSERT_EQ(run_command("gzip -c " + sh_quote(dir_ / "access.log") + " > " + sh_quote(dir_ / "access.log.1")), 0);
  ASSERT_EQ(run_command("zstd -q -c " + sh_quote(dir_ / "b.log") + " > " + sh_quote(dir_ / "access.log.2")), 0);
  std::filesystem::remove(dir_ / "access.log");
  std::filesystem::remove(dir_ / "b.log");

  std::string out, err;
  ASSERT_EQ(alcor("index " + index_arg() + " " + sh_quote(dir_.path()), &out, &err), 0) << err;
  EXPECT_NE(err.find("2 indexed"), std::string::npos) << err;
  EXPECT_NE(err.find("format 1"), std::string::npos) << "the foreign line is counted: " << err;

  ASSERT_EQ(alcor("query " + index_arg() + " --at 2026-01-01T15:22:46+09:00 --window 60s "
                  "--url https://site.example/bbs/post.php",
                  &out, &err),
            0)
      << err;
  // Exactly the posting: not the decoy 2.5 minutes later, not the other path.
  ASSERT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
  EXPECT_NE(out.find("\"ip\":\"203.0.113.9\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"port\":51234"), std::string::npos) << out;
  EXPECT_NE(out.find("\"time\":\"2026-01-01T15:22:46+09:00\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"time_utc\":\"2026-01-01T06:22:46Z\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"line\":1"), std::string::npos) << out;
  EXPECT_NE(out.find("\"offset\":0"), std::string::npos) << out;
  EXPECT_NE(out.find("access.log.1"), std::string::npos) << out;
  std::string sha;
  run_command("sha256sum " + sh_quote(dir_ / "access.log.1") + " | cut -c1-64 | tr -d '\\n'", &sha);
  EXPECT_NE(out.find("\"sha256\":\"" + sha + "\""), std::string::npos) << out;

  // Apache form of the time, IPv6 with query string, and the table output.
  ASSERT_EQ(alcor("query " + index_arg() + " --at '01/Jan/2026:15:22:46 +0900' --url '/bbs/post.php?thread=7' "
                  "--output table",
                  &out, &err),
            0);
  EXPECT_NE(out.find("2001:db8::42"), std::string::npos) << out;
  EXPECT_NE(out.find("61000"), std::string::npos) << out;
  // No match where logs exist says so, with what was searched.
  ASSERT_EQ(alcor("query " + index_arg() + " --at 1767248566 --url /nothing --output table", &out, &err), 0);
  EXPECT_NE(out.find("NO MATCH"), std::string::npos) << out;
  EXPECT_NE(out.find("coverage: "), std::string::npos) << out;
  ASSERT_EQ(alcor("query " + index_arg() + " --at 1767248566 --url /nothing", &out, &err), 0);
  EXPECT_NE(out.find("\"outcome\":\"no_match\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"matches\":[]"), std::string::npos) << out;

  // IP and CIDR queries.
  ASSERT_EQ(alcor("query " + index_arg() + " --ip 198.51.100.0/24 --output csv", &out, &err), 0);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 3) << out;  // header + 2
  ASSERT_EQ(alcor("query " + index_arg() + " --ip 2001:db8::/32", &out, &err), 0);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
}

TEST_F(Cli, SkipsContentAlreadyIndexedAndGrowsWithNewFiles) {
  write_file(dir_ / "a.log", kLogA);
  ASSERT_EQ(alcor("index " + index_arg() + " " + sh_quote(dir_ / "a.log")), 0);
  std::filesystem::copy_file(dir_ / "a.log", dir_ / "a-copy.log");
  std::string err;
  ASSERT_EQ(alcor("index " + index_arg() + " " + sh_quote(dir_ / "a-copy.log"), nullptr, &err), 0);
  EXPECT_NE(err.find("skipped"), std::string::npos) << err;
  EXPECT_NE(err.find("already indexed"), std::string::npos) << err;
  write_file(dir_ / "b.log", kLogB);
  ASSERT_EQ(alcor("index " + index_arg() + " " + sh_quote(dir_ / "b.log"), nullptr, &err), 0);
  std::string out;
  ASSERT_EQ(alcor("query " + index_arg() + " --ip ::/0", &out), 0);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 5) << out;
}

TEST_F(Cli, DamagedAndMissingInputsAreReportedWithExitCode2) {
  std::string big;
  for (int i = 0; i < 2000; ++i) big += kLogA;
  write_file(dir_ / "big.log", big);
  ASSERT_EQ(run_command("gzip -c " + sh_quote(dir_ / "big.log") + " > " + sh_quote(dir_ / "big.gz")), 0);
  std::string gz = testing::read_file(dir_ / "big.gz");
  write_file(dir_ / "cut.gz", gz.substr(0, gz.size() / 2));
  write_file(dir_ / "good.log", kLogB);
  std::string out, err;
  int code = alcor("index " + index_arg() + " " + sh_quote(dir_ / "cut.gz") + " " + sh_quote(dir_ / "missing.log") +
                       " " + sh_quote(dir_ / "good.log"),
                   &out, &err);
  EXPECT_EQ(code, 2) << err;
  EXPECT_NE(err.find("cut.gz"), std::string::npos) << err;
  EXPECT_NE(err.find("missing.log"), std::string::npos) << err;
  EXPECT_NE(err.find("damaged"), std::string::npos) << err;
  // The good file and the lines before the damage are queryable.
  ASSERT_EQ(alcor("query " + index_arg() + " --ip 2001:db8::42", &out), 0);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1);
  ASSERT_EQ(alcor("query " + index_arg() + " --ip 203.0.113.9", &out), 0);
  EXPECT_GT(std::count(out.begin(), out.end(), '\n'), 10);
}

TEST_F(Cli, UsageErrorsNameTheBadArgument) {
  std::string err;
  EXPECT_EQ(alcor("query " + index_arg() + " --at soon --url /", nullptr, &err), 1);
  EXPECT_NE(err.find("--at"), std::string::npos) << err;
  EXPECT_EQ(alcor("query " + index_arg() + " --ip 300.1.2.3", nullptr, &err), 1);
  EXPECT_NE(err.find("--ip"), std::string::npos) << err;
  EXPECT_EQ(alcor("query " + index_arg() + " --at 1767248566 --url / --output xml", nullptr, &err), 1);
  EXPECT_NE(err.find("--output"), std::string::npos) << err;
  EXPECT_EQ(alcor("index " + index_arg() + " --format nonsense-format x", nullptr, &err), 1);
  EXPECT_NE(err.find("--format"), std::string::npos) << err;
  EXPECT_EQ(alcor("index " + index_arg() + " --server iis x", nullptr, &err), 1);
  EXPECT_NE(err.find("--server"), std::string::npos) << err;
  EXPECT_EQ(alcor("frobnicate", nullptr, &err), 1);
  EXPECT_EQ(alcor("query " + index_arg() + " --ip 192.0.2.1", nullptr, &err), 3) << "no index there";
}

// Combined lines: Apache's or nginx's? The summary says which reading was
// assumed, and --server or the path decides; the index records the choice.
TEST_F(Cli, CombinedLinesTakeTheServerFromTheHintOrSayItWasAssumed) {
  const std::string line =
      "192.0.2.5 - - [01/Jan/2026:16:00:00 +0900] \"GET / HTTP/1.1\" 200 10 \"-\" \"x\"\n";
  std::filesystem::create_directories(dir_ / "logs" / "nginx");
  write_file(dir_ / "logs" / "access.log", line);
  write_file(dir_ / "logs" / "nginx" / "access.log", line + line);  // not the same content: not skipped
  write_file(dir_ / "logs" / "other.log", line + line + line);
  std::string out, err;
  ASSERT_EQ(alcor("index --no-progress " + index_arg() + " " + sh_quote(dir_ / "logs" / "access.log") + " " +
                      sh_quote(dir_ / "logs" / "nginx" / "access.log"),
                  &out, &err),
            0)
      << err;
  const size_t assumed = err.find("/logs/access.log (plain, combined): 1 lines, 1 indexed; Apache and nginx");
  EXPECT_NE(assumed, std::string::npos) << err;
  EXPECT_NE(err.find("/logs/nginx/access.log (plain, nginx_combined): 2 lines, 2 indexed\n"), std::string::npos)
      << err;
  ASSERT_EQ(alcor("index --no-progress --server nginx " + index_arg() + " " + sh_quote(dir_ / "logs" / "other.log"),
                  &out, &err),
            0);
  EXPECT_NE(err.find("(plain, nginx_combined): 3 lines, 3 indexed\n"), std::string::npos) << err;
  ASSERT_EQ(alcor("stats --output json " + index_arg(), &out, &err), 0);
  EXPECT_NE(out.find("log_format nginx_combined"), std::string::npos) << out;
}

TEST_F(Cli, ReadsStandardInput) {
  write_file(dir_ / "a.log", kLogA);
  std::string err;
  ASSERT_EQ(run_command("cat " + sh_quote(dir_ / "a.log") + " | " + kAlcor + " index " + index_arg() + " -", nullptr,
                        &err),
            0)
      << err;
  std::string out;
  ASSERT_EQ(alcor("query " + index_arg() + " --ip 203.0.113.9", &out), 0);
  EXPECT_NE(out.find("\"path\":\"-\""), std::string::npos) << out;
}

}  // namespace
}  // namespace alcor

namespace alcor {
namespace {

// Evidence is read back from the original file: a file changed or removed
// after indexing yields a hit that says so, never a line that is not the
// one indexed.
TEST_F(Cli, EvidenceNamesAChangedOrMissingSource) {
  write_file(dir_ / "a.log", kLogA);
  ASSERT_EQ(alcor("index " + index_arg() + " " + sh_quote(dir_ / "a.log")), 0);
  std::string out;
  ASSERT_EQ(alcor("query " + index_arg() + " --ip 203.0.113.9", &out), 0);
  EXPECT_NE(out.find("\"raw\":\"203.0.113.9 - - ["), std::string::npos) << out;

  std::string changed(kLogA);
  changed[0] = '9';  // same size, other content
  write_file(dir_ / "a.log", changed);
  ASSERT_EQ(alcor("query " + index_arg() + " --ip 203.0.113.9", &out), 0);
  EXPECT_NE(out.find("\"raw\":null"), std::string::npos) << out;
  EXPECT_NE(out.find("evidence_error"), std::string::npos) << out;
  EXPECT_NE(out.find("\"ip\":\"203.0.113.9\""), std::string::npos) << "the indexed facts stay: " << out;

  std::filesystem::remove(dir_ / "a.log");
  ASSERT_EQ(alcor("query " + index_arg() + " --ip 203.0.113.9", &out), 0);
  EXPECT_NE(out.find("not there any more"), std::string::npos) << out;

  std::string verify;
  EXPECT_EQ(alcor("verify --sources " + index_arg(), &verify), 3) << verify;
  EXPECT_NE(verify.find("a.log"), std::string::npos) << verify;
}

}  // namespace
}  // namespace alcor

namespace alcor {
namespace {

TEST_F(Cli, ForgetRemovesASourceAndRecordsThatItDid) {
  write_file(dir_ / "a.log", kLogA);
  write_file(dir_ / "b.log", kLogB);
  ASSERT_EQ(alcor("index " + index_arg() + " " + sh_quote(dir_ / "a.log") + " " + sh_quote(dir_ / "b.log")), 0);
  std::string out, err;
  ASSERT_EQ(alcor("forget " + index_arg() + " " + sh_quote(dir_ / "a.log"), &out, &err), 0) << err;

  ASSERT_EQ(alcor("query " + index_arg() + " --ip ::/0", &out), 0);
  EXPECT_EQ(out.find("203.0.113.9"), std::string::npos) << "a.log's records are gone: " << out;
  EXPECT_NE(out.find("2001:db8::42"), std::string::npos) << "b.log's stay: " << out;
  ASSERT_EQ(alcor("verify " + index_arg(), &out), 0) << out;
  ASSERT_EQ(alcor("stats --output json " + index_arg(), &out), 0);
  EXPECT_NE(out.find("forgot source"), std::string::npos) << out;
  EXPECT_EQ(out.find("\"path\":\"" + (dir_ / "a.log").string()), std::string::npos) << out;
  // Its access points went with it; b.log's stay.
  size_t access_files = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir_ / "idx" / "access")) ++access_files;
  EXPECT_EQ(access_files, 1u);
  EXPECT_EQ(alcor("forget " + index_arg() + " " + sh_quote(dir_ / "a.log"), nullptr, &err), 1) << "already gone";
}

}  // namespace
}  // namespace alcor
