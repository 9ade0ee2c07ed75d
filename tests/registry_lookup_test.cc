// whois answers: the chain, the access provider and the abuse-contact rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "engine/registry_lookup.h"
#include "parsers/registry_address_book.h"
#include "parsers/registry_jpnic.h"
#include "parsers/registry_rpsl.h"
#include "tests/registry_samples.h"

namespace alcor::registry {
namespace {
using testing::import_samples;

IpAddress ip(const char* text) { return parse_ip(text).value(); }

std::vector<std::string> netnames(const WhoisAnswer& a) {
  std::vector<std::string> out;
  for (const auto& l : a.chain) out.push_back(l.network->netname);
  return out;
}

TEST(RegistryLookup, JpnicAllocationNamesTheAccessProvider) {
  RegistryIndex index(import_samples({"delegated/delegated-apnic-extended-20130417-EXCERPT.txt",
                                      "jsakamoto-WhoisClient.NET/jpnic_ja_ipv4_allocation_27.80.0.0_12_KDDI.txt"}));
  WhoisAnswer a = index.whois(ip("27.93.25.111"));
  ASSERT_EQ(a.chain.size(), 2u);
  EXPECT_EQ(a.chain[0].snapshot->kind, SourceKind::kDelegatedStats);  // RIR block first
  EXPECT_EQ(a.chain[0].network->country, "JP");
  ASSERT_EQ(a.provider, 1);
  const ChainLink& kddi = a.chain[1];
  EXPECT_EQ(kddi.holder, "KDDI CORPORATION");
  EXPECT_EQ(kddi.abuse.mailbox, "abuse@dion.ne.jp");
  EXPECT_EQ(kddi.abuse.basis, "[Abuse] on the JPNIC record");
  EXPECT_EQ(a.end_user, -1);
}

TEST(RegistryLookup, AssignmentBelowAnAllocation) {
  RegistryData data;
  data.add(parse_jpnic("Network Information:\n"
                       "[IPネットワークアドレス]        192.168.0.0/27\n"
                       "[ネットワーク名]                maru-net\n"
                       "[Organization]                  Maru Corporation\n"
                       "[割当年月日]                    2021/07/24\n"
                       "\n上位情報\n----------\n株式会社xxxxxx (xxxxxx Inc.)\n  XX-NET [割り振り] 192.168.0.0/24\n"),
           "answer", "digest", "now");
  RegistryIndex index(std::move(data));
  WhoisAnswer a = index.whois(ip("192.168.0.9"));
  EXPECT_EQ(netnames(a), (std::vector<std::string>{"XX-NET", "maru-net"}));
  EXPECT_EQ(a.provider, 0);  // the 割り振り holder
  EXPECT_EQ(a.end_user, 1);  // the 割り当て names the network using the address
  EXPECT_EQ(a.chain[a.provider].holder, "xxxxxx Inc.");
  EXPECT_TRUE(index.whois(ip("192.168.0.200")).end_user < 0);  // outside the /27
}

TEST(RegistryLookup, JpnicMailboxInApnicDataIsNotTheHolders) {
  RegistryIndex index(import_samples({"delegated/delegated-apnic-extended-20130417-EXCERPT.txt",
                                      "apnic-answers/apnic_101.203.70.90_BBIX_JPNIC_irt.txt"}));
  WhoisAnswer a = index.whois(ip("101.203.70.90"));
  EXPECT_EQ(netnames(a), (std::vector<std::string>{"", "BBIXINTLNET-CIDR-BLK-JP", "BBIXINTLNET"}));
  ASSERT_EQ(a.provider, 2);
  const ChainLink& bbix = a.chain[2];
  EXPECT_EQ(bbix.managed_by_nir, "JPNIC");
  EXPECT_TRUE(bbix.held_by_registry.empty());
  EXPECT_EQ(bbix.abuse.registry_mailbox, "hostmaster@nic.ad.jp");
  EXPECT_EQ(bbix.abuse.registry.substr(0, 5), "JPNIC");
  EXPECT_EQ(bbix.abuse.mailbox, "abuse@bbix.net");
  EXPECT_NE(bbix.abuse.basis.find("Email address for spam or abuse complaints"), std::string::npos);
}

TEST(RegistryLookup, IrtOfAnNirAndTheHoldersRoleRemarks) {
  RegistryIndex index(import_samples({"secynic-ipwhois/whois_210.107.73.73.txt"}));
  WhoisAnswer a = index.whois(ip("210.107.73.73"));
  ASSERT_EQ(a.chain.size(), 2u);
  const ChainLink& dacom = a.chain[1];
  EXPECT_EQ(dacom.network->netname, "BORANET-NET-210-107");
  EXPECT_EQ(dacom.abuse.registry_mailbox, "hostmaster@nic.or.kr");
  EXPECT_EQ(dacom.abuse.mailbox, "abuse@bora.net");
  EXPECT_EQ(dacom.abuse.basis.substr(0, 26), "remarks of contact DB50-AP");
}

TEST(RegistryLookup, Ipv6ChainThroughAnNirBlock) {
  RegistryIndex index(import_samples({"delegated/delegated-apnic-extended-20130417-EXCERPT.txt",
                                      "secynic-ipwhois/whois_2001_240_10c_1_ca20_9d1d.txt"}));
  WhoisAnswer a = index.whois(ip("2001:240:10c:1::ca20:9d1d"));
  ASSERT_EQ(a.chain.size(), 3u);
  EXPECT_EQ(range_to_cidrs(a.chain[0].network->range), std::vector<std::string>{"2001:240::/32"});
  EXPECT_EQ(a.chain[0].held_by_registry, "JPNIC");
  EXPECT_EQ(range_to_cidrs(a.chain[1].network->range), std::vector<std::string>{"2001:240::/35"});
  EXPECT_EQ(a.chain[2].network->netname, "IIJ-PRJNET");
  EXPECT_EQ(a.provider, 2);
  EXPECT_TRUE(index.whois(ip("2001:240:8000::1")).provider < 0);  // only the JPNIC block
}

TEST(RegistryLookup, AnNirBlockWithoutTheNirsDataSaysWhereToLook) {
  RegistryIndex index(import_samples({"secynic-ipwhois/rdap_2001_240_10c_1_ca20_9d1d.json"}));
  WhoisAnswer a = index.whois(ip("2001:240:10c:1::ca20:9d1d"));
  ASSERT_EQ(a.chain.size(), 1u);
  EXPECT_EQ(a.chain[0].held_by_registry, "JPNIC");
  EXPECT_EQ(a.chain[0].managed_by_nir, "JPNIC");  // "JPNIC Allocation Block" remark
  EXPECT_EQ(a.provider, -1);
  ASSERT_EQ(a.notes.size(), 2u);
  EXPECT_NE(a.notes[1].find("whois.nic.ad.jp"), std::string::npos) << a.notes[1];
}

TEST(RegistryLookup, OrganisationAbuseNestedInRdapRegistrant) {
  RegistryIndex index(import_samples({"secynic-ipwhois/rdap_74.125.225.229.json"}));
  WhoisAnswer a = index.whois(ip("74.125.225.229"));
  ASSERT_EQ(a.chain.size(), 1u);
  EXPECT_EQ(a.chain[0].abuse.mailbox, "arin-contact@google.com");
  EXPECT_EQ(a.chain[0].abuse.basis, "abuse of GOGL ZG39-ARIN (e-mail)");
}

TEST(RegistryLookup, AddressBookJoinsByHandleOrName) {
  RegistryData data = import_samples({"jsakamoto-WhoisClient.NET/jpnic_ja_ipv4_allocation_27.80.0.0_12_KDDI.txt",
                                      "secynic-ipwhois/rdap_74.125.225.229.json"});
  data.add(parse_address_book("key,organisation,postal_address,disclosure_desk\n"
                              "KDDI株式会社,KDDI,\"東京都千代田区\",disclosure desk A\n"
                              "gogl,Google,\"Mountain View, CA\",desk B\n"),
           "book.csv", "digest", "now");
  RegistryIndex index(std::move(data));
  const BookEntry* kddi = index.whois(ip("27.80.0.1")).chain[0].book;
  ASSERT_NE(kddi, nullptr);  // by the Japanese organisation name
  EXPECT_EQ(kddi->disclosure_desk, "disclosure desk A");
  const BookEntry* google = index.whois(ip("74.125.0.1")).chain[0].book;
  ASSERT_NE(google, nullptr);  // by the handle, case-insensitively
  EXPECT_EQ(google->postal_address, "Mountain View, CA");
}

TEST(RegistryLookup, NewerSnapshotOfTheSameRecordWins) {
  RegistryData data;
  ImportBatch old_batch = testing::parse_sample("jsakamoto-WhoisClient.NET/jpnic_ja_ipv4_allocation_27.80.0.0_12_KDDI.txt");
  ImportBatch new_batch = old_batch;
  old_batch.data_date = "2020-01-01";
  new_batch.data_date = "2024-01-01";
  new_batch.networks[0].abuse_mailboxes = {"abuse@example.jp"};
  data.add(new_batch, "new", "d2", "now");
  data.add(old_batch, "old", "d1", "now");
  RegistryIndex index(std::move(data));
  WhoisAnswer a = index.whois(ip("27.80.0.1"));
  ASSERT_EQ(a.chain.size(), 1u);
  EXPECT_EQ(a.chain[0].snapshot->file_name, "new");
  EXPECT_EQ(a.chain[0].abuse.mailbox, "abuse@example.jp");
}

TEST(RegistryLookup, WholeSpacePlaceholdersAreNeverTheProvider) {
  // RIPE and APNIC dumps start with IANA's placeholder for all addresses.
  RegistryData data = import_samples({"secynic-ipwhois/whois_62.239.237.1.txt"});
  ImportBatch iana = parse_rpsl("inetnum: 0.0.0.0 - 255.255.255.255\nnetname: IANA-BLK\n"
                                "descr: The whole IPv4 address space\nstatus: ALLOCATED UNSPECIFIED\n"
                                "source: RIPE\n");
  data.add(iana, "ripe.db.inetnum", "digest", "now");
  RegistryIndex index(std::move(data));
  WhoisAnswer a = index.whois(ip("62.239.237.1"));
  ASSERT_EQ(a.chain.size(), 2u);
  EXPECT_EQ(a.chain[0].held_by_registry, "IANA");
  EXPECT_EQ(a.provider, 1);
  EXPECT_EQ(a.chain[a.provider].network->netname, "BT-CORPORATE");
}

TEST(RegistryLookup, UncoveredAddressSaysSo) {
  RegistryIndex index(import_samples({"secynic-ipwhois/whois_62.239.237.1.txt"}));
  WhoisAnswer a = index.whois(ip("192.0.2.1"));
  EXPECT_TRUE(a.chain.empty());
  EXPECT_EQ(a.provider, -1);
  ASSERT_EQ(a.notes.size(), 1u);
  EXPECT_TRUE(index.whois(ip("62.239.238.0")).chain.empty());  // one past the /24
  EXPECT_EQ(index.whois(ip("62.239.237.255")).chain.size(), 1u);
}

// The segment index must return exactly the networks a linear scan finds.
TEST(RegistryLookup, SegmentIndexMatchesLinearScan) {
  std::mt19937_64 rng(7);
  RegistryData data;
  ImportBatch batch;
  for (int i = 0; i < 2000; ++i) {
    const auto base = static_cast<uint32_t>(rng() & 0xffff0000u);
    int len = 8 + static_cast<int>(rng() % 25);
    auto r = prefix_range(IpAddress::from_v4(base), len);
    Network n;
    n.range = *r;
    if (i % 7 == 0) n.range.last = IpAddress::from_v4(n.range.first.v4() + (rng() % 5000));  // not a prefix
    batch.networks.push_back(n);
  }
  data.add(batch, "random", "d", "now");
  RegistryIndex index(data);
  for (int q = 0; q < 3000; ++q) {
    IpAddress probe = IpAddress::from_v4(static_cast<uint32_t>(rng()));
    if (q % 3 == 0) probe = data.networks[rng() % data.networks.size()].range.last;  // edges
    std::vector<uint32_t> expected;
    for (uint32_t i = 0; i < data.networks.size(); ++i) {
      if (data.networks[i].range.first <= probe && probe <= data.networks[i].range.last) expected.push_back(i);
    }
    auto got = index.covering(probe);
    std::sort(got.begin(), got.end());
    ASSERT_EQ(got, expected) << probe.to_string();
  }
}

}  // namespace
}  // namespace alcor::registry
