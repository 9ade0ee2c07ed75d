// The registry database file: round trip, snapshots, permissions, damage.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "index/registry_db.h"
#include "tests/registry_samples.h"

namespace alcor::registry {
namespace {
using testing::import_samples;
using testing::TempDir;

RegistryData sample_data() {
  return import_samples({"delegated/delegated-apnic-extended-20130417-EXCERPT.txt",
                         "apnic-answers/apnic_101.203.70.90_BBIX_JPNIC_irt.txt",
                         "secynic-ipwhois/rdap_62.239.237.1.json",  // a label with newlines
                         "jsakamoto-WhoisClient.NET/jpnic_ja_ipv4_allocation_27.80.0.0_12_KDDI.txt"});
}

TEST(RegistryDb, RoundTripKeepsEveryField) {
  TempDir dir;
  RegistryData data = sample_data();
  data.book.push_back({1, "BBIX, Inc.", "BBIX株式会社", "line 1\nline\t2 \\ \x1f end", "desk", ""});
  save_registry(dir / "db", data);
  EXPECT_EQ(load_registry(dir / "db"), data);
}

TEST(RegistryDb, EmptyWhenAbsent) {
  TempDir dir;
  EXPECT_TRUE(load_registry(dir / "none").snapshots.empty());
}

TEST(RegistryDb, SnapshotsRecordDigestAndDate) {
  RegistryData data = sample_data();
  ASSERT_EQ(data.snapshots.size(), 4u);
  const Snapshot& stats = data.snapshots[0];
  EXPECT_EQ(stats.kind, SourceKind::kDelegatedStats);
  EXPECT_EQ(stats.data_date, "2013-04-16");
  EXPECT_EQ(stats.date_origin, "version line end date");
  EXPECT_EQ(stats.sha256, sha256_hex(testing::read_file(
                              testing::whois_sample("delegated/delegated-apnic-extended-20130417-EXCERPT.txt"))));
  EXPECT_EQ(stats.networks, 10u);
  EXPECT_EQ(data.snapshots[1].date_origin, "file modification time");  // a saved answer has no date
  EXPECT_EQ(data.find_snapshot(stats.sha256), 0);
  EXPECT_EQ(data.find_snapshot(std::string(64, '0')), -1);
  for (const auto& n : data.networks) EXPECT_LT(n.snapshot, data.snapshots.size());
  EXPECT_EQ(data.networks.back().snapshot, 3u);
}

TEST(RegistryDb, OwnerOnlyPermissions) {
  TempDir dir;
  save_registry(dir / "db", sample_data());
  struct stat st{};
  ASSERT_EQ(stat((dir / "db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(stat(registry_db_file(dir / "db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(RegistryDb, DamagedOrTruncatedFilesAreRefused) {
  TempDir dir;
  save_registry(dir / "db", sample_data());
  const auto path = registry_db_file(dir / "db");
  const std::string good = testing::read_file(path);

  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x20;
  testing::write_file(path, flipped);
  EXPECT_THROW(load_registry(dir / "db"), RegistryDbError);

  testing::write_file(path, good.substr(0, good.size() - 100));
  EXPECT_THROW(load_registry(dir / "db"), RegistryDbError);

  testing::write_file(path, "something else\n");
  EXPECT_THROW(load_registry(dir / "db"), RegistryDbError);

  testing::write_file(path, good);
  EXPECT_NO_THROW(load_registry(dir / "db"));
}

}  // namespace
}  // namespace alcor::registry
