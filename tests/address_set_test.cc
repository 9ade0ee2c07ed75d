// The block address set: exact round trip, prefix ranges at any length, and
// damaged encodings refused.
#include <gtest/gtest.h>

#include <algorithm>

#include "index/address_set.h"
#include "index/file_util.h"

namespace alcor {
namespace {

std::vector<IpAddress> parse_all(std::vector<std::string> texts) {
  std::vector<IpAddress> out;
  for (const auto& t : texts) out.push_back(*IpAddress::parse(t));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(AddressSet, RoundTripsIpv4Ipv6AndTheExtremes) {
  std::vector<IpAddress> sorted =
      parse_all({"::", "0.0.0.1", "192.0.2.1", "192.0.2.200", "198.51.100.7", "2001:db8::1", "2001:db8:0:1::",
                 "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"});
  std::string encoded;
  encode_address_set(sorted, &encoded);
  EXPECT_EQ(decode_address_set(encoded, "test"), sorted);

  std::string empty;
  encode_address_set({}, &empty);
  EXPECT_TRUE(decode_address_set(empty, "test").empty());
}

TEST(AddressSet, NeighboursInOneNetworkCostAByteEach) {
  std::vector<IpAddress> sorted;
  for (int i = 1; i <= 100; ++i) sorted.push_back(*IpAddress::parse("203.0.113." + std::to_string(i)));
  std::string encoded;
  encode_address_set(sorted, &encoded);
  // The count, the first address (16 bytes as a 128-bit number, about 19
  // varint bytes), then gaps of 1.
  EXPECT_LE(encoded.size(), 1u + 19u + 99u);
}

TEST(AddressSet, PrefixRanksAreExactAtAnyLength) {
  std::vector<IpAddress> sorted = parse_all({"10.0.0.1", "192.0.2.1", "192.0.2.255", "192.0.3.0", "2001:db8::1",
                                             "2001:db8:1::1", "2001:db9::1"});
  std::string encoded;
  encode_address_set(sorted, &encoded);
  using Ranks = std::pair<uint64_t, uint64_t>;
  auto range = [&](std::string_view cidr) { return address_set_ranks(encoded, *IpPrefix::parse(cidr), "test"); };
  EXPECT_EQ(range("192.0.2.0/24"), (Ranks{1, 3}));
  EXPECT_EQ(range("192.0.2.0/23"), (Ranks{1, 4}));
  EXPECT_EQ(range("192.0.2.1/32"), (Ranks{1, 2}));
  EXPECT_EQ(range("192.0.2.2/32").first, range("192.0.2.2/32").second);
  EXPECT_EQ(range("2001:db8::/48"), (Ranks{4, 5}));
  EXPECT_EQ(range("2001:db8::/32"), (Ranks{4, 6}));
  EXPECT_EQ(range("0.0.0.0/0"), (Ranks{0, 4}));
  EXPECT_EQ(range("::/0"), (Ranks{0, sorted.size()}));
}

TEST(AddressSet, RefusesDamagedEncodings) {
  std::string encoded;
  encode_address_set(parse_all({"192.0.2.1", "192.0.2.2"}), &encoded);
  // Truncated, or with a byte too many.
  EXPECT_THROW(decode_address_set(encoded.substr(0, encoded.size() - 1), "test"), IndexError);
  EXPECT_THROW(decode_address_set(encoded + '\0', "test"), IndexError);
  // A repeated address (a gap of 0 after the first).
  std::string repeated = encoded;
  repeated.back() = '\0';
  EXPECT_THROW(decode_address_set(repeated, "test"), IndexError);
  // A count the bytes cannot hold.
  EXPECT_THROW(decode_address_set(std::string("\x7f\x01", 2), "test"), IndexError);
  // A gap past 128 bits, and a sum past 128 bits.
  std::string too_wide = "\x01" + std::string(18, '\xff') + "\x04";
  EXPECT_THROW(decode_address_set(too_wide, "test"), IndexError);
  std::string max;
  encode_address_set(parse_all({"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}), &max);
  max[0] = 2;
  max += '\x01';
  EXPECT_THROW(decode_address_set(max, "test"), IndexError);
}

}  // namespace
}  // namespace alcor
