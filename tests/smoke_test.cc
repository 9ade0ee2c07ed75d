#include <gtest/gtest.h>
#include "tests/test_support.h"
TEST(Smoke, TempDirExists) {
  alcor::testing::TempDir d;
  EXPECT_TRUE(std::filesystem::is_directory(d.path()));
}
