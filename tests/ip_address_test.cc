#include "parsers/ip_address.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstring>
#include <random>

namespace alcor {
namespace {

std::string canonical(std::string_view text) {
  auto a = IpAddress::parse(text);
  return a ? a->to_string() : "<invalid>";
}

TEST(IpAddress, ParsesAndPrintsIpv4) {
  auto a = IpAddress::parse("192.0.2.1");
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->is_v4());
  EXPECT_EQ(a->v4(), 0xC0000201u);
  EXPECT_EQ(a->to_string(), "192.0.2.1");
  EXPECT_EQ(a->hi(), 0u);
  EXPECT_EQ(a->lo(), 0x0000FFFFC0000201u);
  EXPECT_EQ(*a, IpAddress::from_v4(0xC0000201u));
  EXPECT_EQ(canonical("0.0.0.0"), "0.0.0.0");
  EXPECT_EQ(canonical("255.255.255.255"), "255.255.255.255");
}

TEST(IpAddress, RejectsMalformedIpv4) {
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.04", "01.2.3.4", "1..2.3", "1.2.3.4 ",
                          " 1.2.3.4", "1.2.3.-4", "a.b.c.d", "1.2.3.4/24", "1.2.3.4%eth0", "example.com"}) {
    EXPECT_FALSE(IpAddress::parse(bad)) << bad;
  }
}

TEST(IpAddress, PrintsIpv6AsRfc5952) {
  EXPECT_EQ(canonical("2001:0DB8:0000:0000:0000:0000:0000:0001"), "2001:db8::1");
  EXPECT_EQ(canonical("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");  // first of equal runs
  EXPECT_EQ(canonical("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1");  // one zero group stays
  EXPECT_EQ(canonical("2001:0:0:1:0:0:0:1"), "2001:0:0:1::1");            // the longest run
  EXPECT_EQ(canonical("::"), "::");
  EXPECT_EQ(canonical("::1"), "::1");
  EXPECT_EQ(canonical("1::"), "1::");
  EXPECT_EQ(canonical("::2:3"), "::2:3");  // inet_ntop would print ::0.2.0.3
  EXPECT_EQ(canonical("fe80::1%eth0"), "fe80::1");
  EXPECT_EQ(canonical("2a02:1234:5678:9abc:def0:1234:5678:f215"), "2a02:1234:5678:9abc:def0:1234:5678:f215");
}

TEST(IpAddress, FromWordsIsTheInverseOfHiAndLo) {
  for (const char* text : {"2001:db8::1", "::", "192.0.2.1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "fe80::1:2"}) {
    const IpAddress a = *IpAddress::parse(text);
    EXPECT_EQ(IpAddress::from_words(a.hi(), a.lo()), a) << text;
  }
  EXPECT_EQ(IpAddress::from_words(0x20010db800000000, 1).to_string(), "2001:db8::1");
}

TEST(IpAddress, MappedIpv4IsTheSameAddress) {
  auto mapped = IpAddress::parse("::ffff:192.0.2.1");
  ASSERT_TRUE(mapped);
  EXPECT_TRUE(mapped->is_v4());
  EXPECT_EQ(*mapped, *IpAddress::parse("192.0.2.1"));
  EXPECT_EQ(mapped->to_string(), "192.0.2.1");
  EXPECT_EQ(canonical("::FFFF:c000:0201"), "192.0.2.1");
  EXPECT_FALSE(IpAddress::parse("::1")->is_v4());
}

TEST(IpAddress, RejectsMalformedIpv6) {
  for (const char* bad : {":", ":::", "1:2:3:4:5:6:7:8:9", "2001:db8::1::1", "12345::", "g::1", "fe80::1%",
                          "[::1]", "::1:", "2001:db8::1 ", "1::2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::",
                          "::1:2:3:4:5:6:7:8"}) {
    EXPECT_FALSE(IpAddress::parse(bad)) << bad;
  }
}

// Dotted quads against glibc over texts near the valid ones: parts joined
// by dots (three to five of them, some out of range or with a leading
// zero), and random runs of digits, dots and other bytes.
TEST(IpAddress, ReadsDottedQuadsAsInetPtonDoes) {
  std::mt19937 rng(20261128);
  auto pick = [&](size_t n) { return size_t(rng() % n); };
  const std::string_view parts[] = {"0", "1", "9", "25", "199", "255", "256", "010", "1000", "", "x"};
  const std::string_view pieces[] = {"0", "1", "25", "255", "256", ".", ".", ":", "/", " "};
  size_t accepted = 0;
  for (int round = 0; round < 300000; ++round) {
    std::string text;
    if (round % 2 == 0) {
      for (size_t i = 0, n = 3 + pick(3); i < n; ++i) {
        if (i > 0) text += '.';
        text += parts[pick(pick(4) == 0 ? std::size(parts) : 6)];
      }
    } else {
      for (size_t i = 0, n = 1 + pick(10); i < n; ++i) text += pieces[pick(std::size(pieces))];
    }
    if (text.find(':') != std::string::npos) continue;  // IPv6 text: the next test
    in_addr expected;
    const bool valid = inet_pton(AF_INET, text.c_str(), &expected) == 1;
    const auto got = IpAddress::parse(text);
    ASSERT_EQ(got.has_value(), valid) << text;
    if (valid) {
      ASSERT_EQ(got->v4(), ntohl(expected.s_addr)) << text;
    }
    accepted += valid;
  }
  EXPECT_GT(accepted, 30000u);
  // Every byte at every place of quads of several lengths.
  for (const char* quad : {"0.0.0.0", "1.22.255.9", "255.255.255.255", "100.200.10.1"}) {
    for (size_t at = 0; at < std::strlen(quad); ++at) {
      for (int c = 1; c < 256; ++c) {
        if (c == ':') continue;
        std::string text = quad;
        text[at] = static_cast<char>(c);
        in_addr expected;
        const bool valid = inet_pton(AF_INET, text.c_str(), &expected) == 1;
        ASSERT_EQ(IpAddress::parse(text).has_value(), valid) << text;
      }
    }
  }
}

// Whether IpAddress::parse reads `text` as inet_pton(AF_INET6) does: both
// refuse it, or both take it as the same address (then *valid is set).
::testing::AssertionResult reads_as_inet_pton6(const std::string& text, bool* valid) {
  IpAddress::Bytes expected;
  *valid = inet_pton(AF_INET6, text.c_str(), expected.data()) == 1;
  const auto got = IpAddress::parse(text);
  if (got.has_value() != *valid) return ::testing::AssertionFailure() << text << (*valid ? " refused" : " taken");
  if (*valid && got->bytes() != expected) return ::testing::AssertionFailure() << text << " read as " << got->to_string();
  return ::testing::AssertionSuccess();
}

// IPv6 text has a fast path of its own and falls back to inet_pton for
// the rest: both must read every text alike, valid or not.
TEST(IpAddress, ReadsIpv6TextAsInetPtonDoes) {
  std::mt19937 rng(20261127);
  auto pick = [&](size_t n) { return size_t(rng() % n); };
  const std::string_view pieces[] = {"0", "1", "ab", "fff", "FFFF", "0db8", "12345", ":", "::", ":::", ".", "1.2.3.4",
                                     "255.0.0.01", "g", "-", " "};
  size_t accepted = 0;
  for (int round = 0; round < 200000; ++round) {
    std::string text;
    if (round % 2 == 0) {
      // Groups joined by ':' with maybe one "::" and maybe an IPv4 tail:
      // mostly addresses, some with a group too many or too few.
      const size_t groups = 1 + pick(8);
      const size_t gap = pick(groups + 3);  // == groups: a trailing "::", above: none
      for (size_t g = 0; g < groups; ++g) {
        text += g == gap ? "::" : g > 0 ? ":" : "";
        text += pieces[pick(6)];
      }
      if (gap == groups) text += "::";
      if (pick(8) == 0) text += ":1.2.3.4";
    } else {
      for (size_t i = 0, parts = 1 + pick(17); i < parts; ++i) text += pieces[pick(std::size(pieces))];
    }
    if (text.find(':') == std::string::npos) continue;  // IPv4 text: not this path
    bool valid;
    ASSERT_TRUE(reads_as_inet_pton6(text, &valid));
    accepted += valid;
  }
  EXPECT_GT(accepted, 10000u);  // the comparison covered valid texts too
  // Every byte at every place of texts of several shapes and lengths.
  for (const char* text6 : {"::", "::1", "1::", "2001:db8::ff00:42:8329", "fe80::1:2:3:4:5:6",
                            "2404:7a80:b0fd:78b2:284e:f998:4424:15a4", "0000:0000:0000:0000:0000:0000:0000:0000"}) {
    for (size_t at = 0; at < std::strlen(text6); ++at) {
      for (int c = 1; c < 256; ++c) {
        if (c == '%') continue;  // a zone id, which parse() drops and inet_pton refuses
        std::string text = text6;
        text[at] = static_cast<char>(c);
        bool valid;
        ASSERT_TRUE(reads_as_inet_pton6(text, &valid));
      }
    }
  }
}

TEST(IpAddress, OrdersAsBytes) {
  const std::vector<std::string> sorted = {"::", "::1", "::ff00", "::1:0", "1.2.3.4", "1.2.3.5", "255.255.255.255",
                                           "::1:0:0:0", "1::", "2001:db8::", "2001:db8::1", "8000::", "ffff::"};
  for (size_t i = 0; i + 1 < sorted.size(); ++i) {
    const IpAddress a = *IpAddress::parse(sorted[i]);
    const IpAddress b = *IpAddress::parse(sorted[i + 1]);
    EXPECT_LT(a, b) << sorted[i] << " < " << sorted[i + 1];
    EXPECT_EQ(a <=> b, a.bytes() <=> b.bytes());
    EXPECT_GT(b, a);
  }
}

TEST(IpAddress, OrdersV4BeforeV6GlobalSpace) {
  EXPECT_LT(*IpAddress::parse("10.0.0.1"), *IpAddress::parse("10.0.0.2"));
  EXPECT_LT(*IpAddress::parse("::1"), *IpAddress::parse("1.2.3.4"));
  EXPECT_LT(*IpAddress::parse("255.255.255.255"), *IpAddress::parse("2001:db8::"));
}

TEST(IpAddress, Masked) {
  auto a = *IpAddress::parse("192.0.2.77");
  EXPECT_EQ(a.masked(120).to_string(), "192.0.2.0");
  EXPECT_EQ(a.masked(125).to_string(), "192.0.2.72");
  EXPECT_EQ(a.masked(128), a);
  EXPECT_EQ(a.masked(96).to_string(), "0.0.0.0");
  EXPECT_EQ(a.masked(0).to_string(), "::");
  EXPECT_EQ(IpAddress::parse("2001:db8:abcd:1234::1")->masked(48).to_string(), "2001:db8:abcd::");
  EXPECT_EQ(IpAddress::parse("2001:db8:abcd:1234::1")->masked(52).to_string(), "2001:db8:abcd:1000::");
}

TEST(IpAddress, NextCarriesAcrossBytesAndStopsAtTheTop) {
  EXPECT_EQ(IpAddress::parse("192.0.2.255")->next(), IpAddress::parse("192.0.3.0"));
  EXPECT_EQ(IpAddress::parse("2001:db8::ffff:ffff")->next(), IpAddress::parse("2001:db8::1:0:0"));
  // The last IPv4 address is followed by the first IPv6 address after the mapped block.
  EXPECT_EQ(IpAddress::parse("255.255.255.255")->next(), IpAddress::parse("::1:0:0:0"));
  EXPECT_EQ(IpAddress::parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")->next(), std::nullopt);
}

std::vector<std::string> prefix_texts(const char* first, const char* last) {
  std::vector<std::string> out;
  for (const IpPrefix& p : range_to_prefixes(*IpAddress::parse(first), *IpAddress::parse(last))) {
    out.push_back(p.to_string());
  }
  return out;
}

TEST(RangeToPrefixes, FewestAlignedBlocksInOrder) {
  using Texts = std::vector<std::string>;
  EXPECT_EQ(prefix_texts("192.0.2.0", "192.0.2.255"), Texts{"192.0.2.0/24"});
  EXPECT_EQ(prefix_texts("46.175.64.0", "46.175.87.255"), (Texts{"46.175.64.0/20", "46.175.80.0/21"}));
  EXPECT_EQ(prefix_texts("192.0.2.1", "192.0.2.6"),
            (Texts{"192.0.2.1/32", "192.0.2.2/31", "192.0.2.4/31", "192.0.2.6/32"}));
  EXPECT_EQ(prefix_texts("192.0.2.7", "192.0.2.7"), Texts{"192.0.2.7/32"});
  EXPECT_EQ(prefix_texts("0.0.0.0", "255.255.255.255"), Texts{"0.0.0.0/0"});
  EXPECT_EQ(prefix_texts("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), Texts{"::/0"});
  EXPECT_EQ(prefix_texts("2001:db8::1", "2001:db8::2"), (Texts{"2001:db8::1/128", "2001:db8::2/128"}));
  EXPECT_EQ(prefix_texts("2001:db8::", "2001:db9:ffff:ffff:ffff:ffff:ffff:ffff"), Texts{"2001:db8::/31"});
  EXPECT_EQ(prefix_texts("192.0.2.1", "192.0.2.0"), Texts{});  // reversed: no addresses
}

TEST(IpPrefix, ParsesCountingInThe128BitSpace) {
  auto p = IpPrefix::parse("192.0.2.0/24");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->bits, 120);
  EXPECT_EQ(p->to_string(), "192.0.2.0/24");
  EXPECT_EQ(p->first().to_string(), "192.0.2.0");
  EXPECT_EQ(p->last().to_string(), "192.0.2.255");
  EXPECT_TRUE(p->contains(*IpAddress::parse("192.0.2.200")));
  EXPECT_FALSE(p->contains(*IpAddress::parse("192.0.3.0")));
  EXPECT_TRUE(p->contains(*IpAddress::parse("::ffff:192.0.2.9")));

  auto v6 = IpPrefix::parse("2001:db8::/32");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->bits, 32);
  EXPECT_EQ(v6->last().to_string(), "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
  EXPECT_EQ(v6->to_string(), "2001:db8::/32");

  EXPECT_EQ(IpPrefix::parse("198.51.100.7")->bits, 128);
  EXPECT_EQ(IpPrefix::parse("198.51.100.7")->to_string(), "198.51.100.7/32");
  EXPECT_EQ(IpPrefix::parse("2001:db8::1")->to_string(), "2001:db8::1/128");
  EXPECT_EQ(IpPrefix::parse("0.0.0.0/0")->last().to_string(), "255.255.255.255");
  EXPECT_EQ(IpPrefix::parse("::/0")->last().to_string(), "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
  EXPECT_EQ(IpPrefix::parse("10.1.2.3/31"), std::nullopt);
  EXPECT_EQ(IpPrefix::parse("10.1.2.2/31")->last().to_string(), "10.1.2.3");
}

TEST(IpPrefix, RejectsHostBitsAndBadLengths) {
  // Host bits set: refused, not silently widened to the network.
  EXPECT_FALSE(IpPrefix::parse("192.0.2.7/24"));
  EXPECT_FALSE(IpPrefix::parse("2001:db8::1/32"));
  for (const char* bad : {"192.0.2.0/33", "192.0.2.0/", "192.0.2.0/024", "192.0.2.0/-1", "2001:db8::/129",
                          "192.0.2.0/2x", "/24", "x/24"}) {
    EXPECT_FALSE(IpPrefix::parse(bad)) << bad;
  }
}

struct EndpointCase {
  const char* text;
  bool port_expected;
  const char* address;  // nullptr: rejected
  int port;             // -1: none
};

TEST(Endpoint, ParsesEveryLoggedForm) {
  const EndpointCase cases[] = {
      {"192.0.2.1", false, "192.0.2.1", -1},
      {"192.0.2.1", true, "192.0.2.1", -1},
      {"192.0.2.1:443", false, "192.0.2.1", 443},
      {"192.0.2.1:0", true, "192.0.2.1", 0},
      {"192.0.2.1:65535", true, "192.0.2.1", 65535},
      {"[2001:db8::1]:443", false, "2001:db8::1", 443},
      {"[2001:db8::1]", false, "2001:db8::1", -1},
      {"[fe80::1%eth0]:8080", false, "fe80::1", 8080},
      {"2001:db8::1", false, "2001:db8::1", -1},
      {"2001:db8::1:443", false, "2001:db8::1:443", -1},  // no port documented: all address
      {"2001:db8::1:443", true, "2001:db8::1", 443},      // ELB: last group is the port
      {"2a02:1234:5678:9abc:def0:1234:5678:f215:50718", true, "2a02:1234:5678:9abc:def0:1234:5678:f215", 50718},
      {"2a02:1234:5678:9abc:def0:1234:5678:f215:50718", false, "2a02:1234:5678:9abc:def0:1234:5678:f215", 50718},
      {"::ffff:1.2.3.4:80", false, "1.2.3.4", 80},
      {"::ffff:1.2.3.4:80", true, "1.2.3.4", 80},
      {"::ffff:1.2.3.4", true, "1.2.3.4", -1},
      {"fe80::1%eth0:443", true, "fe80::1", 443},
      {"::1", true, "::1", -1},
      {"192.0.2.1:65536", false, nullptr, -1},
      {"192.0.2.1:", false, nullptr, -1},
      {"192.0.2.1:http", false, nullptr, -1},
      {"[2001:db8::1]443", false, nullptr, -1},
      {"[2001:db8::1", false, nullptr, -1},
      {"[192.0.2.1]:80", false, nullptr, -1},
      {"example.com:80", false, nullptr, -1},
      {"", false, nullptr, -1},
  };
  for (const EndpointCase& c : cases) {
    SCOPED_TRACE(std::string(c.text) + (c.port_expected ? " (port expected)" : ""));
    auto e = parse_endpoint(c.text, c.port_expected);
    if (c.address == nullptr) {
      EXPECT_FALSE(e);
      continue;
    }
    ASSERT_TRUE(e);
    EXPECT_EQ(e->address.to_string(), c.address);
    EXPECT_EQ(e->port ? int(*e->port) : -1, c.port);
  }
}

}  // namespace
}  // namespace alcor
