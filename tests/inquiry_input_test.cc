// The small readers behind inquiries: CSV rows as spreadsheets write them,
// status filters, and the config file.
#include <gtest/gtest.h>

#include <cstdlib>

#include "engine/config.h"
#include "engine/csv_reader.h"
#include "engine/query.h"
#include "tests/test_support.h"

namespace alcor {
namespace {

std::vector<std::vector<std::string>> all_rows(std::string_view text) {
  CsvReader reader(text);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  std::string error;
  while (reader.next(&fields, &error)) {
    EXPECT_EQ(error, "") << "row " << rows.size() + 1;
    rows.push_back(fields);
  }
  return rows;
}

TEST(CsvReader, QuotesBomCrlfAndBlankLines) {
  auto rows = all_rows("\xEF\xBB\xBFid,url\r\n\r\n1,\"/a,b\"\r\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\n");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "url"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "/a,b"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "say \"hi\""}));
  EXPECT_EQ(rows[3], (std::vector<std::string>{"3", "two\nlines"}));
  EXPECT_EQ(rows[4], (std::vector<std::string>{"4", ""}));
}

TEST(CsvReader, AStrayQuoteIsAnErrorForItsRowOnly) {
  CsvReader reader("a,\"b\"x,c\nd,e\n");
  std::vector<std::string> fields;
  std::string error;
  ASSERT_TRUE(reader.next(&fields, &error));
  EXPECT_FALSE(error.empty());
  EXPECT_EQ(reader.row_line(), 1u);
  ASSERT_TRUE(reader.next(&fields, &error));
  EXPECT_TRUE(error.empty());
  EXPECT_EQ(fields, (std::vector<std::string>{"d", "e"}));
  EXPECT_EQ(reader.row_line(), 2u);
  EXPECT_FALSE(reader.next(&fields, &error));
}

TEST(StatusFilter, CodesClassesListsAndRanges) {
  auto f = parse_status_filter("200,3xx,400-404");
  ASSERT_TRUE(f);
  ASSERT_EQ(f->size(), 3u);
  EXPECT_EQ((*f)[0].lo, 200);
  EXPECT_EQ((*f)[0].hi, 200);
  EXPECT_EQ((*f)[1].lo, 300);
  EXPECT_EQ((*f)[1].hi, 399);
  EXPECT_EQ((*f)[2].lo, 400);
  EXPECT_EQ((*f)[2].hi, 404);
  for (std::string_view bad : {"", "ok", "2x", "20", "404-400", "200,,", "6xx"}) {
    EXPECT_FALSE(parse_status_filter(bad)) << bad;
  }
}

TEST(Config, IndexConfigAndEnvironment) {
  testing::TempDir dir;
  ::unsetenv("ALCOR_CONFIG");
  std::string error;
  auto none = load_config(dir.path(), &error);
  ASSERT_TRUE(none) << error;
  EXPECT_FALSE(none->get("tz"));

  testing::write_file(dir / "config", "# zone of inquiry times\n  tz =  Asia/Tokyo  # JST\n\n");
  auto c = load_config(dir.path(), &error);
  ASSERT_TRUE(c) << error;
  EXPECT_EQ(c->get("tz"), "Asia/Tokyo");

  testing::write_file(dir / "other", "tz\n");
  ::setenv("ALCOR_CONFIG", (dir / "other").c_str(), 1);
  EXPECT_FALSE(load_config(dir.path(), &error));
  EXPECT_NE(error.find(":1:"), std::string::npos) << error;
  ::setenv("ALCOR_CONFIG", (dir / "missing").c_str(), 1);
  EXPECT_FALSE(load_config(dir.path(), &error)) << "a named config must exist";
  ::unsetenv("ALCOR_CONFIG");
}

}  // namespace
}  // namespace alcor
