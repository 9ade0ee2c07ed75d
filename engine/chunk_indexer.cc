#include "engine/chunk_indexer.h"

namespace alcor {

std::map<std::string, uint64_t> reject_counts_by_name(const RejectCounts& counts) {
  std::map<std::string, uint64_t> out;
  for (size_t i = 1; i < counts.size(); ++i) {
    if (counts[i] > 0) out[std::string(reject_reason_name(static_cast<RejectReason>(i)))] = counts[i];
  }
  return out;
}

void IndexedChunk::merge_counts(const IndexedChunk& o) {
  lines += o.lines;
  records += o.records;
  text_bytes += o.text_bytes;
  for (size_t i = 0; i < rejected.size(); ++i) rejected[i] += o.rejected[i];
  span.merge(o.span);
  for (const auto& [host, s] : o.hosts) {
    auto it = hosts.find(host);
    if (it == hosts.end()) it = hosts.emplace(host, TimeSpan{}).first;
    it->second.merge(s);
  }
}

IndexedChunk ChunkIndexer::index(const TextChunk& chunk, LineParser& parser, uint32_t source_id,
                                 const BlockLimits& limits) {
  IndexedChunk out;
  out.text_bytes = chunk.data.size();
  if (!builder_ || builder_->zstd_level() != limits.zstd_level || builder_->keep_lines() != limits.keep_lines) {
    builder_.emplace(limits.zstd_level, limits.keep_lines);
  }
  BlockBuilder& builder = *builder_;
  builder.reset();  // a chunk that threw or ended in rejected lines left state behind
  LogRecord record;
  std::string_view last_host;
  TimeSpan* last_span = nullptr;  // span of last_host: skips most map lookups
  for_each_line(chunk, [&](const Line& line) {
    ++out.lines;
    RejectReason why = line.too_long ? RejectReason::kTooLong : parser.parse(line.text, &record);
    if (why != RejectReason::kNone) {
      ++out.rejected[static_cast<size_t>(why)];
      builder.add_rejected();
      return;
    }
    builder.add(record, Provenance{source_id, line.number, line.offset}, line.text);
    ++out.records;
    out.span.add(record.time.utc_us);
    if (last_span == nullptr || record.host != last_host) {
      auto it = out.hosts.find(record.host);
      if (it == out.hosts.end()) it = out.hosts.emplace(std::string(record.host), TimeSpan{}).first;
      last_span = &it->second;
      last_host = it->first;
    }
    last_span->add(record.time.utc_us);
    if (builder.records() >= limits.records || builder.buffered_bytes() >= limits.bytes) {
      out.blocks.push_back(builder.finish());
    }
  });
  if (builder.records() > 0) {
    out.blocks.push_back(builder.finish());
  } else if (!out.blocks.empty()) {
    // Rejected lines after the chunk's last record belong with it: a block
    // without records has no time to be found by.
    out.blocks.back().summary.rejected_lines += builder.rejected_lines();
  }
  return out;
}

}  // namespace alcor
