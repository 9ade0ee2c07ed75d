#include "parsers/clf_fast_path.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "tests/clf_shapes.h"
#include "tests/parse_outcome.h"

namespace alcor {
namespace {

using apache::ClfFastPath;
using apache::FastPath;

using testing::Shape;

apache::Format compiled(const Shape& shape, apache::Escape nginx_escape = apache::Escape::kNginx) {
  std::string error;
  auto f = testing::compile_shape(shape, &error, nginx_escape);
  EXPECT_TRUE(f) << error;
  return f ? *f : apache::Format();
}

std::unique_ptr<LineParser> parser(const Shape& shape, FastPath fast) {
  std::string error;
  auto p = make_step_parser(compiled(shape), shape.format, ParseOptions{"UTC", "default.example"}, &error, fast);
  EXPECT_TRUE(p) << error;
  return p;
}

TEST(ClfFastPath, ReadsTheStockShapesAndNothingElse) {
  EXPECT_EQ(ClfFastPath::formats().size(), 18u);
  EXPECT_EQ(ClfFastPath::nginx_formats().size(), 2u);
  for (const Shape& shape : testing::fast_path_shapes()) EXPECT_TRUE(ClfFastPath::for_format(compiled(shape))) << shape.format;
  // nginx's time is when the line was written; Apache's %t the request start.
  for (const auto& [shape, line, meaning] :
       {std::tuple{Shape{ClfFastPath::nginx_formats()[0], true},
                   R"(192.0.2.7 - - [01/Jan/2026:00:00:00 +0900] "GET / HTTP/1.1" 200 5 "-" "ua")", TimeMeaning::kLogWrite},
        std::tuple{Shape{ClfFastPath::formats()[0], false}, R"(192.0.2.7 - - [01/Jan/2026:00:00:00 +0900] "GET / HTTP/1.1" 200 5)",
                   TimeMeaning::kRequestStart}}) {
    LogRecord r;
    ApacheTimeReader times;
    std::string scratch;
    scratch.reserve(std::strlen(line));
    ASSERT_TRUE(ClfFastPath::for_format(compiled(shape))->read(line, times, &scratch, &r)) << line;
    EXPECT_EQ(r.time_meaning, meaning) << line;
    EXPECT_EQ(r.time.utc_us, 1767193200LL * kMicrosPerSecond) << line;
    EXPECT_EQ(r.time.offset_s, 9 * 3600) << line;
  }
  // Only nginx's default escaping is read: JSON and none unescape otherwise.
  for (apache::Escape other : {apache::Escape::kJson, apache::Escape::kNone}) {
    EXPECT_FALSE(ClfFastPath::for_format(compiled({ClfFastPath::nginx_formats()[0], true}, other)));
  }
  for (std::string_view other : {
           R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent)",
           R"($remote_addr - $remote_user [$time_local] "$request" $status $bytes_sent "$http_referer" "$http_user_agent")",
           R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time)",
           R"($remote_addr:$remote_port - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent")",
       }) {
    EXPECT_FALSE(ClfFastPath::for_format(compiled({std::string(other), true}))) << other;
  }
  // Header names are case-blind: Debian's vhost_combined spells User-Agent so.
  EXPECT_TRUE(ClfFastPath::for_format(compiled({R"(%v:%p %h %l %u %t "%r" %>s %O "%{referer}i" "%{User-Agent}i")", false})));
  for (std::string_view other : {
           R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i" %I %O)",  // combinedio
           R"(%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x "%r" %b)",                 // ssl_request
           R"(%a %l %u %t "%r" %>s %b)",                                       // %a, not %h
           R"(%h %l %u %t "%r" %s %b)",                                        // %s, not %>s
           R"(%400h %l %u %t "%r" %>s %b)",                                    // conditional
           R"(%h %l %u %t "%r" %>s %b %D)",
           R"(%h %l %u %{%d/%b/%Y:%H:%M:%S %z}t "%r" %>s %b)",
           R"(%v:%p %h %l %u %t "%r" %>s %b "%{Referer}i")",
       }) {
    EXPECT_FALSE(ClfFastPath::for_format(compiled({std::string(other), false}))) << other;
  }
}

// A plain line of `format` (one of testing::fast_path_shapes()), varied by `rng`: IPv4 and
// IPv6 clients, escapes in the quoted values, "-" bytes.
std::string plain_line(std::string_view format, std::mt19937& rng) {
  auto pick = [&](std::initializer_list<const char*> v) { return std::string(v.begin()[rng() % v.size()]); };
  std::string line;
  if (format.starts_with("%v:%p ")) line += pick({"www.example.jp", "[2001:db8::1]", "", "a:b"}) + ":" + pick({"80", "443", "0"}) + " ";
  if (format.starts_with("%v ")) line += pick({"www.example.jp", "shop.example", "-", "x:1"}) + " ";
  line += pick({"192.0.2.7", "2001:db8::5", "::ffff:198.51.100.1", "240b:10:cce9:b416:4ae1:91b2:a0ef:ed09", "fe80::1%eth0"});
  line += " - - [";
  line += pick({"01/Jan/2026:00:00:00 +0900", "31/Dec/2025:23:59:59 -0330", "29/Feb/2024:12:00:01 +0000"});
  line += "] \"";
  line += pick({"GET /a/b?c=d HTTP/1.1", "POST /bbs/post.php HTTP/2.0", "GET /x\\\"y HTTP/1.1", "-", "GET /", "\\x16\\x03"});
  line += "\" " + pick({"200", "404", "0301", "999"}) + " " + pick({"2326", "-", "0", "123456789012345678", "7", "1234567", "12345678", "123456789",
                                                                "00000042"});
  if (format.find("eferer") != std::string_view::npos) {
    line += " \"" + pick({"-", "https://site.example/tag/\\xe6\\x9d\\xb1/", "a\\\\", "\\\"q\\\"", "a\\x22b"}) + "\"";
    line += " \"" + pick({"Mozilla/5.0 (X11; Linux x86_64)", "", "x\\\\\\\"y", "curl/8.0", "\\x5C\\x22"}) + "\"";
  }
  if (format.ends_with("%{remote}p")) line += " " + pick({"51234", "0", "65535", "1"});
  if (format.ends_with("\"$http_x_forwarded_for\"")) {
    line += " \"" + pick({"-", "", "203.0.113.9", "198.51.100.1, 10.0.0.1", "\\x2D", "a\\x22"}) + "\"";
  }
  return line;
}

// The line with one byte replaced, removed or inserted at `at`: every
// variant must parse alike with and without the fast path.
std::vector<std::string> variants(const std::string& line) {
  std::vector<std::string> out;
  for (size_t at = 0; at <= line.size(); ++at) {
    for (char c : {' ', '"', '\\', '\0', '-', ':', '[', ']', '9', 'x', '\r'}) {
      if (at < line.size()) out.push_back(line.substr(0, at) + c + line.substr(at + 1));
      out.push_back(line.substr(0, at) + c + line.substr(at));
    }
    if (at < line.size()) out.push_back(line.substr(0, at) + line.substr(at + 1));
  }
  return out;
}

TEST(ClfFastPath, TakesPlainLinesAndParsesEveryLineAsTheWalkerDoes) {
  std::mt19937 rng(20261127);
  for (const Shape& shape : testing::fast_path_shapes()) {
    const std::string& format = shape.format;
    auto fast = parser(shape, FastPath::kAllowed);
    auto walker = parser(shape, FastPath::kWalkOnly);
    const auto path = ClfFastPath::for_format(compiled(shape));
    ASSERT_TRUE(path);
    for (int i = 0; i < 40; ++i) {
      const std::string line = plain_line(format, rng);
      // The plain line itself is the fast path's to read.
      LogRecord r;
      ApacheTimeReader times;
      std::string scratch;
      scratch.reserve(line.size());
      EXPECT_TRUE(path->read(line, times, &scratch, &r)) << format << "\n" << line;
      for (const std::string& v : variants(line)) {
        LogRecord a, b;
        const RejectReason ra = fast->parse(v, &a);
        const RejectReason rb = walker->parse(v, &b);
        ASSERT_EQ(parse_outcome(ra, a), parse_outcome(rb, b)) << format << "\n" << v;
      }
    }
  }
}

// A number has at most 18 digits (the walker's read_decimal takes no more):
// the fast path reads the 18-digit size and leaves the 19-digit one to the
// walker, which rejects it alike with and without the fast path.
TEST(ClfFastPath, LeavesNumbersOverEighteenDigitsToTheWalker) {
  const Shape shape{std::string(ClfFastPath::formats()[0]), false};
  const auto path = ClfFastPath::for_format(compiled(shape));
  ASSERT_TRUE(path);
  auto fast = parser(shape, FastPath::kAllowed);
  auto walker = parser(shape, FastPath::kWalkOnly);
  const std::string head = R"(192.0.2.7 - - [29/Feb/2024:12:00:01 +0000] "GET / HTTP/1.1" 200 )";
  for (const std::string size : {"123456789012345678", "1234567890123456789"}) {
    const std::string line = head + size;
    LogRecord r;
    ApacheTimeReader times;
    std::string scratch;
    EXPECT_EQ(path->read(line, times, &scratch, &r), size.size() <= 18) << line;
    LogRecord a, b;
    const RejectReason ra = fast->parse(line, &a);
    const RejectReason rb = walker->parse(line, &b);
    EXPECT_EQ(parse_outcome(ra, a), parse_outcome(rb, b)) << line;
  }
}

}  // namespace
}  // namespace alcor
