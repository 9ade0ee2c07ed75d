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

std::optional<AskedTime> asked(std::string_view text, std::optional<std::string_view> zone = std::nullopt) {
  std::string error;
  auto t = parse_asked_time(text, zone, &error);
  EXPECT_TRUE(t) << text << ": " << error;
  return t;
}

int64_t asked_seconds(std::string_view text, std::optional<std::string_view> zone = std::nullopt) {
  auto t = asked(text, zone);
  return t ? t->time.utc_us / kMicrosPerSecond : 0;
}

TEST(ParseAskedTime, JapaneseFormsAndZoneWords) {
  EXPECT_EQ(asked_seconds("2026年1月1日 15時22分46秒 JST"), kJan1Jst152246);
  EXPECT_EQ(asked_seconds("2026年1月1日15時22分46秒(JST)"), kJan1Jst152246);
  EXPECT_EQ(asked_seconds("2026年01月01日（木）15:22:46 日本時間"), kJan1Jst152246);
  EXPECT_EQ(asked_seconds("２０２６年１月１日　１５時２２分４６秒　ＪＳＴ"), kJan1Jst152246);
  EXPECT_EQ(asked_seconds("2026年1月1日 午後3時22分46秒 JST"), kJan1Jst152246);
  EXPECT_EQ(asked_seconds("令和8年1月1日 15時22分46秒", "Asia/Tokyo"), kJan1Jst152246);
  EXPECT_EQ(asked_seconds("2026/1/1 06:22:46 UTC"), kJan1Jst152246);
  EXPECT_EQ(asked_seconds("2026-01-01 06:22:46 GMT"), kJan1Jst152246);
  EXPECT_EQ(asked_seconds("2026-01-01 15:22:46 +9"), kJan1Jst152246);
  EXPECT_EQ(asked_seconds("2026-01-01 06:22:46Z"), kJan1Jst152246);
  // 元年 and the other eras.
  EXPECT_EQ(asked_seconds("令和元年5月1日 0時0分0秒 JST"), asked_seconds("2019-05-01T00:00:00+09:00"));
  EXPECT_EQ(asked_seconds("平成31年4月30日 23:59:59 JST"), asked_seconds("2019-04-30T23:59:59+09:00"));
  EXPECT_EQ(asked_seconds("昭和64年1月7日 12時 JST"), asked_seconds("1989-01-07T12:00:00+09:00"));
}

TEST(ParseAskedTime, RefusesWhatWouldBeAGuess) {
  std::string error;
  EXPECT_FALSE(parse_asked_time("平成31年5月1日 10:00 JST", std::nullopt, &error)) << "that day is 令和元年";
  EXPECT_NE(error.find("era"), std::string::npos) << error;
  EXPECT_FALSE(parse_asked_time("令和元年4月30日 10:00 JST", std::nullopt, &error));
  EXPECT_FALSE(parse_asked_time("2026年1月1日 午後12時 JST", std::nullopt, &error));
  EXPECT_NE(error.find("午後12時"), std::string::npos) << error;
  EXPECT_FALSE(parse_asked_time("2026年2月30日 10:00 JST", std::nullopt, &error));
  EXPECT_FALSE(parse_asked_time("午前0時30分 JST", std::nullopt, &error)) << "no date";
  EXPECT_FALSE(parse_asked_time("2026-01-01 15:22:46", "Mars/Olympus", &error));
  EXPECT_NE(error.find("unknown time zone"), std::string::npos) << error;
}

TEST(ParseAskedTime, FractionKeepsPrecision) {
  auto t = asked("2026-01-01 15:22:46.125 JST");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->time.utc_us, kJan1Jst152246 * kMicrosPerSecond + 125000);
  EXPECT_EQ(t->time.precision, TimePrecision::kMilli);
  auto j = asked("2026年1月1日 15時22分46.5秒 JST");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->time.utc_us, kJan1Jst152246 * kMicrosPerSecond + 500000);
}

TEST(ParseAskedTime, LocalTimeInAZone) {
  auto t = asked("2026-01-01 15:22:46", "Asia/Tokyo");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->time.utc_us / kMicrosPerSecond, kJan1Jst152246);
  EXPECT_EQ(t->time.offset_source, OffsetSource::kZone);
  EXPECT_EQ(t->zone, "Asia/Tokyo");
  EXPECT_FALSE(t->other_utc_us);
  // An explicit offset wins over the zone.
  EXPECT_EQ(asked_seconds("2026-01-01 06:22:46Z", "America/New_York"), kJan1Jst152246);
}

TEST(ParseAskedTime, DstFoldAndGapGiveBothReadings) {
  // 2026-11-01 01:30 in New York happens twice: 05:30Z (EDT) and 06:30Z (EST).
  auto fold = asked("2026-11-01 01:30:00", "America/New_York");
  ASSERT_TRUE(fold);
  EXPECT_EQ(fold->time.offset_source, OffsetSource::kAmbiguous);
  EXPECT_EQ(fold->time.utc_us / kMicrosPerSecond, 1793512800 - 1800);
  ASSERT_TRUE(fold->other_utc_us);
  EXPECT_EQ(*fold->other_utc_us / kMicrosPerSecond, 1793512800 + 1800);
  // 2026-03-08 02:30 never happens: read with EST (07:30Z) and with EDT (06:30Z).
  auto gap = asked("2026-03-08 02:30:00", "America/New_York");
  ASSERT_TRUE(gap);
  EXPECT_EQ(gap->time.offset_source, OffsetSource::kNonexistent);
  EXPECT_EQ(gap->time.utc_us / kMicrosPerSecond, 1772953200 + 1800);
  ASSERT_TRUE(gap->other_utc_us);
  EXPECT_EQ(*gap->other_utc_us / kMicrosPerSecond, 1772953200 - 1800);
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
