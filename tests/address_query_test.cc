// Address queries on an address with many hits: every line read back in one
// pass over a gzip source with many access points, pages that add up to the
// whole answer, a total that is always stated, and --no-evidence saying it
// did not re-verify.
#include <gtest/gtest.h>

#include "engine/ingest.h"
#include "engine/query.h"
#include "index/index_reader.h"
#include "tests/test_support.h"

namespace alcor {
namespace {

using testing::run_command;
using testing::TempDir;

constexpr int kLines = 6000;
constexpr int kEvery = 7;  // every 7th line is the heavy client's
const std::string kAlcor = ALCOR_BINARY;

using testing::sh_quote;

// Combined log lines with the client port, one second apart.
std::vector<std::string> make_lines() {
  std::vector<std::string> lines;
  for (int i = 0; i < kLines; ++i) {
    const int s = i % 60, m = i / 60 % 60, h = 10 + i / 3600;
    char time[64];
    std::snprintf(time, sizeof time, "[01/Jan/2026:%02d:%02d:%02d +0900]", h, m, s);
    const std::string ip = i % kEvery == 0 ? "198.51.100.7" : "192.0.2." + std::to_string(i % 250 + 1);
    lines.push_back(ip + " - - " + time + " \"GET /page/" + std::to_string(i) +
                    " HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0 (padding the line to look like a browser's)\" " +
                    std::to_string(20000 + i));
  }
  return lines;
}

class AddressQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lines_ = make_lines();
    std::string text;
    for (const auto& l : lines_) text += l + "\n";
    testing::write_file(dir_ / "access.log", text);
    ASSERT_EQ(run_command("gzip -c " + sh_quote(dir_ / "access.log") + " > " + sh_quote(dir_ / "access.log.1.gz")), 0);
    std::filesystem::remove(dir_ / "access.log");
    IndexWriter writer(dir_ / "idx");
    IngestOptions options;
    options.threads = 1;
    options.chunk_bytes = 64 << 10;           // many blocks
    options.access_point_spacing = 32 << 10;  // many access points between the hits
    ingest(writer, {(dir_ / "access.log.1.gz").string()}, options);
    writer.commit();
  }

  AddressQuery heavy() const {
    AddressQuery q;
    q.prefix = *IpPrefix::parse("198.51.100.7");
    return q;
  }

  TempDir dir_;
  std::vector<std::string> lines_;
};

TEST_F(AddressQueryTest, ReadsBackEveryLineOfAHeavyAddress) {
  IndexReader index(dir_ / "idx");
  AddressAnswer a = find_address(index, heavy());
  const uint64_t expected = (kLines + kEvery - 1) / kEvery;
  EXPECT_EQ(a.total, expected);
  ASSERT_EQ(a.hits.size(), expected) << "limit 0 is all";
  for (const Hit& h : a.hits) {
    ASSERT_TRUE(h.evidence_error.empty()) << h.evidence_error;
    ASSERT_EQ(h.record.raw, lines_[h.record.source.line - 1]);
    EXPECT_TRUE(h.record.offset_exact());
  }
}

TEST_F(AddressQueryTest, PagesAddUpToTheWholeAnswerInTimeOrder) {
  IndexReader index(dir_ / "idx");
  const AddressAnswer all = find_address(index, heavy());
  std::vector<Hit> paged;
  for (uint64_t offset = 0; offset < all.total; offset += 100) {
    AddressQuery q = heavy();
    q.offset = offset;
    q.limit = 100;
    AddressAnswer page = find_address(index, q);
    EXPECT_EQ(page.total, all.total);
    EXPECT_EQ(page.offset, offset);
    paged.insert(paged.end(), page.hits.begin(), page.hits.end());
  }
  ASSERT_EQ(paged.size(), all.hits.size());
  for (size_t i = 0; i < paged.size(); ++i) {
    EXPECT_EQ(paged[i].record.source.line, all.hits[i].record.source.line);
    EXPECT_EQ(paged[i].record.raw, all.hits[i].record.raw);
    if (i > 0) {
      EXPECT_LE(paged[i - 1].record.time.utc_us, paged[i].record.time.utc_us);
    }
  }
  AddressQuery past = heavy();
  past.offset = all.total + 5;
  AddressAnswer none = find_address(index, past);
  EXPECT_TRUE(none.hits.empty());
  EXPECT_EQ(none.total, all.total);
}

TEST_F(AddressQueryTest, WithoutEvidenceSaysSoOnEveryHit) {
  IndexReader index(dir_ / "idx");
  AddressQuery q = heavy();
  q.evidence = false;
  AddressAnswer a = find_address(index, q);
  const AddressAnswer checked = find_address(index, heavy());
  ASSERT_EQ(a.hits.size(), checked.hits.size());
  for (size_t i = 0; i < a.hits.size(); ++i) {
    EXPECT_EQ(a.hits[i].evidence_error, kNotReread);
    EXPECT_TRUE(a.hits[i].record.raw.empty());
    EXPECT_EQ(a.hits[i].record.client, checked.hits[i].record.client);
    EXPECT_EQ(a.hits[i].record.client_port, checked.hits[i].record.client_port);
    EXPECT_EQ(a.hits[i].record.time.utc_us, checked.hits[i].record.time.utc_us);
  }
}

// Standard input cannot be read again, so its blocks keep their lines and
// the page's records come out of them: the same answer, page by page.
TEST_F(AddressQueryTest, PagesFromStandardInputCarryTheirKeptLines) {
  const auto idx = dir_ / "stdin-idx";
  std::string err;
  ASSERT_EQ(run_command("zcat " + sh_quote(dir_ / "access.log.1.gz") + " | " + kAlcor + " index --no-progress --index " +
                            sh_quote(idx) + " -",
                        nullptr, &err),
            0)
      << err;
  IndexReader index(idx);
  const uint64_t expected = (kLines + kEvery - 1) / kEvery;
  uint64_t seen = 0;
  for (uint64_t offset = 0; offset < expected; offset += 300) {
    AddressQuery q = heavy();
    q.offset = offset;
    q.limit = 300;
    const AddressAnswer page = find_address(index, q);
    EXPECT_EQ(page.total, expected);
    for (const Hit& h : page.hits) {
      ASSERT_TRUE(h.evidence_error.empty()) << h.evidence_error;
      ASSERT_EQ(h.record.raw, lines_[h.record.source.line - 1]);
      EXPECT_EQ(h.record.source.line % kEvery, 1u);
    }
    seen += page.hits.size();
  }
  EXPECT_EQ(seen, expected);
}

TEST_F(AddressQueryTest, CommandLineStatesTheTotalWheneverItShowsLess) {
  const std::string query = kAlcor + " query --index " + sh_quote(dir_ / "idx") + " --ip 198.51.100.7";
  std::string out, err;
  ASSERT_EQ(run_command(query, &out, &err), 0) << err;
  // 100 hits (the default page) and the summary.
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 101) << out.substr(0, 500);
  const std::string total = std::to_string((kLines + kEvery - 1) / kEvery);
  EXPECT_NE(out.find("{\"summary\":{\"total_matches\":" + total + ",\"offset\":0,\"shown\":100"), std::string::npos);
  EXPECT_NE(out.find("\"next_offset\":100"), std::string::npos);

  ASSERT_EQ(run_command(query + " --limit 0", &out, &err), 0) << err;
  EXPECT_EQ(out.find("summary"), std::string::npos) << "a complete, checked answer needs no statement";

  ASSERT_EQ(run_command(query + " --limit 0 --no-evidence --output table", &out, &err), 0) << err;
  EXPECT_NE(out.find(total + " matches; shown 1-" + total + ", as indexed: lines not read back"), std::string::npos)
      << out.substr(out.size() - 300);

  ASSERT_EQ(run_command(query + " --offset 850 --output csv", &out, &err), 0) << err;
  EXPECT_NE(err.find(total + " matches; shown 851-" + total), std::string::npos) << err;

  EXPECT_EQ(run_command(kAlcor + " query --index " + sh_quote(dir_ / "idx") +
                            " --at 2026-01-01T10:00:00+09:00 --url /page/1 --limit 5",
                        nullptr, &err),
            1);
  EXPECT_NE(err.find("--limit"), std::string::npos) << err;
}

}  // namespace
}  // namespace alcor
