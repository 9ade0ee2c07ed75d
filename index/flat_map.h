// An insert-only open-addressing hash map for the per-block dictionaries.
//
// A block builder looks up several keys per log line and empties its
// dictionaries every block; std::unordered_map spends most of that time in
// node allocation, rehashing and clearing. Here slots live in flat arrays,
// a lookup is a linear probe, and clear() is O(1): each slot carries the
// generation it was filled in, and clearing starts a new generation.
#ifndef ALCOR_INDEX_FLAT_MAP_H_
#define ALCOR_INDEX_FLAT_MAP_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace alcor {

template <typename Key, typename Hash>
class FlatMap {
 public:
  explicit FlatMap(size_t expected = 1024) { allocate(capacity_for(expected)); }

  // The value stored for `key`, or `value` after inserting it; `.second`
  // says whether it was inserted.
  std::pair<uint32_t, bool> try_emplace(const Key& key, uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    size_t i = Hash{}(key) & mask_;
    while (slots_[i].generation == generation_) {
      if (slots_[i].key == key) return {slots_[i].value, false};
      i = (i + 1) & mask_;
    }
    slots_[i] = Slot{key, value, generation_};
    ++size_;
    return {value, true};
  }

  // Starts loading the slot where a lookup of `key` begins, for a caller
  // with other work to do before it looks up.
  void prefetch(const Key& key) const { __builtin_prefetch(&slots_[Hash{}(key) & mask_]); }

  size_t size() const { return size_; }

  void clear() {
    size_ = 0;
    if (++generation_ == 0) {  // wrapped: really forget every slot once
      for (Slot& s : slots_) s.generation = 0;
      generation_ = 1;
    }
  }

 private:
  struct Slot {
    Key key{};
    uint32_t value = 0;
    uint32_t generation = 0;  // filled in this generation; 0: never
  };

  static size_t capacity_for(size_t n) {
    size_t c = 16;
    while (c < n * 2) c *= 2;
    return c;
  }

  void allocate(size_t capacity) {
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
  }

  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    uint32_t live = generation_;
    allocate(old.size() * 2);
    generation_ = 1;
    size_ = 0;
    for (const Slot& s : old) {
      if (s.generation == live) try_emplace(s.key, s.value);
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
  uint32_t generation_ = 1;
};

// Keys that are already hashes (URL keys) only need their bits mixed.
struct MixU64 {
  size_t operator()(uint64_t k) const noexcept {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return static_cast<size_t>(k);
  }
};

}  // namespace alcor

#endif  // ALCOR_INDEX_FLAT_MAP_H_
