#include "index/json_writer.h"

#include <gtest/gtest.h>

namespace alcor {
namespace {

TEST(JsonWriter, WritesNestedStructures) {
  JsonWriter w;
  w.begin_object().field("a", 1).key("b").begin_array().value("x").null().value(true).end_array();
  w.key("c").begin_object().field("d", "e").end_object().end_object();
  EXPECT_EQ(w.str(), R"({"a":1,"b":["x",null,true],"c":{"d":"e"}})");
}

TEST(JsonWriter, EscapesControlAndQuoteCharacters) {
  std::string out;
  append_json_string(out, "a\"b\\c\n\x01\x7f");
  EXPECT_EQ(out, R"("a\"b\\c\n\u0001\u007f")");
}

TEST(JsonWriter, ReplacesInvalidUtf8ButKeepsValidSequences) {
  std::string out;
  append_json_string(out, "\xe3\x81\x82\xff");
  EXPECT_EQ(out, "\"\xe3\x81\x82\xEF\xBF\xBD\"");
  EXPECT_TRUE(is_valid_utf8("\xe3\x81\x82"));
  EXPECT_FALSE(is_valid_utf8("\xe3\x81"));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));  // surrogate
}

TEST(Base64, MatchesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

}  // namespace
}  // namespace alcor
