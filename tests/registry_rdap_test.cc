// RDAP answers with the quirks of real servers.
#include <gtest/gtest.h>

#include <algorithm>

#include "parsers/registry_rdap.h"
#include "tests/registry_samples.h"

namespace alcor::registry {
namespace {
using testing::contact;
using testing::parse_sample;

TEST(RegistryRdap, ApnicJpnicBlockIpv6) {
  ImportBatch b = parse_sample("secynic-ipwhois/rdap_2001_240_10c_1_ca20_9d1d.json");
  EXPECT_EQ(b.kind, SourceKind::kRdap);
  ASSERT_EQ(b.networks.size(), 1u);
  const Network& n = b.networks[0];
  EXPECT_EQ(range_to_cidrs(n.range), std::vector<std::string>{"2001:240::/32"});
  EXPECT_EQ(n.source, "APNIC");
  EXPECT_EQ(n.status, "ALLOCATED PORTABLE");
  EXPECT_EQ(n.holder, "Japan Network Information Center");  // APNIC: the description remark
  EXPECT_NE(std::find(n.remarks.begin(), n.remarks.end(), "JPNIC Allocation Block"), n.remarks.end());
  EXPECT_NE(std::find(n.refs.begin(), n.refs.end(), ContactRef{"administrative", "JNIC1-AP"}), n.refs.end());
}

TEST(RegistryRdap, RipeSlashSuffixedAddresses) {
  ImportBatch b = parse_sample("secynic-ipwhois/rdap_62.239.237.1.json");  // no objectClassName
  ASSERT_EQ(b.networks.size(), 1u);
  EXPECT_EQ(range_to_cidrs(b.networks[0].range), std::vector<std::string>{"62.239.237.0/24"});
  EXPECT_EQ(b.networks[0].source, "RIPE");
  const Contact* abuse = contact(b, "BTCR3-RIPE");
  ASSERT_NE(abuse, nullptr);
  EXPECT_EQ(abuse->address, std::vector<std::string>{"British Telecommunications\n81 Newgate Street\nLondon GB"});
}

TEST(RegistryRdap, ArinZeroPaddingAndNestedAbuse) {
  ImportBatch b = parse_sample("secynic-ipwhois/rdap_74.125.225.229.json");
  ASSERT_EQ(b.networks.size(), 1u);
  const Network& n = b.networks[0];
  EXPECT_EQ(range_to_cidrs(n.range), std::vector<std::string>{"74.125.0.0/16"});
  EXPECT_EQ(n.holder, "Google Inc.");
  EXPECT_EQ(n.holder_handle, "GOGL");
  EXPECT_EQ(n.date, "2007-03-13");  // the registration event
  const Contact* gogl = contact(b, "GOGL");
  ASSERT_NE(gogl, nullptr);
  EXPECT_NE(std::find(gogl->refs.begin(), gogl->refs.end(), ContactRef{"abuse", "ZG39-ARIN"}), gogl->refs.end());
  ImportBatch v6 = parse_sample("secynic-ipwhois/rdap_2001_4860_4860_8888.json");
  EXPECT_EQ(range_to_cidrs(v6.networks[0].range), std::vector<std::string>{"2001:4860::/32"});
}

TEST(RegistryRdap, LacnicQueriedAddressOnly) {
  ImportBatch b = parse_sample("secynic-ipwhois/rdap_200.57.141.161.json");
  const Network& n = b.networks[0];
  // start == end == the queried address, and the handle is that address too:
  // the block's extent is unknown, so it stays the single address.
  EXPECT_EQ(range_to_cidrs(n.range), std::vector<std::string>{"200.57.141.161/32"});
  EXPECT_EQ(n.status, "allocated");
  EXPECT_EQ(n.delegation, Delegation::kAllocation);
  EXPECT_EQ(n.holder, "Triara.com, S.A. de C.V.");
}

TEST(RegistryRdap, AfrinicEntitiesWithoutRoles) {
  ImportBatch b = parse_sample("secynic-ipwhois/rdap_196.11.240.215.json");
  const Network& n = b.networks[0];
  EXPECT_EQ(n.holder_handle, "ORG-VSA1-AFRINIC");  // the org entity, not the maintainer
  EXPECT_EQ(n.portability, Portability::kPortable);  // ASSIGNED PI
}

TEST(RegistryRdap, RejectsNonNetworksAndBrokenJson) {
  EXPECT_THROW(parse_rdap("{\"objectClassName\": \"autnum\", \"handle\": \"AS2515\"}"), ParseError);
  EXPECT_THROW(parse_rdap("{\"objectClassName\": \"ip network\", \"startAddress\": \"1.2.3.4\""), ParseError);
  EXPECT_THROW(parse_rdap("{\"startAddress\": \"10.0.0.9\", \"endAddress\": \"10.0.0.1\"}"), ParseError);
  auto text = testing::read_file(testing::whois_sample("secynic-ipwhois/rdap_210.107.73.73.json"));
  EXPECT_THROW(parse_rdap(text.substr(0, text.size() - 40)), ParseError);  // truncated download
}

}  // namespace
}  // namespace alcor::registry
