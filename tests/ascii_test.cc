#include "parsers/ascii.h"

#include <gtest/gtest.h>

namespace alcor {
namespace {

TEST(Ascii, TrimsBlanksOnBothEnds) {
  EXPECT_EQ(trim("  \tnetname:  JP\r"), "netname:  JP");
  EXPECT_EQ(trim(" \t\r "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("x"), "x");
  EXPECT_EQ(trim("combined\n"), "combined\n");  // LF is no blank by default
  EXPECT_EQ(trim("\ncombined\r\n", " \t\r\n"), "combined");
}

TEST(Ascii, ChangesCaseOfAsciiLettersOnly) {
  EXPECT_EQ(ascii_lower("Example.COM:80"), "example.com:80");
  EXPECT_EQ(ascii_upper("abuse-c@Example"), "ABUSE-C@EXAMPLE");
  // UTF-8 (and Latin-1) bytes are left as they are: "Ä" stays "Ä".
  EXPECT_EQ(ascii_lower("\xC3\x84Z"), "\xC3\x84z");
  EXPECT_EQ(ascii_upper("\xC3\xA4z"), "\xC3\xA4Z");
}

TEST(Ascii, HexDigitValuesOfEitherCase) {
  EXPECT_EQ(hex_digit_value('0'), 0);
  EXPECT_EQ(hex_digit_value('9'), 9);
  EXPECT_EQ(hex_digit_value('a'), 10);
  EXPECT_EQ(hex_digit_value('F'), 15);
  for (char c : {'g', 'G', '/', ':', '@', '`', ' ', '\xE3'}) EXPECT_EQ(hex_digit_value(c), -1) << c;
}

TEST(Ascii, LettersAndDigitsAreAsciiOnly) {
  EXPECT_TRUE(is_ascii_alpha('a') && is_ascii_alpha('Z'));
  EXPECT_FALSE(is_ascii_alpha('0') || is_ascii_alpha('_') || is_ascii_alpha('\xC3'));
  EXPECT_TRUE(is_ascii_alnum('7') && is_ascii_alnum('q'));
  EXPECT_FALSE(is_ascii_alnum('-') || is_ascii_alnum('\xA9'));
}

}  // namespace
}  // namespace alcor
