// Decoded index blocks kept for reuse: a batch asks about nearby times
// again and again, and decoding a block (zstd, then thousands of records)
// costs far more than checking its records. Least recently used blocks are
// dropped beyond the capacity.
#ifndef ALCOR_ENGINE_BLOCK_CACHE_H_
#define ALCOR_ENGINE_BLOCK_CACHE_H_

#include <cstddef>
#include <list>
#include <unordered_map>
#include <utility>
#include <vector>

#include "index/segment.h"

namespace alcor {

class BlockCache {
 public:
  explicit BlockCache(size_t capacity_blocks) : capacity_(capacity_blocks < 1 ? 1 : capacity_blocks) {}
  BlockCache(const BlockCache&) = delete;
  BlockCache& operator=(const BlockCache&) = delete;

  // The records of block `block` of `seg`, decoded; with their raw lines
  // when `with_lines`. The reference is valid until the next call.
  const std::vector<StoredRecord>& get(const SegmentReader& seg, size_t block, bool with_lines);

 private:
  using Key = std::pair<const SegmentReader*, size_t>;
  struct KeyHash {
    size_t operator()(const Key& k) const { return std::hash<const void*>()(k.first) * 31 + k.second; }
  };
  struct Entry {
    Key key;
    std::vector<StoredRecord> records;
    bool lines = false;
  };

  size_t capacity_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<Key, std::list<Entry>::iterator, KeyHash> by_key_;
};

}  // namespace alcor

#endif  // ALCOR_ENGINE_BLOCK_CACHE_H_
