// RIR statistics exchange format importer, on real files and their quirks.
#include <gtest/gtest.h>

#include "parsers/registry_delegated.h"
#include "tests/registry_samples.h"

namespace alcor::registry {
namespace {
using testing::parse_sample;

const Network* find(const ImportBatch& b, const char* first) {
  for (const auto& n : b.networks) {
    if (n.range.first.to_string() == first) return &n;
  }
  return nullptr;
}

TEST(RegistryDelegated, ApnicExcerptEightFieldsEmptyStartDate) {
  ImportBatch b = parse_sample("delegated/delegated-apnic-extended-20130417-EXCERPT.txt");
  EXPECT_EQ(b.kind, SourceKind::kDelegatedStats);
  EXPECT_EQ(b.data_date, "2013-04-16");  // enddate; the startdate field is empty
  const Network* kddi = find(b, "27.80.0.0");
  ASSERT_NE(kddi, nullptr);
  EXPECT_EQ(kddi->range.last.to_string(), "27.95.255.255");
  EXPECT_EQ(kddi->source, "apnic");
  EXPECT_EQ(kddi->country, "JP");
  EXPECT_EQ(kddi->delegation, Delegation::kAllocation);
  EXPECT_EQ(kddi->date, "2010-04-28");
  EXPECT_EQ(kddi->handle, "A92D830B");
  // ipv6 value is a prefix length; one /32 is delegated as four rows
  const Network* v6 = find(b, "2001:240:8000::");
  ASSERT_NE(v6, nullptr);
  EXPECT_EQ(range_to_cidrs(v6->range), std::vector<std::string>{"2001:240:8000::/33"});
  EXPECT_EQ(find(b, "14.1.24.0"), nullptr) << "reserved space names no holder";
}

TEST(RegistryDelegated, RipeSevenFieldsAndNonPowerOfTwoSizes) {
  ImportBatch b = parse_sample("delegated/delegated-ripencc-extended-20130418-EXCERPT.txt");
  EXPECT_EQ(b.data_date, "2013-04-18");
  const Network* ua = find(b, "46.175.64.0");
  ASSERT_NE(ua, nullptr);
  EXPECT_EQ(range_to_cidrs(ua->range), (std::vector<std::string>{"46.175.64.0/20", "46.175.80.0/21"}));
  EXPECT_EQ(ua->delegation, Delegation::kAssignment);
  EXPECT_TRUE(ua->handle.empty());  // 7 fields: no opaque id in 2013
  EXPECT_EQ(find(b, "91.194.96.0")->range.last.to_string(), "91.194.101.255");
}

TEST(RegistryDelegated, LacnicAndAfrinicQuirks) {
  ImportBatch lacnic = parse_sample("rir-mirror/delegated-lacnic-extended-20210913-EXCERPT.txt");
  EXPECT_EQ(lacnic.data_date, "2021-09-13");
  const Network* br = find(lacnic, "24.152.0.0");
  ASSERT_NE(br, nullptr);
  EXPECT_EQ(br->handle, "310248");
  // AFRINIC's excerpt holds only ASN and free rows: nothing to import, said so.
  EXPECT_THROW(parse_sample("rir-mirror/delegated-afrinic-extended-20210708-EXCERPT.txt"), ParseError);
}

TEST(RegistryDelegated, ZzCountryAndNroEStatsField) {
  // Rows as the reference note quotes them: ZZ country, NRO's 9th field.
  ImportBatch b = parse_delegated_stats(
      "2.3|nro|20250101|2|19830101|20250101|+0000\n"
      "arin|US|ipv4|98.16.0.0|524288|20070205|assigned|6c065d5b54b877781f05e7d30ebfff28|e-stats\n"
      "afrinic|ZZ|ipv4|102.0.0.0|1024||allocated|\n");
  ASSERT_EQ(b.networks.size(), 2u);
  EXPECT_EQ(b.networks[0].country, "US");
  EXPECT_EQ(b.networks[1].country, "");
}

TEST(RegistryDelegated, RecordCountCatchesATruncatedFile) {
  auto dir = testing::shared_whois_dir();
  if (dir.empty()) GTEST_SKIP() << "../shared absent";
  auto full = read_registry_file(dir / "ripe-ncc-whois/delegated/delegated-apnic-extended-latest.gz");
  ImportBatch b = parse_delegated_stats(full.text);  // the full file's count matches
  // awk -F'|' '($3=="ipv4"||$3=="ipv6") && ($7=="allocated"||$7=="assigned")'
  EXPECT_EQ(b.networks.size(), 24484u);
  std::string cut = full.text.substr(0, full.text.size() / 2);
  cut = cut.substr(0, cut.rfind('\n') + 1);  // even cut at a line end
  try {
    parse_delegated_stats(cut);
    FAIL() << "a truncated statistics file was accepted";
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("announces 46596 records"), std::string::npos) << e.what();
  }
}

TEST(RegistryDelegated, MalformedLinesNameTheLine) {
  const std::string header = "2|ripencc|1366322399|2|19830705|20130418|+0200\n";
  try {
    parse_delegated_stats(header + "ripencc|FR|ipv4|2.0.0.0|1048576|20100712|allocated\nripencc|FR|ipv4|2.0.0\n");
    FAIL();
  } catch (const ParseError& e) {
    EXPECT_EQ(e.line(), 3u);
  }
  EXPECT_THROW(parse_delegated_stats(header + "ripencc|FR|ipv5|2.0.0.0|1|20100712|allocated\n"), ParseError);
  EXPECT_THROW(parse_delegated_stats(header + "ripencc|FR|ipv4|2.0.0.0|many|20100712|allocated\n"), ParseError);
  EXPECT_THROW(parse_delegated_stats("ripencc|FR|ipv4|2.0.0.0|1|20100712|allocated\n"), ParseError);
}

}  // namespace
}  // namespace alcor::registry
