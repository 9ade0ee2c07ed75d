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
std::string reference_filter(const std::vector<uint64_t>& keys, bool hostless_by_path) {
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
  w.u8(hostless_by_path ? 1 : 0);  // the flags byte
  return std::string(w.data());
}

TEST(BloomFilter, SetsTheBitsOfTheFormat) {
  std::mt19937_64 rng(4);
  for (size_t n : {0, 1, 7, 100, 5000}) {
    std::vector<uint64_t> keys(n);
    for (uint64_t& k : keys) k = rng();
    if (n > 2) keys[0] = ~uint64_t{0}, keys[1] = 0, keys[2] = uint64_t{1} << 63;  // sums that wrap at once, or never
    for (bool hostless_by_path : {false, true}) {
      std::string encoded;
      encode_bloom_filter(keys, hostless_by_path, &encoded);
      EXPECT_EQ(encoded, reference_filter(keys, hostless_by_path)) << n << " keys";
      BloomFilterView view;
      ASSERT_TRUE(view.reset(encoded));
      EXPECT_EQ(view.hostless_by_path(), hostless_by_path);
      for (uint64_t k : keys) EXPECT_TRUE(view.may_contain(k)) << k;
    }
  }
}

// Filters of segment directory version 2 end with their words; those after
// it with a flags byte, of which one bit is known.
TEST(BloomFilter, ReadsFiltersWithAndWithoutTheFlagsByte) {
  const std::vector<uint64_t> keys = {1, 2, 3};
  std::string current;
  encode_bloom_filter(keys, true, &current);
  const std::string version2 = current.substr(0, current.size() - 1);
  BloomFilterView view;
  ASSERT_TRUE(view.reset(version2));
  EXPECT_FALSE(view.hostless_by_path());  // keyed by the pair of host ""
  for (uint64_t k : keys) EXPECT_TRUE(view.may_contain(k));
  for (const std::string& bad : {version2 + '\x02', version2 + '\x81', current + '\0'}) {
    EXPECT_FALSE(BloomFilterView().reset(bad)) << "unknown flag or a byte too many";
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
  encode_bloom_filter(keys, false, &encoded);
  BloomFilterView view;
  ASSERT_TRUE(view.reset(encoded));
  int hits = 0;
  for (int i = 0; i < 10000; ++i) hits += view.may_contain(rng());
  EXPECT_LT(hits, 500);  // about 2% expected
}

}  // namespace
}  // namespace alcor
