#include "engine/block_cache.h"

namespace alcor {

const std::vector<StoredRecord>& BlockCache::get(const SegmentReader& seg, size_t block, bool with_lines) {
  const Key key{&seg, block};
  auto found = by_key_.find(key);
  if (found != by_key_.end()) {
    entries_.splice(entries_.begin(), entries_, found->second);
  } else {
    if (entries_.size() >= capacity_) {
      by_key_.erase(entries_.back().key);
      entries_.pop_back();
    }
    entries_.push_front(Entry{key, seg.read_fields(block), false});
    by_key_[key] = entries_.begin();
  }
  Entry& e = entries_.front();
  if (with_lines && !e.lines) {
    seg.read_lines(block, &e.records);
    e.lines = true;
  }
  return e.records;
}

}  // namespace alcor
