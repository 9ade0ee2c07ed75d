#include "engine/chunk_indexer.h"

#include <gtest/gtest.h>

#include <memory>
#include <numeric>
#include <string>

#include "parsers/format_registry.h"

namespace alcor {
namespace {

// A chunk of `lines` combined-format lines, one rejected line among them.
TextChunk combined_chunk(size_t lines) {
  TextChunk chunk;
  std::string text;
  for (size_t i = 0; i < lines; ++i) {
    if (i == lines / 2) {
      text += "not a log line";
    } else {
      text += "192.0.2." + std::to_string(i % 200) +
              " - - [10/Oct/2025:13:55:36 +0900] \"GET /p/" + std::to_string(i) +
              " HTTP/1.1\" 200 12 \"-\" \"agent\"";
    }
    chunk.line_ends.push_back(static_cast<uint32_t>(text.size()));
    text += '\n';
  }
  chunk.data.assign(text);
  return chunk;
}

std::vector<uint32_t> block_records(size_t lines, uint32_t limit) {
  std::string error;
  std::unique_ptr<LineParser> parser = make_parser("combined", ParseOptions{}, &error);
  EXPECT_NE(parser, nullptr) << error;
  BlockLimits limits;
  limits.records = limit;
  ChunkIndexer indexer;
  IndexedChunk out = indexer.index(combined_chunk(lines), *parser, 1, limits);
  std::vector<uint32_t> records;
  for (const EncodedBlock& b : out.blocks) records.push_back(b.summary.records);
  EXPECT_EQ(out.records, std::accumulate(records.begin(), records.end(), uint64_t{0}));
  EXPECT_EQ(out.records + 1, lines);
  return records;
}

TEST(ChunkIndexer, BlocksEndAtTheRecordLimit) {
  EXPECT_EQ(block_records(300, 80), (std::vector<uint32_t>{80, 80, 80, 59}));
}

// A chunk holds a little more than a block: its last few lines join the last
// block rather than make a tiny one.
TEST(ChunkIndexer, AFewLinesPastTheLimitJoinTheLastBlock) {
  EXPECT_EQ(block_records(88, 80), (std::vector<uint32_t>{87}));
  EXPECT_EQ(block_records(170, 80), (std::vector<uint32_t>{80, 89}));
  // More than an eighth of the limit past it: a block of their own.
  EXPECT_EQ(block_records(95, 80), (std::vector<uint32_t>{80, 14}));
}

}  // namespace
}  // namespace alcor
