// `alcor index` killed with SIGKILL at random moments: after each kill the
// index opens and verifies, holds only complete sources, and running the same
// command again finishes the job without duplicating a record.
#include <gtest/gtest.h>
#include <signal.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "tests/test_support.h"

namespace alcor {
namespace {

using testing::run_command;

struct Totals {
  uint64_t sources = 0;
  uint64_t records = 0;
};

Totals index_totals(const std::string& index) {
  std::string out;
  EXPECT_EQ(run_command(std::string(ALCOR_BINARY) + " stats --output json --index '" + index + "'", &out), 0);
  simdjson::dom::parser parser;
  simdjson::padded_string padded(out);
  simdjson::dom::element m = parser.parse(padded);
  Totals t;
  for (simdjson::dom::element s : simdjson::dom::array(m["sources"])) {
    ++t.sources;
    t.records += uint64_t(s["span"]["records"]);
  }
  uint64_t in_segments = 0;
  for (simdjson::dom::element s : simdjson::dom::array(m["segments"])) in_segments += uint64_t(s["records"]);
  EXPECT_EQ(in_segments, t.records) << "segments hold records of no listed source";
  return t;
}

// Starts `alcor index`, kills it after `delay`; returns true if it had
// already finished by then.
bool run_and_kill(const std::vector<std::string>& argv, std::chrono::microseconds delay) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, STDERR_FILENO);
    execv(args[0], args.data());
    _exit(127);
  }
  std::this_thread::sleep_for(delay);
  bool finished = waitpid(pid, nullptr, WNOHANG) == pid;
  if (!finished) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  return finished;
}

TEST(CrashSafety, SigkillAtRandomMomentsLosesNothingAndDuplicatesNothing) {
  testing::TempDir dir;
  std::string logs = (dir / "logs").string();
  ASSERT_EQ(run_command(std::string(ALCOR_LOGGEN_BINARY) + " -o '" + logs +
                        "' --lines 120000 --files 12 --plain-newest 2 --compress mixed --seed 11"),
            0);
  // The reference: the same command, never interrupted.
  std::string reference = (dir / "reference").string();
  ASSERT_EQ(run_command(std::string(ALCOR_BINARY) + " index --segment-mb 0 --index '" + reference + "' '" + logs +
                        "'"),
            0);
  Totals expected = index_totals(reference);
  ASSERT_EQ(expected.sources, 12u);

  // How long one whole run takes, to spread the kills over it.
  std::string index = (dir / "idx").string();
  std::vector<std::string> argv = {ALCOR_BINARY, "index", "--segment-mb", "0", "--index", index, logs};
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(run_command(std::string(ALCOR_BINARY) + " index --segment-mb 0 --index '" + (dir / "timing").string() +
                        "' '" + logs + "'"),
            0);
  auto full = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);

  std::mt19937 rng(20261127);
  std::uniform_int_distribution<int64_t> when(0, full.count());
  int kills = 0;
  bool finished = true;
  for (int run = 0; kills < 20 && run < 100; ++run) {
    // After a run that completed, start over, so every kill interrupts work.
    if (finished) std::filesystem::remove_all(index);
    finished = run_and_kill(argv, std::chrono::microseconds(when(rng)));
    kills += !finished;
    std::string out;
    if (!std::filesystem::exists(std::filesystem::path(index) / "MANIFEST")) continue;  // killed before creating it
    EXPECT_EQ(run_command(std::string(ALCOR_BINARY) + " verify --index '" + index + "'", &out), 0) << out;
    Totals now = index_totals(index);
    EXPECT_LE(now.sources, expected.sources);
    EXPECT_LE(now.records, expected.records);
  }
  EXPECT_GE(kills, 20) << "most runs should have been interrupted";

  // Re-running the same command completes the job: nothing lost, nothing twice.
  ASSERT_EQ(run_command(std::string(ALCOR_BINARY) + " index --segment-mb 0 --index '" + index + "' '" + logs + "'"), 0);
  std::string out;
  EXPECT_EQ(run_command(std::string(ALCOR_BINARY) + " verify --sources --index '" + index + "'", &out), 0) << out;
  Totals after = index_totals(index);
  EXPECT_EQ(after.sources, expected.sources);
  EXPECT_EQ(after.records, expected.records);
}

}  // namespace
}  // namespace alcor
