// Address arithmetic used by the registry importers.
#include <gtest/gtest.h>

#include "parsers/registry_ip.h"

namespace alcor::registry {
namespace {

IpAddress ip(const char* text) {
  auto a = parse_ip(text);
  EXPECT_TRUE(a.has_value()) << text;
  return a.value_or(IpAddress());
}

TEST(RegistryIp, ParsesZeroPaddedIpv4AsDecimal) {
  // ARIN's RDAP writes "074.125.000.000": 74, not octal 60.
  EXPECT_EQ(ip("074.125.000.000").to_string(), "74.125.0.0");
  EXPECT_TRUE(ip("192.0.2.1").is_v4());
  EXPECT_FALSE(parse_ip("256.1.1.1"));
  EXPECT_FALSE(parse_ip("1.2.3"));
  EXPECT_FALSE(parse_ip("1.2.3.4.5"));
}

TEST(RegistryIp, ParsesExpandedIpv6AndPrintsCompressed) {
  EXPECT_EQ(ip("2001:4860:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF").to_string(), "2001:4860:ffff:ffff:ffff:ffff:ffff:ffff");
  EXPECT_EQ(ip("2001:0dc2::").to_string(), "2001:dc2::");
  EXPECT_FALSE(ip("2001:dc2::").is_v4());
}

TEST(RegistryIp, RangesInEveryRegistryShape) {
  auto dash = parse_range("27.80.0.0 - 27.95.255.255");
  ASSERT_TRUE(dash);
  EXPECT_EQ(range_to_cidrs(*dash), std::vector<std::string>{"27.80.0.0/12"});
  auto lacnic = parse_range("24.232.16/24");  // LACNIC abbreviates trailing zero octets
  ASSERT_TRUE(lacnic);
  EXPECT_EQ(lacnic->first.to_string(), "24.232.16.0");
  EXPECT_EQ(lacnic->last.to_string(), "24.232.16.255");
  auto v6 = parse_range("2001:0240:010c::/48");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->last.to_string(), "2001:240:10c:ffff:ffff:ffff:ffff:ffff");
  EXPECT_FALSE(parse_range("10.0.0.1/8"));  // host bits set: a typo, not a network
  EXPECT_FALSE(parse_range("27.95.255.255 - 27.80.0.0"));
  EXPECT_FALSE(parse_range("192.0.2.0 - 2001:db8::"));
}

TEST(RegistryIp, AddressCountsThatAreNotPowersOfTwoNeedSeveralPrefixes) {
  // delegated-ripencc: ripencc|UA|ipv4|46.175.64.0|6144|20110208|assigned
  auto r = v4_count_range(ip("46.175.64.0"), 6144);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->last.to_string(), "46.175.87.255");
  EXPECT_EQ(range_to_cidrs(*r), (std::vector<std::string>{"46.175.64.0/20", "46.175.80.0/21"}));
  auto odd = v4_count_range(ip("91.194.96.0"), 1536);
  ASSERT_TRUE(odd);
  EXPECT_EQ(range_to_cidrs(*odd), (std::vector<std::string>{"91.194.96.0/22", "91.194.100.0/23"}));
  EXPECT_FALSE(v4_count_range(ip("255.255.255.0"), 512));  // runs past the address space
  EXPECT_FALSE(v4_count_range(ip("2001:db8::"), 1));
}

TEST(RegistryIp, WholeSpacesAndSingleAddresses) {
  auto all_v4 = prefix_range(ip("0.0.0.0"), 0);
  ASSERT_TRUE(all_v4);
  EXPECT_EQ(range_to_cidrs(*all_v4), std::vector<std::string>{"0.0.0.0/0"});
  auto all_v6 = prefix_range(ip("::"), 0);
  ASSERT_TRUE(all_v6);
  EXPECT_EQ(range_to_cidrs(*all_v6), std::vector<std::string>{"::/0"});
  EXPECT_EQ(range_to_cidrs({ip("192.0.2.7"), ip("192.0.2.7")}), std::vector<std::string>{"192.0.2.7/32"});
  EXPECT_EQ(range_to_cidrs({ip("2001:db8::1"), ip("2001:db8::2")}),
            (std::vector<std::string>{"2001:db8::1/128", "2001:db8::2/128"}));
}

}  // namespace
}  // namespace alcor::registry
