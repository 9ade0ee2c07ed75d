#include "index/bloom_filter.h"

#define XXH_INLINE_ALL  // the hash is on the ingest hot path
#include <xxhash.h>

#include <algorithm>

#include "index/byte_codec.h"
#include "index/fast_modulo.h"

namespace alcor {
namespace {

// 8 bits per key with 6 probes: about 2% false positives. A false positive
// costs one block decode; the filters are a sizeable part of the index.
constexpr int kProbes = 6;
constexpr uint64_t kBitsPerKey = 8;

// Seeds keep the key families apart: a path can never collide with a
// host+path key by construction of the input alone.
constexpr uint64_t kSeedPath = 0x616c636f722d7061;
constexpr uint64_t kSeedHost = 0x616c636f722d686f;

template <typename Fn>
void for_each_probe(uint64_t key, const FastModulo& bit_count, Fn&& fn) {
  uint64_t h1 = key;
  uint64_t h2 = (key >> 32) | (key << 32);
  h2 |= 1;  // odd, so probes cycle through all positions
  for (int i = 0; i < kProbes; ++i) fn(bit_count(h1 + static_cast<uint64_t>(i) * h2));
}

// The flags byte after the words (which filters of segment directory
// version 2 end without).
constexpr uint8_t kHostlessByPath = 1;

}  // namespace

void encode_bloom_filter(std::vector<uint64_t> keys, bool hostless_by_path, std::string* out) {
  uint64_t words = std::max<uint64_t>(1, (keys.size() * kBitsPerKey + 63) / 64);
  std::vector<uint64_t> bits(words, 0);
  const FastModulo bit_count(words * 64);
  for (uint64_t k : keys) {
    for_each_probe(k, bit_count, [&](uint64_t bit) { bits[bit / 64] |= uint64_t{1} << (bit % 64); });
  }
  ByteWriter w;
  w.varint(words);
  for (uint64_t v : bits) w.fixed64(v);
  w.u8(hostless_by_path ? kHostlessByPath : 0);
  out->append(w.data());
}

bool BloomFilterView::reset(std::string_view encoded) {
  ByteReader r(encoded, "bloom filter");
  try {
    uint64_t words = r.varint();
    if (words == 0 || words > r.remaining() / 8) return false;
    const auto* bits = reinterpret_cast<const unsigned char*>(r.bytes(words * 8).data());
    const uint8_t flags = r.remaining() > 0 ? r.u8() : 0;
    if ((flags & ~kHostlessByPath) != 0 || r.remaining() > 0) return false;
    words_ = bits;
    bit_count_ = words * 64;
    hostless_by_path_ = flags & kHostlessByPath;
  } catch (const IndexError&) {
    return false;
  }
  return true;
}

bool BloomFilterView::may_contain(uint64_t key) const {
  if (bit_count_ == 0) return true;
  bool all = true;
  for_each_probe(key, FastModulo(bit_count_), [&](uint64_t bit) {
    unsigned char byte = words_[bit / 8];  // little-endian words: byte order = bit order
    all = all && (byte >> (bit % 8) & 1);
  });
  return all;
}

uint64_t url_path_key(std::string_view path_query) {
  return XXH3_64bits_withSeed(path_query.data(), path_query.size(), kSeedPath);
}

uint64_t url_host_key(std::string_view host, std::string_view path_query) {
  thread_local std::string key;
  key.assign(host);
  key.push_back('\0');
  key.append(path_query);
  return XXH3_64bits_withSeed(key.data(), key.size(), kSeedHost);
}

}  // namespace alcor
