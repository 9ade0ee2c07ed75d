// End to end over the generator's corpus: every planted posting is found
// with its exact address, port, time and line, in gzip and zstd archives,
// and the decoys (same URL, minutes away) stay outside a +-60 s window.
#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/test_support.h"

namespace alcor {
namespace {

using testing::run_command;
using testing::TempDir;

struct Posting {
  std::string url, time_local, ip, file, method;
  int64_t port = 0, line = 0, epoch = 0;
  std::vector<int64_t> decoy_offsets_s;
};

std::vector<Posting> read_truth(const std::filesystem::path& path) {
  std::vector<Posting> out;
  simdjson::dom::parser parser;
  simdjson::dom::document_stream docs = parser.load_many(path.string());
  for (simdjson::dom::element e : docs) {
    Posting p;
    p.url = std::string(std::string_view(e["url"]));
    p.time_local = std::string(std::string_view(e["time_local"]));
    p.ip = std::string(std::string_view(e["ip"]));
    p.file = std::string(std::string_view(e["file"]));
    p.method = std::string(std::string_view(e["method"]));
    p.port = int64_t(e["port"]);
    p.line = int64_t(e["line"]);
    p.epoch = int64_t(e["epoch"]);
    for (simdjson::dom::element d : simdjson::dom::array(e["decoys"])) p.decoy_offsets_s.push_back(int64_t(d["offset_s"]));
    out.push_back(std::move(p));
  }
  return out;
}

struct Answer {
  std::string ip, time, path;
  int64_t port = -1, line = 0;
};

std::vector<Answer> parse_answers(const std::string& jsonl) {
  std::vector<Answer> out;
  simdjson::dom::parser parser;
  simdjson::padded_string padded(jsonl);
  for (simdjson::dom::element answer : parser.parse_many(padded)) {
    for (simdjson::dom::element e : simdjson::dom::array(answer["matches"])) {
    Answer a;
    a.ip = std::string(std::string_view(e["ip"]));
    a.time = std::string(std::string_view(e["time"]));
    a.port = e["port"].is_null() ? -1 : int64_t(e["port"]);
    a.path = std::string(std::string_view(e["source"]["path"]));
    a.line = int64_t(e["source"]["line"]);
    out.push_back(std::move(a));
    }
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

  std::vector<Posting> postings = read_truth(truth);
  ASSERT_EQ(postings.size(), 40u);
  for (const Posting& p : postings) {
    SCOPED_TRACE(p.url + " at " + p.time_local);
    std::string out;
    ASSERT_EQ(run_command(std::string(ALCOR_BINARY) + " query " + index + " --at '" + p.time_local +
                              "' --window 60s --method " + p.method + " --url '" + p.url + "'",
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
    for (int64_t d : p.decoy_offsets_s) widest = std::max(widest, std::abs(d));
    ASSERT_EQ(run_command(std::string(ALCOR_BINARY) + " query " + index + " --at " + std::to_string(p.epoch) +
                              " --window " + std::to_string(widest) + "s --url '" + p.url + "'",
                          &out, &err),
              0);
    EXPECT_EQ(parse_answers(out).size(), 1 + p.decoy_offsets_s.size()) << out;
  }
}

INSTANTIATE_TEST_SUITE_P(Compression, PlantedPostings, ::testing::Values("gzip", "zstd", "mixed"));

}  // namespace
}  // namespace alcor
