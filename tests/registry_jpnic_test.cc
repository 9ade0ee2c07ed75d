// JPNIC whois answers: 割り振り versus 割り当て, [Abuse], old and new layouts.
#include <gtest/gtest.h>

#include "parsers/registry_jpnic.h"
#include "parsers/registry_source.h"
#include "tests/registry_samples.h"

namespace alcor::registry {
namespace {
using testing::parse_sample;

TEST(RegistryJpnic, AllocationToAnAccessProvider) {
  ImportBatch b = parse_sample("jsakamoto-WhoisClient.NET/jpnic_ja_ipv4_allocation_27.80.0.0_12_KDDI.txt");
  EXPECT_EQ(b.kind, SourceKind::kJpnic);
  ASSERT_EQ(b.networks.size(), 1u);
  const Network& n = b.networks[0];
  EXPECT_EQ(range_to_cidrs(n.range), std::vector<std::string>{"27.80.0.0/12"});
  EXPECT_EQ(n.delegation, Delegation::kAllocation);  // [割振年月日]
  EXPECT_EQ(n.date, "2010-04-28");
  EXPECT_EQ(n.holder, "KDDI CORPORATION");
  EXPECT_EQ(n.holder_alt, "KDDI株式会社");
  EXPECT_EQ(n.netname, "");  // [ネットワーク名] left empty
  EXPECT_EQ(n.abuse_mailboxes, std::vector<std::string>{"abuse@dion.ne.jp"});
  EXPECT_EQ(n.source, "JPNIC");
  EXPECT_EQ(n.refs.front(), (ContactRef{"admin-c", "JP00000127"}));
}

TEST(RegistryJpnic, Ipv6AssignmentWithEmptyAbuse) {
  ImportBatch b = parse_sample("jsakamoto-WhoisClient.NET/jpnic_ja_ipv6_assignment_2001-0dc2__32.txt");
  ASSERT_EQ(b.networks.size(), 1u);
  const Network& n = b.networks[0];
  EXPECT_EQ(range_to_cidrs(n.range), std::vector<std::string>{"2001:dc2::/32"});
  EXPECT_EQ(n.delegation, Delegation::kAssignment);  // [割当年月日]
  EXPECT_EQ(n.date, "2003-05-29");
  EXPECT_TRUE(n.abuse_mailboxes.empty());
  EXPECT_EQ(n.refs.size(), 6u);  // one admin, five tech contacts
}

TEST(RegistryJpnic, OldStyleKeyLetters) {
  ImportBatch b = parse_sample("jsakamoto-WhoisClient.NET/jpnic_ja_ipv4_withkeyletters_192.41.192.0_24.txt");
  ASSERT_EQ(b.networks.size(), 1u);
  EXPECT_EQ(b.networks[0].netname, "JPNICNET");
  EXPECT_EQ(b.networks[0].holder, "Japan Network Information Center");
  EXPECT_EQ(b.networks[0].delegation, Delegation::kUnknown);  // the excerpt has no date lines
}

TEST(RegistryJpnic, EnglishGatewayHtml) {
  ImportBatch b = parse_sample("secynic-ipwhois/jpnic_gateway_133.1.2.5.html");
  ASSERT_EQ(b.networks.size(), 1u);
  EXPECT_EQ(range_to_cidrs(b.networks[0].range), std::vector<std::string>{"133.1.0.0/16"});
  EXPECT_EQ(b.networks[0].netname, "OSAKAU-NET");
  EXPECT_EQ(b.networks[0].delegation, Delegation::kAssignment);  // [Assigned Date], empty
  EXPECT_EQ(b.networks[0].refs.front(), (ContactRef{"admin-c", "MY22537JP"}));
}

TEST(RegistryJpnic, LessAndMoreSpecificLists) {
  // Layout of JPNIC's blog example (https://blog.nic.ad.jp/2021/6729/).
  ImportBatch b = parse_jpnic(
      "Network Information: [ネットワーク情報]\n"
      "[IPネットワークアドレス]        192.168.0.0/27\n"
      "[ネットワーク名]                maru-net\n"
      "[組織名]                        ○○株式会社\n"
      "[Organization]                  Maru Corporation\n"
      "[割当年月日]                    2021/07/24\n"
      "\n上位情報\n----------\n"
      "株式会社xxxxxx (xxxxxx Inc.)\n"
      "  XX-NET [割り振り] 192.168.0.0/24\n"
      "\n下位情報\n----------\n該当するデータがありません。\n");
  ASSERT_EQ(b.networks.size(), 2u);
  EXPECT_EQ(b.networks[0].delegation, Delegation::kAssignment);
  const Network& parent = b.networks[1];
  EXPECT_EQ(range_to_cidrs(parent.range), std::vector<std::string>{"192.168.0.0/24"});
  EXPECT_EQ(parent.delegation, Delegation::kAllocation);
  EXPECT_EQ(parent.holder, "xxxxxx Inc.");
  EXPECT_EQ(parent.holder_alt, "株式会社xxxxxx");
  EXPECT_EQ(parent.netname, "XX-NET");
}

TEST(RegistryJpnic, PortFortyThreeAndGatewayEncodings) {
  const auto utf8 = testing::whois_sample("jsakamoto-WhoisClient.NET/jpnic_ja_ipv4_allocation_27.80.0.0_12_KDDI.txt");
  const ImportBatch expected = parse_jpnic(testing::read_file(utf8));
  for (const char* charset : {"ISO-2022-JP", "EUC-JP", "SHIFT_JIS"}) {
    std::string converted;
    ASSERT_EQ(testing::run_command("iconv -f UTF-8 -t " + std::string(charset) + " '" + utf8.string() + "'",
                                   &converted), 0);
    ASSERT_NE(converted, testing::read_file(utf8));
    EXPECT_EQ(detect_kind(converted), SourceKind::kJpnic) << charset;
    ImportBatch b = parse_jpnic(converted);
    ASSERT_EQ(b.networks.size(), 1u) << charset;
    EXPECT_EQ(b.networks[0], expected.networks[0]) << charset;
  }
  EXPECT_THROW(parse_jpnic("Network Information: \xff\xfe\xfd\n"), ParseError);
}

TEST(RegistryJpnic, NoNetworkAddressIsAnError) {
  EXPECT_THROW(parse_jpnic("Network Information: [ネットワーク情報]\n[ネットワーク名] X\n"), ParseError);
  try {
    parse_jpnic("Network Information:\n[IPネットワークアドレス] 27.80.0.0/33\n");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.line(), 2u);
  }
}

}  // namespace
}  // namespace alcor::registry
