#include "parsers/format_registry.h"

#include <gtest/gtest.h>

namespace alcor {
namespace {

constexpr std::string_view kCombinedLine =
    R"(192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "ua")";

std::unique_ptr<LineParser> make(std::string_view spec, std::string* error = nullptr) {
  std::string ignored;
  return make_parser(spec, ParseOptions{}, error ? error : &ignored);
}

TEST(FormatRegistry, NicknamesAndTheirDefinitions) {
  const std::pair<const char*, const char*> expected[] = {
      {"common", R"(common: %h %l %u %t "%r" %>s %b)"},
      {"vhost_common", R"(vhost_common: %v %h %l %u %t "%r" %>s %b)"},
      {"combined", R"(combined: %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i")"},
      {"vhost_combined",
       R"(vhost_combined: %v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i")"},
      {"combinedio", R"(combinedio: %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i" %I %O)"},
      {"combined_port", R"(combined_port: %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i" %{remote}p)"},
  };
  for (const auto& [name, definition] : expected) {
    auto p = make(name);
    ASSERT_TRUE(p) << name;
    EXPECT_EQ(p->definition(), definition);
  }
}

TEST(FormatRegistry, RawAndConfigQuotedFormatStrings) {
  LogRecord r;
  auto raw = make(R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i")");
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->definition(), R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i")");
  EXPECT_EQ(raw->parse(kCombinedLine, &r), RejectReason::kNone);

  // Copied from an Apache configuration, with its \" quoting.
  auto quoted = make(R"(%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\")");
  ASSERT_TRUE(quoted);
  EXPECT_EQ(quoted->definition(), raw->definition());
  EXPECT_EQ(quoted->parse(kCombinedLine, &r), RejectReason::kNone);

  auto line = make(R"(  LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"" mine  )");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->definition(), R"(mine: %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i")");
  EXPECT_EQ(line->parse(kCombinedLine, &r), RejectReason::kNone);

  auto unnamed = make(R"(LogFormat '%h %t "%r"')");
  ASSERT_TRUE(unnamed);
  EXPECT_EQ(unnamed->definition(), R"(%h %t "%r")");
}

TEST(FormatRegistry, ErrorsNameTheBadPart) {
  std::string error;
  EXPECT_FALSE(make("combind", &error));
  EXPECT_NE(error.find("'combind'"), std::string::npos) << error;
  EXPECT_NE(error.find("combined_port"), std::string::npos) << error;  // lists what exists
  EXPECT_FALSE(make("auto", &error));
  EXPECT_NE(error.find("auto"), std::string::npos);
  EXPECT_FALSE(make(R"(%h %t %Z)", &error));
  EXPECT_NE(error.find("'%Z'"), std::string::npos) << error;
  EXPECT_FALSE(make(R"(LogFormat "%h %t)", &error));
  EXPECT_NE(error.find("unclosed quote"), std::string::npos) << error;
  EXPECT_FALSE(make(R"(LogFormat "%h %t" name extra)", &error));
  EXPECT_NE(error.find("'extra'"), std::string::npos) << error;
  EXPECT_FALSE(make_parser("combined", ParseOptions{"Europe/Nowhere", ""}, &error));
  EXPECT_NE(error.find("Europe/Nowhere"), std::string::npos) << error;
}

TEST(FormatRegistry, AutoCandidatesMostSpecificFirst) {
  EXPECT_EQ(auto_candidates(),
            (std::vector<std::string>{"combined_port", "vhost_combined", "combinedio", "combined", "vhost_common",
                                      "common", "nginx_main", "nginx_combined", "caddy", "traefik", "nginx_json",
                                      "haproxy_httplog", "aws_elb", "w3c"}));
}

Detection detect(const std::vector<std::string>& lines) {
  std::vector<std::string_view> views(lines.begin(), lines.end());
  return detect_format(views, ParseOptions{});
}

TEST(FormatRegistry, DetectsEachNicknameFromItsOwnLines) {
  const std::string base = R"(192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 5)";
  const std::string combined = base + R"( "-" "ua")";
  const std::pair<std::string, std::string> cases[] = {
      {"common", base},
      {"vhost_common", "www.example.org " + base},
      {"combined", combined},
      {"vhost_combined", "www.example.org:443 " + combined},
      {"combinedio", combined + " 300 400"},
      {"combined_port", combined + " 51234"},
  };
  for (const auto& [name, line] : cases) {
    Detection d = detect({line, "", line, line});
    EXPECT_EQ(d.name, name) << line;
    EXPECT_TRUE(d.parser) << line;
    EXPECT_EQ(d.parsed, 3u);
    EXPECT_EQ(d.sampled, 3u);  // the empty line is not counted
  }
}

TEST(FormatRegistry, DetectionNeedsHalfTheSample) {
  const std::string good(kCombinedLine);
  Detection half = detect({good, good, "junk", "junk"});
  EXPECT_TRUE(half.parser);
  EXPECT_EQ(half.name, "combined");
  Detection less = detect({good, "junk", "junk"});
  EXPECT_FALSE(less.parser);
  EXPECT_EQ(less.parsed, 1u);
  EXPECT_EQ(less.sampled, 3u);
  Detection none = detect({"{\"json\": 1}"});
  EXPECT_FALSE(none.parser);
}

}  // namespace
}  // namespace alcor
