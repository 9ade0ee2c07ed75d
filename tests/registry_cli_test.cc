// End to end: the built alcor binary imports registry files and answers whois.
#include <gtest/gtest.h>

#include "parsers/registry_source.h"
#include "index/registry_db.h"
#include "tests/registry_samples.h"

namespace alcor::testing {
namespace {

std::string alcor(const std::string& args) { return std::string(ALCOR_BINARY) + " " + args; }
std::string q(const std::filesystem::path& p) {
  std::string quoted(1, '\'');
  quoted += p.string();
  quoted += '\'';
  return quoted;
}

class RegistryCli : public ::testing::Test {
 protected:
  int import(const std::string& files, std::string* out = nullptr, std::string* err = nullptr) {
    return run_command(alcor("registry import --db " + q(db_) + " --no-count-check " + files), out, err);
  }
  TempDir dir_;
  std::filesystem::path db_ = dir_ / "registry";
};

TEST_F(RegistryCli, ImportThenWhoisTextAndJsonl) {
  std::string out, err;
  ASSERT_EQ(import(q(whois_sample("delegated/delegated-apnic-extended-20130417-EXCERPT.txt")) + " " +
                   q(whois_sample("apnic-answers/apnic_101.203.70.90_BBIX_JPNIC_irt.txt")) + " " +
                   q(whois_sample("jsakamoto-WhoisClient.NET/jpnic_ja_ipv6_assignment_2001-0dc2__32.txt")),
                   &out, &err), 0) << err;
  EXPECT_NE(out.find("3 file(s) imported, 0 rejected"), std::string::npos) << out;

  ASSERT_EQ(run_command(alcor("whois --db " + q(db_) + " 101.203.70.90"), &out, &err), 0) << err;
  EXPECT_NE(out.find("access provider: [3] BBIX, Inc., abuse abuse@bbix.net"), std::string::npos) << out;
  EXPECT_NE(out.find("hostmaster@nic.ad.jp belongs to JPNIC"), std::string::npos) << out;
  EXPECT_NE(out.find("data of 2013-04-16 (version line end date)"), std::string::npos) << out;

  // The same address twice and an IPv6 one, from stdin: one line each.
  ASSERT_EQ(run_command("printf '101.203.70.90\\n2001:dc2::1\\n101.203.70.90\\n' | " +
                            alcor("whois --db " + q(db_) + " --output jsonl -"),
                        &out, &err), 0) << err;
  ASSERT_EQ(std::count(out.begin(), out.end(), '\n'), 3);
  EXPECT_EQ(out.find("{\"ip\":\"101.203.70.90\""), 0u) << out;
  EXPECT_NE(out.find("\"registry_mailbox\":\"hostmaster@nic.ad.jp\""), std::string::npos);
  EXPECT_NE(out.find("{\"ip\":\"2001:dc2::1\""), std::string::npos);
  EXPECT_NE(out.find("\"delegation\":\"assignment\""), std::string::npos);
  EXPECT_NE(out.find("\"sha256\":\"" + registry::read_registry_file(
      whois_sample("apnic-answers/apnic_101.203.70.90_BBIX_JPNIC_irt.txt")).sha256 + "\""), std::string::npos);

  ASSERT_EQ(run_command(alcor("registry list --db " + q(db_)), &out, &err), 0) << err;
  EXPECT_NE(out.find("2013-04-16  delegated-stats"), std::string::npos) << out;
}

TEST_F(RegistryCli, BadFilesAreRejectedWholeAndTheDatabaseIsUnchanged) {
  ASSERT_EQ(import(q(whois_sample("jsakamoto-WhoisClient.NET/jpnic_ja_ipv4_allocation_27.80.0.0_12_KDDI.txt"))), 0);
  const std::string before = read_file(registry::registry_db_file(db_));

  // A gzip dump cut short, a cut-off object, and a statistics file whose
  // header announces more records than it holds.
  const std::string gz = read_file(whois_sample("ripe-ncc-whois/afrinic.test.gz"));
  write_file(dir_ / "afrinic-cut.gz", gz.substr(0, gz.size() - 30));
  std::string out, err;
  EXPECT_EQ(run_command(alcor("registry import --db " + q(db_) + " " + q(dir_ / "afrinic-cut.gz") + " " +
                              q(whois_sample("jsakamoto-WhoisClient.NET/apnic_inetnum_192.41.192.0_JPNICNET.txt")) +
                              " " + q(whois_sample("delegated/delegated-ripencc-extended-20130418-EXCERPT.txt"))),
                        &out, &err),
            2);
  EXPECT_NE(err.find("afrinic-cut.gz: corrupt or truncated gzip data"), std::string::npos) << err;
  EXPECT_NE(err.find("JPNICNET.txt: line 4:"), std::string::npos) << err;
  EXPECT_NE(err.find("announces 111223 records but the file holds"), std::string::npos) << err;
  EXPECT_NE(out.find("0 file(s) imported, 3 rejected"), std::string::npos) << out;
  EXPECT_EQ(read_file(registry::registry_db_file(db_)), before);

  // A good file next to a bad one is imported; the bad one is not.
  EXPECT_EQ(import(q(dir_ / "afrinic-cut.gz") + " " + q(whois_sample("secynic-ipwhois/rdap_62.239.237.1.json")),
                   &out, &err), 2);
  ASSERT_EQ(run_command(alcor("whois --db " + q(db_) + " 62.239.237.1 196.207.3.173"), &out, &err), 0);
  EXPECT_NE(out.find("BT-CORPORATE"), std::string::npos);
  EXPECT_NE(out.find("no imported registry data covers this address"), std::string::npos) << out;

  // Importing the same file again adds nothing.
  EXPECT_EQ(import(q(whois_sample("secynic-ipwhois/rdap_62.239.237.1.json")), &out), 0);
  EXPECT_NE(out.find("already imported"), std::string::npos) << out;
}

TEST_F(RegistryCli, UsageErrorsNameTheArgument) {
  std::string out, err;
  EXPECT_EQ(run_command(alcor("whois 192.0.2.1"), &out, &err), 1);
  EXPECT_NE(err.find("--db"), std::string::npos) << err;
  EXPECT_EQ(run_command(alcor("whois --db " + q(db_) + " 192.0.2.300"), &out, &err), 1);
  EXPECT_NE(err.find("'192.0.2.300'"), std::string::npos) << err;
  EXPECT_EQ(run_command(alcor("whois --db " + q(db_) + " --output xml 192.0.2.1"), &out, &err), 1);
  EXPECT_NE(err.find("--output"), std::string::npos) << err;
  EXPECT_EQ(run_command(alcor("registry import --db " + q(db_) + " --kind bogus x"), &out, &err), 1);
  EXPECT_NE(err.find("--kind"), std::string::npos) << err;
  EXPECT_EQ(run_command(alcor("registry export --db " + q(db_)), &out, &err), 1);
  EXPECT_NE(err.find("'export'"), std::string::npos) << err;
  EXPECT_EQ(run_command(alcor("whois --db " + q(db_) + " 192.0.2.1"), &out, &err), 2);
  EXPECT_NE(err.find("no registry data imported yet"), std::string::npos) << err;
}

}  // namespace
}  // namespace alcor::testing
