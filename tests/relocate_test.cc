// A moved or copied archive is re-attached by its SHA-256, by `alcor index`
// (when the indexed path is gone or holds other content) or by `alcor relocate`, and evidence is
// read from the new path.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/test_support.h"

namespace alcor {
namespace {

using testing::run_command;
using testing::TempDir;
using testing::write_file;

const std::string kAlcor = ALCOR_BINARY;

constexpr std::string_view kLog =
    "203.0.113.9 - - [01/Jan/2026:15:22:46 +0900] \"POST /bbs/post.php HTTP/1.1\" 200 512 "
    "\"https://site.example/bbs/\" \"Mozilla/5.0\" 51234\n"
    "198.51.100.20 - - [01/Jan/2026:15:25:10 +0900] \"GET /index.html HTTP/1.1\" 200 498 \"-\" \"curl/8.0\" 40001\n";

using testing::sh_quote;

class Relocate : public ::testing::Test {
 protected:
  int alcor(const std::string& args, std::string* out = nullptr, std::string* err = nullptr) {
    return run_command(kAlcor + " " + args, out, err);
  }
  std::string index_arg() const { return "--index " + sh_quote(dir_ / "idx"); }

  // Indexes kLog as `name` (gzip-compressed when it ends in .gz).
  void index_log(const std::string& name) {
    std::filesystem::create_directories(dir_ / "old");
    write_file(dir_ / "old" / "plain", kLog);
    if (name.ends_with(".gz")) {
      ASSERT_EQ(run_command("gzip -c " + sh_quote(dir_ / "old" / "plain") + " > " + sh_quote(dir_ / "old" / name)), 0);
      std::filesystem::remove(dir_ / "old" / "plain");
    } else {
      std::filesystem::rename(dir_ / "old" / "plain", dir_ / "old" / name);
    }
    std::string err;
    ASSERT_EQ(alcor("index " + index_arg() + " " + sh_quote(dir_ / "old" / name), nullptr, &err), 0) << err;
  }

  // The evidence line of the first request, read from wherever it is now.
  void expect_evidence_from(const std::filesystem::path& path) {
    std::string out, err;
    ASSERT_EQ(alcor("query " + index_arg() + " --ip 203.0.113.9", &out, &err), 0) << err;
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << "one record, not indexed twice: " << out;
    EXPECT_NE(out.find("\"raw\":\"203.0.113.9 - - ["), std::string::npos) << out;
    EXPECT_EQ(out.find("evidence_error"), std::string::npos) << out;
    EXPECT_NE(out.find("\"path\":\"" + path.string() + "\""), std::string::npos) << out;
    EXPECT_EQ(alcor("verify --sources " + index_arg(), &out, &err), 0) << out << err;
  }

  std::string manifest() {
    std::string out;
    EXPECT_EQ(alcor("stats --output json " + index_arg(), &out), 0);
    return out;
  }

  TempDir dir_;
};

TEST_F(Relocate, IndexReattachesAMovedArchiveInsteadOfIndexingItAgain) {
  index_log("access.log.1.gz");
  std::filesystem::create_directories(dir_ / "archive");
  std::filesystem::rename(dir_ / "old" / "access.log.1.gz", dir_ / "archive" / "access.log.1.gz");
  std::string out;
  EXPECT_NE(alcor("query " + index_arg() + " --ip 203.0.113.9", &out), 1);
  EXPECT_NE(out.find("not there any more"), std::string::npos) << out;

  std::string err;
  ASSERT_EQ(alcor("index " + index_arg() + " " + sh_quote(dir_ / "archive"), nullptr, &err), 0) << err;
  EXPECT_NE(err.find("1 moved (re-attached by SHA-256)"), std::string::npos) << err;
  EXPECT_NE(err.find("0 indexed"), std::string::npos) << err;
  expect_evidence_from(dir_ / "archive" / "access.log.1.gz");
  const std::string m = manifest();
  EXPECT_NE(m.find("moved source 1 sha256 "), std::string::npos) << m;
  EXPECT_NE(m.find("to " + (dir_ / "archive" / "access.log.1.gz").string()), std::string::npos) << m;
}

// logrotate renames the live log and starts a new one at the same path: the
// path indexed now holds other content, and the renamed file, found by its
// SHA-256, is where the indexed lines are.
TEST_F(Relocate, IndexReattachesARotatedLogWhosePathHoldsANewOne) {
  index_log("access.log");
  std::filesystem::rename(dir_ / "old" / "access.log", dir_ / "old" / "access.log.1");
  write_file(dir_ / "old" / "access.log",
             "192.0.2.44 - - [02/Jan/2026:10:00:00 +0900] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl/8.0\" 40002\n");
  std::string err;
  ASSERT_EQ(alcor("index " + index_arg() + " " + sh_quote(dir_ / "old"), nullptr, &err), 0) << err;
  EXPECT_NE(err.find("1 indexed"), std::string::npos) << "the new log is new: " << err;
  EXPECT_NE(err.find("1 moved (re-attached by SHA-256)"), std::string::npos) << err;
  EXPECT_NE(err.find("now holds other content"), std::string::npos) << err;
  expect_evidence_from(dir_ / "old" / "access.log.1");
  std::string out;
  ASSERT_EQ(alcor("query " + index_arg() + " --ip 192.0.2.44", &out, &err), 0) << err;
  EXPECT_NE(out.find("\"path\":\"" + (dir_ / "old" / "access.log").string() + "\""), std::string::npos) << out;
}

TEST_F(Relocate, IndexStillSkipsACopyWhileTheOriginalIsThere) {
  index_log("access.log.1.gz");
  std::filesystem::copy_file(dir_ / "old" / "access.log.1.gz", dir_ / "copy.gz");
  std::string err;
  ASSERT_EQ(alcor("index " + index_arg() + " " + sh_quote(dir_ / "copy.gz"), nullptr, &err), 0) << err;
  EXPECT_NE(err.find("1 skipped"), std::string::npos) << err;
  expect_evidence_from(dir_ / "old" / "access.log.1.gz");
}

TEST_F(Relocate, RelocateReattachesACopyWithAnotherModificationTime) {
  for (const std::string name : {"access.log.1.gz", "access.log"}) {
    SCOPED_TRACE(name);
    std::filesystem::remove_all(dir_ / "idx");
    std::filesystem::remove_all(dir_ / "old");
    index_log(name);
    // A copy to another volume: new path, new modification time.
    const auto copy = dir_ / ("copy-" + name);
    std::filesystem::remove(copy);
    std::filesystem::copy_file(dir_ / "old" / name, copy);
    ASSERT_EQ(run_command("touch -d 2020-02-02T02:02:02 " + sh_quote(copy)), 0);
    std::filesystem::remove(dir_ / "old" / name);

    std::string err;
    ASSERT_EQ(alcor("relocate " + index_arg() + " " + sh_quote(copy), nullptr, &err), 0) << err;
    EXPECT_NE(err.find("is source 1, indexed at " + (dir_ / "old" / name).string()), std::string::npos) << err;
    expect_evidence_from(copy);
    EXPECT_NE(manifest().find("moved source 1"), std::string::npos);
  }
}

TEST_F(Relocate, RelocateRefusesAFileTheIndexDoesNotHold) {
  index_log("access.log");
  write_file(dir_ / "other.log", "something else\n");
  std::string err;
  EXPECT_EQ(alcor("relocate " + index_arg() + " " + sh_quote(dir_ / "other.log"), nullptr, &err), 2);
  EXPECT_NE(err.find("no indexed source has the SHA-256 of"), std::string::npos) << err;
  EXPECT_EQ(alcor("relocate " + index_arg() + " " + sh_quote(dir_ / "missing.log"), nullptr, &err), 2);
  EXPECT_NE(err.find("cannot read"), std::string::npos) << err;
  expect_evidence_from(dir_ / "old" / "access.log");
}

}  // namespace
}  // namespace alcor
