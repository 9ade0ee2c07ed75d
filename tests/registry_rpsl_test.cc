// RPSL importer: APNIC/RIPE/AFRINIC objects, the LACNIC dialect, ARIN bulk.
#include <gtest/gtest.h>

#include <algorithm>

#include "parsers/registry_rpsl.h"
#include "tests/registry_samples.h"

namespace alcor::registry {
namespace {
using testing::contact;
using testing::parse_sample;

bool has_ref(const Network& n, const std::string& role, const std::string& handle) {
  return std::find(n.refs.begin(), n.refs.end(), ContactRef{role, handle}) != n.refs.end();
}

TEST(RegistryRpsl, ApnicAnswerForAJpnicManagedBlock) {
  ImportBatch b = parse_sample("apnic-answers/apnic_101.203.70.90_BBIX_JPNIC_irt.txt");
  ASSERT_EQ(b.networks.size(), 2u);
  const Network& apnic = b.networks[0];
  EXPECT_EQ(apnic.source, "APNIC");
  EXPECT_EQ(apnic.netname, "BBIXINTLNET");
  EXPECT_EQ(apnic.holder, "BBIX, Inc.");
  EXPECT_EQ(apnic.delegation, Delegation::kAllocation);
  EXPECT_EQ(apnic.portability, Portability::kPortable);
  EXPECT_TRUE(has_ref(apnic, "mnt-irt", "IRT-JPNIC-JP"));
  EXPECT_EQ(apnic.maintainers, std::vector<std::string>{"MAINT-JPNIC"});
  // APNIC's computed "% Abuse contact" line is kept with the object it names
  EXPECT_EQ(apnic.abuse_mailboxes, std::vector<std::string>{"hostmaster@nic.ad.jp"});
  EXPECT_EQ(b.networks[1].source, "JPNIC");  // the mirrored JPNIC object
  EXPECT_EQ(b.networks[1].netname, "BBIXINTLNET-CIDR-BLK-JP");
  const Contact* irt = contact(b, "IRT-JPNIC-JP");
  ASSERT_NE(irt, nullptr);
  EXPECT_EQ(irt->object, "irt");
  EXPECT_EQ(irt->abuse_mailboxes, std::vector<std::string>{"hostmaster@nic.ad.jp"});
  const Contact* role = contact(b, "JNIC1-AP");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(role->name, "Japan Network Information Center");
}

TEST(RegistryRpsl, Ipv6ObjectsAndRolesWithRemarks) {
  ImportBatch b = parse_sample("secynic-ipwhois/whois_2001_240_10c_1_ca20_9d1d.txt");
  ASSERT_EQ(b.networks.size(), 2u);
  EXPECT_EQ(range_to_cidrs(b.networks[0].range), std::vector<std::string>{"2001:240::/32"});
  EXPECT_EQ(range_to_cidrs(b.networks[1].range), std::vector<std::string>{"2001:240:10c::/48"});
  EXPECT_EQ(b.networks[1].holder, "Internet Initiative Japan Inc.");
  ImportBatch kr = parse_sample("secynic-ipwhois/whois_210.107.73.73.txt");
  const Contact* dacom = contact(kr, "DB50-AP");
  ASSERT_NE(dacom, nullptr);
  EXPECT_EQ(dacom->emails.size(), 3u);
  EXPECT_EQ(dacom->remarks[1], "If related with spam, send mail to abuse@bora.net");
}

TEST(RegistryRpsl, RipeFilteredSourceAndAbuseLine) {
  ImportBatch b = parse_sample("secynic-ipwhois/whois_62.239.237.1.txt");
  ASSERT_EQ(b.networks.size(), 1u);
  EXPECT_EQ(b.networks[0].source, "RIPE");  // "RIPE # Filtered"
  EXPECT_EQ(b.networks[0].status, "ASSIGNED PA");
  EXPECT_EQ(b.networks[0].portability, Portability::kNonPortable);
  EXPECT_EQ(b.networks[0].abuse_mailboxes, std::vector<std::string>{"protect@bt.com"});
  EXPECT_EQ(b.networks[0].date, "2008-08-14");
}

TEST(RegistryRpsl, AfrinicGzipDumpWithCaseVariance) {
  ImportBatch b = parse_sample("ripe-ncc-whois/afrinic.test.gz");
  ASSERT_EQ(b.networks.size(), 2u);  // the as-blocks are not networks
  EXPECT_EQ(b.networks[1].status, "Assigned PA");
  EXPECT_EQ(b.networks[1].delegation, Delegation::kAssignment);
  EXPECT_EQ(b.networks[1].country, "DK");
}

TEST(RegistryRpsl, LacnicDialect) {
  ImportBatch b = parse_sample("ripe-ncc-whois/lacnic.test");
  ASSERT_EQ(b.networks.size(), 2u);
  EXPECT_EQ(range_to_cidrs(b.networks[0].range), std::vector<std::string>{"24.232.16.0/24"});
  EXPECT_EQ(b.networks[0].delegation, Delegation::kAllocation);  // "reallocated"
  EXPECT_EQ(b.networks[0].portability, Portability::kNonPortable);
  EXPECT_TRUE(has_ref(b.networks[1], "abuse-c", "IIM"));
  ImportBatch answer = parse_sample("secynic-ipwhois/whois_200.57.141.161.txt");  // CRLF
  ASSERT_EQ(answer.networks.size(), 1u);
  EXPECT_EQ(answer.networks[0].holder, "Triara.com, S.A. de C.V.");
  EXPECT_EQ(answer.networks[0].holder_handle, "MX-TSCV6-LACNIC");
  EXPECT_EQ(answer.data_date, "2015-10-31");  // from the answer's banner
  ASSERT_NE(contact(answer, "RYT2"), nullptr);
  EXPECT_EQ(contact(answer, "RYT2")->emails, std::vector<std::string>{"operacion.redes@TRIARA.COM"});
}

TEST(RegistryRpsl, ArinBulkText) {
  ImportBatch b = parse_sample("ripe-ncc-whois/arin_db.txt");
  ASSERT_EQ(b.networks.size(), 3u);
  EXPECT_EQ(b.networks[0].handle, "NET-192-104-33-0-1");
  EXPECT_EQ(b.networks[0].delegation, Delegation::kAssignment);
  EXPECT_EQ(b.networks[2].status, "reallocation");
  EXPECT_EQ(b.networks[2].portability, Portability::kNonPortable);
  EXPECT_EQ(b.networks[1].range.last.to_string(), "2001:4d0:ffff:ffff:ffff:ffff:ffff:ffff");
  ASSERT_NE(contact(b, "SN34-ARIN"), nullptr);
}

TEST(RegistryRpsl, BannerDatesTheDump) {
  // APNIC's dump holds only routing objects here, so it is refused as empty;
  // the banner date is read all the same.
  ImportBatch b = parse_rpsl("#\n# 20130123 23:06:23\n#\n\ninetnum: 192.0.2.0 - 192.0.2.255\nnetname: X\nstatus: ASSIGNED PA\nsource: APNIC\n");
  EXPECT_EQ(b.data_date, "2013-01-23");
  EXPECT_THROW(parse_sample("ripe-ncc-whois/apnic.test.gz"), ParseError);
}

TEST(RegistryRpsl, CutOffObjectIsRefused) {
  // A real 4-line excerpt that stops before status: and source:
  try {
    parse_sample("jsakamoto-WhoisClient.NET/apnic_inetnum_192.41.192.0_JPNICNET.txt");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.line(), 4u);
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos);
  }
}

TEST(RegistryRpsl, MalformedLinesAndRanges) {
  try {
    parse_rpsl("inetnum: 192.0.2.0 - 192.0.2.255\nnetname X\nsource: APNIC\n");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.line(), 2u);
  }
  EXPECT_THROW(parse_rpsl("inetnum: 192.0.2.0 - 192.0.1.255\nsource: APNIC\n"), ParseError);
  EXPECT_THROW(parse_rpsl("   continuation first\n"), ParseError);
}

}  // namespace
}  // namespace alcor::registry
