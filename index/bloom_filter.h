// Per-block Bloom filters that let a query skip blocks that cannot match.
//
// Keys are 64-bit hashes; the filter derives its k probes from one hash by
// double hashing (Kirsch-Mitzenmacher), so callers hash each key once. At
// 8 bits per key and 6 probes the false-positive rate is about 2%: a
// skipped block is certain to hold no match, a kept one is checked record by
// record, so a false positive costs time, never correctness.
#ifndef ALCOR_INDEX_BLOOM_FILTER_H_
#define ALCOR_INDEX_BLOOM_FILTER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>


namespace alcor {

// Builds a filter over `keys` and appends its encoding to *out. The filter
// is sized by the number of keys, so callers pass them without duplicates.
// `hostless_by_path`: see BloomFilterView::hostless_by_path().
void encode_bloom_filter(std::vector<uint64_t> keys, bool hostless_by_path, std::string* out);

// A filter read in place from its encoding.
class BloomFilterView {
 public:
  BloomFilterView() = default;
  // Returns false when `encoded` is not a well-formed filter.
  bool reset(std::string_view encoded);
  bool may_contain(uint64_t key) const;
  // How the block's records without a host are keyed: false, by the pair of
  // host "" and their URL (url_host_key("", ...)); true, by their URL's path
  // key alone, no pair stored. A filter without the flags byte (written
  // into a segment of directory version 2, or copied from one) is the
  // former; a block of one host-less log is now keyed the latter way, which
  // halves its filter (each URL's pair key repeated its path key).
  bool hostless_by_path() const { return hostless_by_path_; }

 private:
  const unsigned char* words_ = nullptr;  // little-endian 64-bit words
  uint64_t bit_count_ = 0;
  bool hostless_by_path_ = false;
};

// --- Keys ------------------------------------------------------------------

// A canonical path?query, with or without the canonical host it was served
// for. Both keys are stored for records that carry a host, so a query that
// names no host still hits.
uint64_t url_path_key(std::string_view path_query);
uint64_t url_host_key(std::string_view host, std::string_view path_query);

// What a record keeps of its URL: 32 bits of url_path_key(). Two URLs of one
// block collide with odds of about 1 in 4 billion per pair; a collision only
// makes a candidate, which evidence (the re-read, re-parsed line) rejects.
inline uint32_t url_record_key(uint64_t path_key) { return static_cast<uint32_t>(path_key >> 32); }

}  // namespace alcor

#endif  // ALCOR_INDEX_BLOOM_FILTER_H_
