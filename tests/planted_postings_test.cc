// End to end over the generator's corpus: every planted posting is found
// with its exact address, port, time and line, in gzip and zstd archives,
// and the decoys (same URL, minutes away) stay outside a +-60 s window.
#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/loggen_truth.h"
#include "tests/test_support.h"

namespace alcor {
namespace {

using testing::LoggedRequest;
using testing::parse_truth;
using testing::read_file;
using testing::run_command;
using testing::TempDir;
using testing::TruthEntry;

struct Answer {
  std::string ip, time, path;
  int64_t port = -1, line = 0;
};

std::vector<Answer> parse_answers(const std::string& jsonl) {
  std::vector<Answer> out;
  simdjson::dom::parser parser;
  simdjson::padded_string padded(jsonl);
  for (simdjson::dom::element e : parser.parse_many(padded)) {
    Answer a;
    a.ip = std::string(std::string_view(e["ip"]));
    a.time = std::string(std::string_view(e["time"]));
    a.port = e["port"].is_null() ? -1 : int64_t(e["port"]);
    a.path = std::string(std::string_view(e["source"]["path"]));
    a.line = int64_t(e["source"]["line"]);
    out.push_back(std::move(a));
  }
  return out;
}

class PlantedPostings : public ::testing::TestWithParam<std::string> {};

TEST_P(PlantedPostings, EveryPostingFoundExactlyAndNoDecoyInsideTheWindow) {
  TempDir dir;
  auto logs = dir / "logs";
  auto truth = dir / "truth.jsonl";
  std::string err;
  ASSERT_EQ(run_command(std::string(ALCOR_LOGGEN_BINARY) + " -o '" + logs.string() + "' --lines 60000 --files 4 " +
                            "--plain-newest 0 --plant 40 --seed 7 --compress " + GetParam() + " --truth '" +
                            truth.string() + "'",
                        nullptr, &err),
            0)
      << err;
  std::string index = "--index '" + (dir / "idx").string() + "'";
  ASSERT_EQ(run_command(std::string(ALCOR_BINARY) + " index " + index + " '" + logs.string() + "'", nullptr, &err), 0)
      << err;

  std::vector<TruthEntry> postings = parse_truth(read_file(truth));
  ASSERT_EQ(postings.size(), 40u);
  for (const TruthEntry& t : postings) {
    const LoggedRequest& p = t.posting;
    SCOPED_TRACE(t.url + " at " + p.time_local);
    std::string out;
    ASSERT_EQ(run_command(std::string(ALCOR_BINARY) + " query " + index + " --at '" + p.time_local +
                              "' --window 60s --method " + p.method + " --url '" + t.url + "'",
                          &out, &err),
              0)
        << err;
    std::vector<Answer> answers = parse_answers(out);
    ASSERT_EQ(answers.size(), 1u) << out;
    EXPECT_EQ(answers[0].ip, p.ip);
    EXPECT_EQ(answers[0].port, p.port);
    EXPECT_EQ(answers[0].time, p.time_local);
    EXPECT_EQ(answers[0].line, p.line);
    EXPECT_EQ(std::filesystem::path(answers[0].path).filename(), p.file);

    // A window that reaches every decoy finds them too (they are real
    // requests to the same URL, just not the asked one).
    int64_t widest = 0;
    for (const LoggedRequest& d : t.decoys) widest = std::max(widest, std::abs(d.epoch - p.epoch));
    ASSERT_EQ(run_command(std::string(ALCOR_BINARY) + " query " + index + " --at " + std::to_string(p.epoch) +
                              " --window " + std::to_string(widest) + "s --url '" + t.url + "'",
                          &out, &err),
              0);
    EXPECT_EQ(parse_answers(out).size(), 1 + t.decoys.size()) << out;
  }
}

INSTANTIATE_TEST_SUITE_P(Compression, PlantedPostings, ::testing::Values("gzip", "zstd", "mixed"));

}  // namespace
}  // namespace alcor
