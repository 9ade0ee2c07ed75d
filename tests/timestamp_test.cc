#include "parsers/timestamp.h"

#include <gtest/gtest.h>

#include "parsers/time_pattern.h"
#include "parsers/zone_resolver.h"

namespace alcor {
namespace {

TEST(DaysFromCivil, KnownDates) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(2000, 2, 29), 11016);
  EXPECT_EQ(days_from_civil(2026, 1, 1), 20454);
  EXPECT_EQ(days_from_civil(1600, 1, 1), -135140);
  EXPECT_EQ(days_from_civil(0, 3, 1), -719468);
}

TEST(ApacheTime, ParsesTheDocumentationExample) {
  auto t = parse_apache_time("10/Oct/2000:13:55:36 -0700");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->utc_us, 971211336LL * kMicrosPerSecond);
  EXPECT_EQ(t->offset_s, -7 * 3600);
  EXPECT_EQ(t->precision, TimePrecision::kSecond);
  EXPECT_EQ(t->offset_source, OffsetSource::kLogged);
  EXPECT_EQ(format_rfc3339(*t), "2000-10-10T13:55:36-07:00");
  EXPECT_EQ(format_rfc3339_utc(*t), "2000-10-10T20:55:36Z");
}

TEST(ApacheTime, HalfHourAndQuarterHourOffsets) {
  auto nepal = parse_apache_time("01/Jan/2026:06:00:00 +0545");
  ASSERT_TRUE(nepal);
  EXPECT_EQ(nepal->offset_s, 5 * 3600 + 45 * 60);
  EXPECT_EQ(format_rfc3339_utc(*nepal), "2026-01-01T00:15:00Z");
  EXPECT_EQ(format_rfc3339(*nepal), "2026-01-01T06:00:00+05:45");
  auto newfoundland = parse_apache_time("31/Dec/2025:21:00:00 -0330");
  ASSERT_TRUE(newfoundland);
  EXPECT_EQ(format_rfc3339_utc(*newfoundland), "2026-01-01T00:30:00Z");
  EXPECT_EQ(format_rfc3339(*newfoundland), "2025-12-31T21:00:00-03:30");
}

TEST(ApacheTime, RejectsOutOfRangeAndMalformed) {
  for (const char* bad : {
           "10/Oct/2000:13:55:36",         "32/Oct/2000:13:55:36 -0700", "29/Feb/2001:00:00:00 +0000",
           "31/Apr/2020:00:00:00 +0000",   "10/Okt/2000:13:55:36 -0700", "10/oct/2000:13:55:36 -0700",
           "10/Oct/2000:24:00:00 -0700",   "10/Oct/2000:13:60:00 -0700", "10/Oct/2000:13:55:60 -0700",
           "10/Oct/2000:13:55:36 -0760",   "10/Oct/2000:13:55:36 0700 ", "10/Oct/2000 13:55:36 -0700",
           "1/Oct/2000:13:55:36 -0700 ",   "00/Oct/2000:13:55:36 -0700", "10/Oct/2000:13:55:36 -07:0",
       }) {
    EXPECT_FALSE(parse_apache_time(bad)) << bad;
  }
  EXPECT_TRUE(parse_apache_time("29/Feb/2000:00:00:00 +0000"));
}

// The reader keeps the last time it read: a line after it, with the same
// text, the same date or another, valid or not, reads as it would on its own.
TEST(ApacheTime, ReaderReadsEachLineAsParseApacheTimeDoes) {
  const char* lines[] = {
      "10/Oct/2000:13:55:36 -0700", "10/Oct/2000:23:59:59 +0000", "10/Oct/2000:24:00:00 +0000",
      "10/Oct/2000:00:00:00 +0000", "29/Feb/2001:00:00:00 +0000", "10/Oct/2000:00:00:01 +0000",
      "11/Oct/2000:00:00:00 +0000", "10/Oct/2000:12:00:00 +0900", "10/Oct/2000:12:00:00 +09:0",
      "10/Oct/2000 12:00:00 +0900", "29/Feb/2000:12:00:00 +0000", "29/Feb/2000:12:00:00 -2359",
      "01/Jan/1970:00:00:00 +0000", "31/Dec/1969:23:59:59 +0000", "31/Dec/1969:23:59:59 +0000",
      "31/Dec/1969:23:59:59 +0001", "31/Dec/1969:23:59:59 +0000", "31/Dec/1969:23:59:59 +000",
      "31/Dec/1969:23:59:59 +0000",
  };
  ApacheTimeReader reader;
  for (int pass = 0; pass < 2; ++pass) {
    for (const char* line : lines) {
      const auto got = reader.parse(line);
      const auto alone = ApacheTimeReader().parse(line);
      ASSERT_EQ(got.has_value(), alone.has_value()) << line;
      if (got) {
        EXPECT_EQ(got->utc_us, alone->utc_us) << line;
        EXPECT_EQ(got->offset_s, alone->offset_s) << line;
      }
    }
  }
  EXPECT_EQ(reader.parse("31/Dec/1969:23:59:59 +0000")->utc_us, -kMicrosPerSecond);
  EXPECT_EQ(reader.parse("11/Oct/2000:00:00:00 +0000")->utc_us, int64_t{days_from_civil(2000, 10, 11)} * 86400 * kMicrosPerSecond);
}

TEST(Rfc3339, PrintsAtStoredPrecision) {
  Timestamp t;
  t.utc_us = 1767248566123456;  // 2026-01-01T06:22:46.123456Z
  t.offset_s = 9 * 3600;
  EXPECT_EQ(format_rfc3339(t), "2026-01-01T15:22:46+09:00");
  t.precision = TimePrecision::kMilli;
  EXPECT_EQ(format_rfc3339(t), "2026-01-01T15:22:46.123+09:00");
  EXPECT_EQ(format_rfc3339_utc(t), "2026-01-01T06:22:46.123Z");
  t.precision = TimePrecision::kMicro;
  EXPECT_EQ(format_rfc3339(t), "2026-01-01T15:22:46.123456+09:00");
  t.offset_s = 0;
  EXPECT_EQ(format_rfc3339(t), "2026-01-01T06:22:46.123456+00:00");
  EXPECT_EQ(format_rfc3339(t, /*z_for_utc=*/true), "2026-01-01T06:22:46.123456Z");
  t.offset_s = -(3 * 3600 + 30 * 60);
  EXPECT_EQ(format_rfc3339(t, true), "2026-01-01T02:52:46.123456-03:30");
}

TEST(Rfc3339, BeforeTheEpochRoundsDown) {
  Timestamp t;
  t.utc_us = -1;  // one microsecond before 1970
  t.precision = TimePrecision::kMicro;
  EXPECT_EQ(format_rfc3339_utc(t), "1969-12-31T23:59:59.999999Z");
}

TEST(ZoneResolver, UnknownZoneIsAnError) {
  std::string error;
  EXPECT_FALSE(ZoneResolver::create("Mars/Olympus_Mons", &error));
  EXPECT_NE(error.find("Mars/Olympus_Mons"), std::string::npos);
}

int64_t local(int64_t y, unsigned m, unsigned d, int h, int min) {
  return days_from_civil(y, m, d) * 86400 + h * 3600 + min * 60;
}

TEST(ZoneResolver, NewYorkFallBackIsAmbiguousAndTakesTheEarlierInstant) {
  std::string error;
  auto zone = ZoneResolver::create("America/New_York", &error);
  ASSERT_TRUE(zone) << error;
  // 2025-11-02 01:30 happens at -04:00 and again at -05:00.
  auto r = zone->resolve(local(2025, 11, 2, 1, 30));
  EXPECT_EQ(r.source, OffsetSource::kAmbiguous);
  EXPECT_EQ(r.offset_s, -4 * 3600);
  r = zone->resolve(local(2025, 11, 2, 2, 30));
  EXPECT_EQ(r.source, OffsetSource::kZone);
  EXPECT_EQ(r.offset_s, -5 * 3600);
  r = zone->resolve(local(2025, 7, 1, 12, 0));
  EXPECT_EQ(r.source, OffsetSource::kZone);
  EXPECT_EQ(r.offset_s, -4 * 3600);
  // Answered from the cached span, same result.
  r = zone->resolve(local(2025, 7, 2, 12, 0));
  EXPECT_EQ(r.offset_s, -4 * 3600);
  r = zone->resolve(local(2025, 12, 24, 12, 0));
  EXPECT_EQ(r.offset_s, -5 * 3600);
}

TEST(ZoneResolver, BerlinSpringGapShiftsForward) {
  std::string error;
  auto zone = ZoneResolver::create("Europe/Berlin", &error);
  ASSERT_TRUE(zone) << error;
  // 2025-03-30 02:30 does not exist (02:00 -> 03:00).
  auto r = zone->resolve(local(2025, 3, 30, 2, 30));
  EXPECT_EQ(r.source, OffsetSource::kNonexistent);
  EXPECT_EQ(r.offset_s, 3600);  // read with the offset before: 01:30Z = 03:30 CEST
  EXPECT_EQ(zone->resolve(local(2025, 3, 30, 3, 0)).offset_s, 7200);
  EXPECT_EQ(zone->resolve(local(2025, 3, 30, 1, 59)).offset_s, 3600);
  EXPECT_EQ(zone->resolve(local(2025, 3, 30, 1, 59)).source, OffsetSource::kZone);
}

TEST(ZoneResolver, NoZoneMeansUtc) {
  std::string error;
  auto zone = ZoneResolver::create("", &error);
  ASSERT_TRUE(zone);
  auto r = zone->resolve(local(2025, 3, 30, 2, 30));
  EXPECT_EQ(r.offset_s, 0);
  EXPECT_EQ(r.source, OffsetSource::kZone);
}

std::optional<Timestamp> read_pattern(std::string_view pattern, std::string_view text, const char* tz = "") {
  std::string error;
  auto tp = TimePattern::compile(pattern, &error);
  EXPECT_TRUE(tp) << error;
  if (!tp) return std::nullopt;
  TimeFields f;
  const char* p = text.data();
  if (tp->match(&p, text.data() + text.size(), &f) != RejectReason::kNone) return std::nullopt;
  EXPECT_EQ(p, text.data() + text.size()) << "pattern did not consume all of " << text;
  auto zone = ZoneResolver::create(tz, &error);
  return f.to_timestamp(*zone);
}

std::string rfc(std::optional<Timestamp> t) { return t ? format_rfc3339(*t) : "<none>"; }

TEST(TimePattern, StrftimeConversions) {
  EXPECT_EQ(rfc(read_pattern("%d/%b/%Y:%H:%M:%S %z", "10/Oct/2000:13:55:36 -0700")), "2000-10-10T13:55:36-07:00");
  EXPECT_EQ(rfc(read_pattern("%F %T%z", "2026-01-01 15:22:46+0900")), "2026-01-01T15:22:46+09:00");
  EXPECT_EQ(rfc(read_pattern("%D %R", "01/02/26 03:04")), "2026-01-02T03:04:00+00:00");
  EXPECT_EQ(rfc(read_pattern("%D %R", "01/02/69 03:04")), "1969-01-02T03:04:00+00:00");
  EXPECT_EQ(rfc(read_pattern("%a, %e %B %Y %I:%M:%S %p", "Thu,  1 January 2026 03:04:05 PM")),
            "2026-01-01T15:04:05+00:00");
  EXPECT_EQ(rfc(read_pattern("%A %e %h %Y %I:%M:%S %p", "Monday 12 Jan 2026 12:00:00 AM")),
            "2026-01-12T00:00:00+00:00");
  EXPECT_EQ(rfc(read_pattern("%Y-%j %H:%M:%S", "2024-366 23:59:59")), "2024-12-31T23:59:59+00:00");
  EXPECT_EQ(rfc(read_pattern("%a%d%bx%Y %T %Z", "Thu01Janx2026 00:00:00 +03", "Europe/Istanbul")),
            "2026-01-01T00:00:00+03:00");
  EXPECT_EQ(rfc(read_pattern("%s", "1767248566")), "2026-01-01T06:22:46+00:00");
  EXPECT_EQ(rfc(read_pattern("[%Y%m%d%%%H%M%S %Z]", "[20260101%152246 JST]", "Asia/Tokyo")),
            "2026-01-01T15:22:46+09:00");
  // Out of range values are no time.
  EXPECT_EQ(rfc(read_pattern("%Y-%j %T", "2025-366 00:00:00")), "<none>");
  EXPECT_EQ(rfc(read_pattern("%F %T", "2025-02-29 00:00:00")), "<none>");
  EXPECT_EQ(rfc(read_pattern("%F", "2025-02-28")), "<none>");  // no clock
}

TEST(TimePattern, UnsupportedConversionNamesIt) {
  std::string error;
  EXPECT_FALSE(TimePattern::compile("%Y %Q", &error));
  EXPECT_NE(error.find("%Q"), std::string::npos) << error;
  EXPECT_FALSE(TimePattern::compile("%Y %", &error));
}

TEST(TimePattern, ReportsTruncationSeparately) {
  std::string error;
  auto tp = TimePattern::compile("%F %T", &error);
  TimeFields f;
  std::string_view text = "2026-01-01 15:2";
  const char* p = text.data();
  EXPECT_EQ(tp->match(&p, text.data() + text.size(), &f), RejectReason::kTruncated);
  text = "2026-01-01 15:2x:00";
  p = text.data();
  EXPECT_EQ(tp->match(&p, text.data() + text.size(), &f), RejectReason::kBadTimestamp);
}

}  // namespace
}  // namespace alcor
