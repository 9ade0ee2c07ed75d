#include "index/bloom_filter.h"

#include <gtest/gtest.h>

#include <random>

#include "index/byte_codec.h"
#include "index/fast_modulo.h"

namespace alcor {
namespace {

// The bits a filter sets are part of the index format: probe i of key k is
// bit (k + i * h2) mod 2^64 mod bit_count with h2 = (k rotated by 32) | 1.
// Written out here the slow way, so a faster encoder cannot drift from it.
std::string reference_filter(const std::vector<uint64_t>& keys) {
  const uint64_t words = std::max<uint64_t>(1, (keys.size() * 8 + 63) / 64);
  std::vector<uint64_t> bits(words, 0);
  for (uint64_t k : keys) {
    const uint64_t h2 = ((k >> 32) | (k << 32)) | 1;
    for (uint64_t i = 0; i < 6; ++i) {
      const uint64_t bit = (k + i * h2) % (words * 64);
      bits[bit / 64] |= uint64_t{1} << (bit % 64);
    }
  }
  ByteWriter w;
  w.varint(words);
  for (uint64_t v : bits) w.fixed64(v);
  return std::string(w.data());
}

TEST(BloomFilter, SetsTheBitsOfTheFormat) {
  std::mt19937_64 rng(4);
  for (size_t n : {0, 1, 7, 100, 5000}) {
    std::vector<uint64_t> keys(n);
    for (uint64_t& k : keys) k = rng();
    if (n > 2) keys[0] = ~uint64_t{0}, keys[1] = 0, keys[2] = uint64_t{1} << 63;  // sums that wrap at once, or never
    std::string encoded;
    encode_bloom_filter(keys, &encoded);
    EXPECT_EQ(encoded, reference_filter(keys)) << n << " keys";
    BloomFilterView view;
    ASSERT_TRUE(view.reset(encoded));
    for (uint64_t k : keys) EXPECT_TRUE(view.may_contain(k)) << k;
  }
}

TEST(FastModulo, EqualsTheRemainderForEveryDivisorSize) {
  std::mt19937_64 rng(9);
  std::vector<uint64_t> divisors = {1, 2, 3, 63, 64, 65, 1000, 4096, 1ull << 32, (1ull << 32) + 1,
                                    (1ull << 63) - 1, 1ull << 63, (1ull << 63) + 1, ~uint64_t{0} - 1, ~uint64_t{0}};
  for (int i = 0; i < 200; ++i) divisors.push_back(rng() >> (rng() % 64) | 1);
  for (uint64_t d : divisors) {
    const FastModulo mod(d);
    std::vector<uint64_t> xs = {0, 1, d - 1, d, d + 1, ~uint64_t{0}, ~uint64_t{0} - 1, ~uint64_t{0} - d};
    for (int i = 0; i < 2000; ++i) xs.push_back(rng());
    for (uint64_t x : xs) ASSERT_EQ(mod(x), x % d) << x << " % " << d;
  }
}

TEST(BloomFilter, RejectsMostAbsentKeys) {
  std::mt19937_64 rng(5);
  std::vector<uint64_t> keys(10000);
  for (uint64_t& k : keys) k = rng();
  std::string encoded;
  encode_bloom_filter(keys, &encoded);
  BloomFilterView view;
  ASSERT_TRUE(view.reset(encoded));
  int hits = 0;
  for (int i = 0; i < 10000; ++i) hits += view.may_contain(rng());
  EXPECT_LT(hits, 500);  // about 2% expected
}

}  // namespace
}  // namespace alcor
