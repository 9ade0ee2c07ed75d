#include "engine/time_input.h"

#include <gtest/gtest.h>

namespace alcor {
namespace {

constexpr int64_t kJan1Jst152246 = 1767248566;  // 2026-01-01T15:22:46+09:00

int64_t seconds_of(std::string_view text) {
  std::string error;
  auto t = parse_time_input(text, &error);
  EXPECT_TRUE(t) << text << ": " << error;
  return t ? t->utc_us / kMicrosPerSecond : 0;
}

TEST(ParseTimeInput, AllForms) {
  EXPECT_EQ(seconds_of("2026-01-01T15:22:46+09:00"), kJan1Jst152246);
  EXPECT_EQ(seconds_of("2026-01-01 15:22:46+0900"), kJan1Jst152246);
  EXPECT_EQ(seconds_of("2026-01-01T06:22:46Z"), kJan1Jst152246);
  EXPECT_EQ(seconds_of("01/Jan/2026:15:22:46 +0900"), kJan1Jst152246);
  EXPECT_EQ(seconds_of("[01/Jan/2026:15:22:46 +0900]"), kJan1Jst152246);
  EXPECT_EQ(seconds_of("1767248566"), kJan1Jst152246);
}

TEST(ParseTimeInput, KeepsFractionAndOffset) {
  std::string error;
  auto t = parse_time_input("2026-01-01T15:22:46.25+09:00", &error);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->utc_us, kJan1Jst152246 * kMicrosPerSecond + 250000);
  EXPECT_EQ(t->offset_s, 9 * 3600);
  EXPECT_EQ(t->precision, TimePrecision::kMilli);
  auto e = parse_time_input("1767248566.123456", &error);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->utc_us, kJan1Jst152246 * kMicrosPerSecond + 123456);
}

TEST(ParseTimeInput, RefusesTimesWithoutOffsetOrInvalid) {
  std::string error;
  EXPECT_FALSE(parse_time_input("2026-01-01T15:22:46", &error));
  EXPECT_NE(error.find("no UTC offset"), std::string::npos);
  EXPECT_FALSE(parse_time_input("2026-02-30T00:00:00Z", &error));
  EXPECT_FALSE(parse_time_input("yesterday", &error));
  EXPECT_FALSE(error.empty());
}

TEST(ParseDuration, Units) {
  std::string error;
  EXPECT_EQ(parse_duration("60s", &error), 60'000'000);
  EXPECT_EQ(parse_duration("90", &error), 90'000'000);
  EXPECT_EQ(parse_duration("5m", &error), 300'000'000);
  EXPECT_EQ(parse_duration("250ms", &error), 250'000);
  EXPECT_EQ(parse_duration("1.5s", &error), 1'500'000);
  EXPECT_FALSE(parse_duration("-5s", &error));
  EXPECT_FALSE(parse_duration("5 parsecs", &error));
}

}  // namespace
}  // namespace alcor
