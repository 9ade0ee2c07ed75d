// The work one pipeline task does on one chunk of a source: parse every
// line, count what was rejected and why, and encode the parsed records into
// finished index blocks. The result depends on the inputs only, so any
// worker thread can run it; each worker keeps one ChunkIndexer so the block
// builder's tables and compression context are reused from chunk to chunk.
#ifndef ALCOR_ENGINE_CHUNK_INDEXER_H_
#define ALCOR_ENGINE_CHUNK_INDEXER_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "index/manifest.h"
#include "index/record_block.h"
#include "parsers/line_parser.h"
#include "parsers/line_splitter.h"

namespace alcor {

using RejectCounts = std::array<uint64_t, static_cast<size_t>(RejectReason::kCount_)>;

// Reason name -> count, for reports and the manifest.
std::map<std::string, uint64_t> reject_counts_by_name(const RejectCounts& counts);

struct IndexedChunk {
  std::vector<EncodedBlock> blocks;
  uint64_t lines = 0;
  uint64_t records = 0;
  uint64_t text_bytes = 0;
  RejectCounts rejected{};
  TimeSpan span;
  std::map<std::string, TimeSpan, std::less<>> hosts;

  // Adds the counts (not the blocks) of `o`.
  void merge_counts(const IndexedChunk& o);
};

struct BlockLimits {
  uint32_t records = 16384;
  size_t bytes = 8 << 20;
  int zstd_level = 3;
  bool keep_lines = false;  // store raw lines (sources that cannot be read again)
};

class ChunkIndexer {
 public:
  IndexedChunk index(const TextChunk& chunk, LineParser& parser, uint32_t source_id, const BlockLimits& limits);

 private:
  std::optional<BlockBuilder> builder_;  // made for the limits of the last chunk
};

}  // namespace alcor

#endif  // ALCOR_ENGINE_CHUNK_INDEXER_H_
