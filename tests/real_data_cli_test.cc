// `alcor index` over the real Apache archives of ../shared/data/real (skipped
// when absent): every file indexes with format auto-detection, and the share
// of lines parsed per folder is reported.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <iostream>

#include "tests/test_support.h"

namespace alcor {
namespace {

struct Folder {
  const char* name;
  uint64_t max_rejected;  // damaged or foreign lines its SOURCE.md (or our audit) names
  const char* format = "auto";  // as SOURCE.md names it, when no preset fits
};

class RealDataIndex : public ::testing::TestWithParam<Folder> {};

TEST_P(RealDataIndex, EveryFileIndexesWithAutoDetection) {
  std::filesystem::path real = testing::shared_real_dir();
  if (real.empty()) GTEST_SKIP() << "../shared/data/real is not present";
  const Folder& f = GetParam();
  std::string files;
  for (const auto& e : std::filesystem::directory_iterator(real / f.name)) {
    if (e.path().filename() != "SOURCE.md") files += " '" + e.path().string() + "'";
  }
  testing::TempDir dir;
  std::string index = " --index '" + (dir / "idx").string() + "'";
  std::string out, err;
  std::string format = std::string(" --format '") + f.format + "'";
  ASSERT_EQ(testing::run_command(std::string(ALCOR_BINARY) + " index" + index + format + files, &out, &err), 0)
      << err;
  EXPECT_EQ(err.find("FAILED"), std::string::npos) << err;
  ASSERT_EQ(testing::run_command(std::string(ALCOR_BINARY) + " stats --output json" + index, &out, &err), 0);

  simdjson::dom::parser parser;
  simdjson::padded_string padded(out);
  simdjson::dom::element m = parser.parse(padded);
  uint64_t lines = 0, records = 0;
  for (simdjson::dom::element s : simdjson::dom::array(m["sources"])) {
    lines += uint64_t(s["lines"]);
    records += uint64_t(s["span"]["records"]);
  }
  std::cout << "[ real data ] " << f.name << ": " << records << " of " << lines << " lines indexed ("
            << (lines ? 100.0 * records / lines : 0) << "%)\n";
  EXPECT_GT(records, 0u);
  EXPECT_LE(lines - records, f.max_rejected) << err;
}

INSTANTIATE_TEST_SUITE_P(
    Apache, RealDataIndex,
    ::testing::Values(Folder{"srhegdegadikai_apache_2005_2018", 2}, Folder{"lovecoding_apache_vhosts", 4},
                      Folder{"lpnu_lab_apache_2009", 1,
                             R"(%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" \"%{X-Forwarded-For}i\")"}, Folder{"1geek0_weblog_apache", 0},
                      Folder{"elastic_examples_apache_logs", 1}, Folder{"logparser_hackers_access", 0},
                      Folder{"dmjacas_apache_vhosts", 0}, Folder{"chandra729_theglobalreport_apache", 0}),
    [](const ::testing::TestParamInfo<Folder>& info) { return std::string(info.param.name).substr(0, 12); });

}  // namespace
}  // namespace alcor
