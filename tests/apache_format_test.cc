#include "parsers/apache_format.h"

#include <gtest/gtest.h>

#include <random>

#include "parsers/format_registry.h"
#include "parsers/request_line.h"
#include "tests/test_support.h"

namespace alcor {
namespace {

std::unique_ptr<LineParser> compile(std::string_view format, std::string tz = "", std::string host = "") {
  std::string error;
  auto p = compile_apache_format(format, std::string(format), ParseOptions{std::move(tz), std::move(host)}, &error);
  EXPECT_TRUE(p) << error;
  return p;
}

std::string compile_error(std::string_view format) {
  std::string error;
  EXPECT_FALSE(compile_apache_format(format, "", ParseOptions{}, &error)) << format;
  return error;
}

constexpr std::string_view kCombinedPort =
    R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i" %{remote}p)";

TEST(ApacheFormat, CombinedWithPortFillsEveryField) {
  auto p = compile(kCombinedPort);
  LogRecord r;
  ASSERT_EQ(p->parse(R"(192.0.2.10 - alice [10/Oct/2000:13:55:36 -0700] "GET /a/b?c=d HTTP/1.1" 200 2326 )"
                     R"-("http://example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)" 51234)-",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client_kind, ClientKind::kAddress);
  EXPECT_EQ(r.client.to_string(), "192.0.2.10");
  EXPECT_EQ(r.client_text, "192.0.2.10");
  EXPECT_EQ(r.client_port, 51234);
  EXPECT_EQ(format_rfc3339(r.time), "2000-10-10T13:55:36-07:00");
  EXPECT_EQ(r.time.offset_source, OffsetSource::kLogged);
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/a/b?c=d");
  EXPECT_EQ(r.protocol, "HTTP/1.1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.response_bytes, 2326);
  EXPECT_EQ(r.referer, "http://example.com/start.html");
  EXPECT_EQ(r.user_agent, "Mozilla/4.08 [en] (Win98; I ;Nav)");
  EXPECT_EQ(r.host, "");
  EXPECT_EQ(r.server_port, -1);
  EXPECT_EQ(r.duration_us, -1);
}

TEST(ApacheFormat, IPv6AndMappedClients) {
  auto p = compile(kCombinedPort);
  LogRecord r;
  ASSERT_EQ(p->parse(R"(2001:db8::5 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/2.0" 200 1 "-" "x" 443)", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "2001:db8::5");
  ASSERT_EQ(p->parse(R"(::ffff:192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/2.0" 200 1 "-" "x" 1)", &r),
            RejectReason::kNone);
  EXPECT_TRUE(r.client.is_v4());
  EXPECT_EQ(r.client.to_string(), "192.0.2.1");
  EXPECT_EQ(r.client_text, "::ffff:192.0.2.1");
}

TEST(ApacheFormat, HostnameClientIsKeptNotRejected) {
  auto p = compile(R"(%h %l %u %t "%r" %>s %b)");
  LogRecord r;
  ASSERT_EQ(p->parse(R"(dialup-12.example.net - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.0" 200 5)", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client_kind, ClientKind::kHostname);
  EXPECT_EQ(r.client_text, "dialup-12.example.net");
  ASSERT_EQ(p->parse(R"(- - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.0" 200 5)", &r), RejectReason::kNone);
  EXPECT_EQ(r.client_kind, ClientKind::kMissing);
  EXPECT_EQ(p->parse(R"(300.1.1.1/x - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.0" 200 5)", &r),
            RejectReason::kBadAddress);
  // %a is the address itself: a name there is damage.
  auto a = compile(R"(%a %t "%r")");
  EXPECT_EQ(a->parse(R"(host.example [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.0")", &r),
            RejectReason::kBadAddress);
}

TEST(ApacheFormat, UndoesApacheEscaping) {
  auto p = compile(R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i")");
  LogRecord r;
  ASSERT_EQ(p->parse(R"(192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET /x?q=\"a\\b\" HTTP/1.1" 200 5 )"
                     R"("-" "}__test|O:21:\"JDatabaseDriverMysqli\":3:{s:2:\"fc\";} \x0bend\\\\ \t\n\r\b\v\xc3\xa9")",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.target, "/x?q=\"a\\b\"");
  EXPECT_EQ(r.user_agent,
            std::string("}__test|O:21:\"JDatabaseDriverMysqli\":3:{s:2:\"fc\";} \x0b" "end\\\\ \t\n\r\b\v\xc3\xa9"));
  EXPECT_EQ(r.referer, "-");
  // A value ending in a backslash is written \\ before the closing quote.
  ASSERT_EQ(p->parse(R"(192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET /\\ HTTP/1.1" 200 5 "a\\" "b")", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.target, "/\\");
  EXPECT_EQ(r.referer, "a\\");
  // Sequences Apache never writes stay as they are.
  ASSERT_EQ(p->parse(R"(192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET /\q\xZZ\xAB HTTP/1.1" 200 5 "-" "-")", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.target, R"(/\q\xZZ\xAB)");
}

TEST(ApacheFormat, ViewsStayValidUntilTheNextParse) {
  auto p = compile(R"(%h %t "%r" "%{Referer}i" "%{User-Agent}i")");
  LogRecord r;
  std::string line = R"(192.0.2.1 [01/Jan/2026:00:00:00 +0000] "GET /\"1\" HTTP/1.1" "\"r\"" "\"u\"")";
  ASSERT_EQ(p->parse(line, &r), RejectReason::kNone);
  EXPECT_EQ(r.target, "/\"1\"");
  EXPECT_EQ(r.referer, "\"r\"");
  EXPECT_EQ(r.user_agent, "\"u\"");
}

TEST(ApacheFormat, RequestLineOddities) {
  auto p = compile(R"(%h %l %u %t "%r" %>s %b)");
  LogRecord r;
  const std::string prefix = "192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] ";
  std::string line;  // the record's views point into it
  // Apache logs "-" for a connection that sent no request.
  ASSERT_EQ(p->parse(line = prefix + R"("-" 408 -)", &r), RejectReason::kNone);
  EXPECT_EQ(r.method, "");
  EXPECT_EQ(r.target, "");
  EXPECT_EQ(r.status, 408);
  EXPECT_EQ(r.response_bytes, 0);  // %b "-" is CLF for zero bytes
  // TLS handshake on a plain-HTTP port: real traffic, kept as a record.
  ASSERT_EQ(p->parse(line = prefix + R"("\x16\x03\x01\x02" 400 226)", &r), RejectReason::kNone);
  EXPECT_EQ(r.method, "");
  EXPECT_EQ(r.target, "\x16\x03\x01\x02");
  EXPECT_EQ(r.protocol, "");
  // Spaces inside the target.
  ASSERT_EQ(p->parse(line = prefix + R"("GET /a b c HTTP/1.1" 404 0)", &r), RejectReason::kNone);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/a b c");
  EXPECT_EQ(r.protocol, "HTTP/1.1");
  // HTTP/0.9 style: no protocol.
  ASSERT_EQ(p->parse(line = prefix + R"("GET /index.html" 200 10)", &r), RejectReason::kNone);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/index.html");
  EXPECT_EQ(r.protocol, "");
}

// The method is the run of token characters before the line's first space;
// anything else in front of that space makes the whole line the target.
TEST(RequestLine, MethodIsATokenEndedByTheFirstSpace) {
  struct Case {
    const char* line;
    const char* method;
    const char* target;
    const char* protocol;
  };
  for (const Case& c : std::initializer_list<Case>{{"GET /x HTTP/1.1", "GET", "/x", "HTTP/1.1"},
                                                   {"GET  /x", "GET", " /x", ""},
                                                   {"M-SEARCH * HTTP/1.1", "M-SEARCH", "*", "HTTP/1.1"},
                                                   {"GET", "", "GET", ""},
                                                   {" GET /x", "", " GET /x", ""},
                                                   {"G@T /x HTTP/1.1", "", "G@T /x HTTP/1.1", ""},
                                                   {"GET\t/x HTTP/1.1", "", "GET\t/x HTTP/1.1", ""},
                                                   {"\xff /x", "", "\xff /x", ""},
                                                   {"GET /x HTTP/", "GET", "/x", "HTTP/"},
                                                   {"GET  HTTP/1.0", "GET", "", "HTTP/1.0"},
                                                   {"GET /a HTTP/1 1", "GET", "/a HTTP/1 1", ""},
                                                   {"GET /a b HTTP/1.1", "GET", "/a b", "HTTP/1.1"},
                                                   {"GET /a HTTP/1.10", "GET", "/a", "HTTP/1.10"},
                                                   {"GET /a  HTTP/1.1", "GET", "/a ", "HTTP/1.1"},
                                                   {"GET HTTP/1.1", "GET", "HTTP/1.1", ""},
                                                   {"", "", "", ""},
                                                   {"-", "", "", ""}}) {
    const RequestLine r = split_request_line(c.line);
    EXPECT_EQ(r.method, c.method) << c.line;
    EXPECT_EQ(r.target, c.target) << c.line;
    EXPECT_EQ(r.protocol, c.protocol) << c.line;
  }
}

TEST(ApacheFormat, EmptyUserLoggedAsTwoQuotes) {
  auto p = compile(R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" "%{X-Forwarded-For}i")");
  LogRecord r;
  ASSERT_EQ(p->parse(R"(221.206.53.68 - "" [02/Apr/2009:04:24:45 +0200] "GET /references.php HTTP/1.1" 200 )"
                     R"-(13610 "-" "Mozilla/3.0 (compatible; Indy Library)" "-")-",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.target, "/references.php");
  // A user name with a space still ends at " [".
  ASSERT_EQ(p->parse(R"(192.0.2.1 - john doe [02/Apr/2009:04:24:45 +0200] "GET / HTTP/1.1" 200 1 "-" "-" "-")", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.status, 200);
}

TEST(ApacheFormat, RejectReasons) {
  auto p = compile(R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i")");
  LogRecord r;
  const std::string good = R"(192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "ua")";
  ASSERT_EQ(p->parse(good, &r), RejectReason::kNone);
  EXPECT_EQ(p->parse("", &r), RejectReason::kEmpty);
  EXPECT_EQ(p->parse("   \t", &r), RejectReason::kEmpty);
  EXPECT_EQ(p->parse(std::string_view(good.data(), good.size() - 2), &r), RejectReason::kTruncated);
  EXPECT_EQ(p->parse(good.substr(0, 20), &r), RejectReason::kTruncated);
  EXPECT_EQ(p->parse(good + " extra", &r), RejectReason::kFormat);
  // A foreign line ends before the format does.
  EXPECT_EQ(p->parse("# comment line", &r), RejectReason::kTruncated);
  // Lines that have the combined shape but one bad value.
  const std::pair<const char*, RejectReason> bad_values[] = {
      {R"(192.0.2.1 - - 01/Jan/2026:00:00:00 +0000 "GET / HTTP/1.1" 200 5 "-" "ua")", RejectReason::kFormat},
      {R"(192.0.2.1 - - [01/Jan/2026:25:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "ua")", RejectReason::kBadTimestamp},
      {R"(192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 2x0 5 "-" "ua")", RejectReason::kBadNumber},
      {R"(192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 -5 "-" "ua")", RejectReason::kBadNumber},
      {R"(192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 2000 5 "-" "ua")", RejectReason::kBadNumber},
      {R"(1.2.3 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "ua")", RejectReason::kBadAddress},
      // A bad value is reported only when the rest of the line fits.
      {R"(1.2.3 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "ua" x)", RejectReason::kFormat},
  };
  for (const auto& [line, reason] : bad_values) EXPECT_EQ(p->parse(line, &r), reason) << line;
  std::string with_nul = good;
  with_nul[40] = '\0';
  EXPECT_EQ(p->parse(with_nul, &r), RejectReason::kBinary);

  auto port = compile(kCombinedPort);
  EXPECT_EQ(port->parse(good + " 65536", &r), RejectReason::kBadPort);
  EXPECT_EQ(port->parse(good + " http", &r), RejectReason::kBadPort);
  EXPECT_EQ(port->parse(good, &r), RejectReason::kTruncated);
}

TEST(ApacheFormat, VhostServerPortDurationAndDefaultHost) {
  auto p = compile(R"(%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i" %D)");
  LogRecord r;
  ASSERT_EQ(p->parse(R"(www.example.org:443 192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 )"
                     R"(512 "-" "ua" 1234)",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.host, "www.example.org");
  EXPECT_EQ(r.server_port, 443);
  EXPECT_EQ(r.response_bytes, 512);
  EXPECT_EQ(r.duration_us, 1234);

  auto d = compile(R"(%h %t "%r" %T %{ms}T)", "", "fallback.example");
  ASSERT_EQ(d->parse(R"(192.0.2.1 [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 2 2345)", &r), RejectReason::kNone);
  EXPECT_EQ(r.duration_us, 2345000);  // %{ms}T is finer than %T
  EXPECT_EQ(r.host, "fallback.example");
  auto s = compile(R"(%h %t "%r" %{s}T)");
  ASSERT_EQ(s->parse(R"(192.0.2.1 [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 3)", &r), RejectReason::kNone);
  EXPECT_EQ(r.duration_us, 3000000);
}

TEST(ApacheFormat, AddressColonPortWithIpv6) {
  auto p = compile(R"(%a:%{remote}p %t "%r" %v:%p)");
  LogRecord r;
  ASSERT_EQ(p->parse(R"(2001:db8::1:443 [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" www.example.org:8443)", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "2001:db8::1");
  EXPECT_EQ(r.client_port, 443);
  EXPECT_EQ(r.host, "www.example.org");
  EXPECT_EQ(r.server_port, 8443);
  ASSERT_EQ(p->parse(R"(192.0.2.1:5 [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 2001:db8::2:80)", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client_port, 5);
  EXPECT_EQ(r.host, "2001:db8::2");
  EXPECT_EQ(r.server_port, 80);
  EXPECT_EQ(p->parse(R"(192.0.2.1 [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" h:80)", &r),
            RejectReason::kFormat);
}

TEST(ApacheFormat, BestItemWinsWhenLoggedTwice) {
  auto p = compile(R"(%h %a %t "%r" %<s %s %>s %O %b %{X-Forwarded-For}i)");
  LogRecord r;
  ASSERT_EQ(p->parse(R"(proxy.example 198.51.100.7 [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 302 302 200 )"
                     R"(900 700 203.0.113.9)",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "198.51.100.7");  // %a over %h
  EXPECT_EQ(r.status, 200);                         // %>s over %s, %<s
  EXPECT_EQ(r.response_bytes, 700);                 // %b over %O
}

TEST(ApacheFormat, SeparateMethodPathQueryProtocol) {
  auto p = compile(R"(%a %{remote}p %t %m %U%q %H %s %B %V %{local}p)");
  LogRecord r;
  ASSERT_EQ(p->parse("192.0.2.1 40000 [01/Jan/2026:00:00:00 +0000] POST /login?next=%2F HTTP/1.1 303 0 "
                     "shop.example 8443",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/login?next=%2F");
  EXPECT_EQ(r.protocol, "HTTP/1.1");
  EXPECT_EQ(r.client_port, 40000);
  EXPECT_EQ(r.host, "shop.example");
  EXPECT_EQ(r.server_port, 8443);
  // %q is empty without a query string.
  ASSERT_EQ(p->parse("192.0.2.1 40000 [01/Jan/2026:00:00:00 +0000] GET / HTTP/1.1 200 0 shop.example 8443", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.target, "/");
}

TEST(ApacheFormat, EveryDirectiveIsAccepted) {
  auto p = compile(
      R"(%a %{c}a %A %b %B %{SESSION}C %D %{HOME}e %f %h %{c}h %H %{Accept}i %k %l %L %m %{note}n )"
      R"(%{Location}o %p %{canonical}p %{local}p %{remote}p %P %{tid}P %q "%r" %R %s %>s %<s %t %T %{ms}T %u %U )"
      R"(%v %V %X %I %O %S %{SSL_PROTOCOL}x %{version}c %{Grpc-Status}^ti %{Trailer}^to %%)");
  LogRecord r;
  ASSERT_EQ(p->parse("192.0.2.1 10.0.0.1 10.0.0.2 120 120 abc 1500 /root /var/www/a peer.example 10.0.0.1 "
                     "HTTP/1.1 text/html 2 - aBcD GET - http://x/ 80 80 8080 50000 123 140 ?a=1 "
                     "\"GET /a?a=1 HTTP/1.1\" handler 200 200 200 [01/Jan/2026:00:00:00 +0000] 1 1500 bob "
                     "/a vhost host:8080 + 300 400 700 TLSv1.3 1.0 0 - %",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "192.0.2.1");
  EXPECT_EQ(r.client_port, 50000);
  EXPECT_EQ(r.server_port, 80);
  EXPECT_EQ(r.target, "/a?a=1");
  EXPECT_EQ(r.host, "vhost");
  EXPECT_EQ(r.duration_us, 1500);
  EXPECT_EQ(r.response_bytes, 120);
  EXPECT_TRUE(r.has_peer);  // %{c}a: the connection under mod_remoteip
  EXPECT_EQ(r.peer.to_string(), "10.0.0.1");
}

TEST(ApacheFormat, RemoteIpPeerAndForwardedHeaders) {
  auto p = compile(R"(%a %{c}a %{remote}p %t "%r" "%{X-Forwarded-For}i" "%{Forwarded}i")");
  LogRecord r;
  // mod_remoteip took the client from the header: the port is 0.
  ASSERT_EQ(p->parse(R"(203.0.113.5 10.0.0.7 0 [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" "203.0.113.5" "-")", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "203.0.113.5");
  EXPECT_EQ(r.client_port, 0);
  EXPECT_TRUE(r.has_peer);
  EXPECT_EQ(r.peer.to_string(), "10.0.0.7");
  EXPECT_EQ(r.forwarded_for, "203.0.113.5");
  EXPECT_EQ(r.forwarded, "");
  // A direct connection: the peer is the client.
  ASSERT_EQ(p->parse(R"(198.51.100.1 198.51.100.1 5000 [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" "-" "-")", &r),
            RejectReason::kNone);
  EXPECT_FALSE(r.has_peer);
  EXPECT_EQ(r.client_port, 5000);
}

TEST(ApacheFormat, StatusListModifiersMayLogDash) {
  auto p = compile(R"(%h %t "%r" %!200,304,302{Referer}i %400,501{User-agent}i %>s %200b)");
  LogRecord r;
  ASSERT_EQ(p->parse(R"(192.0.2.1 [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" - - 200 10)", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.response_bytes, 10);
  ASSERT_EQ(p->parse(R"(192.0.2.1 [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" http://r/ curl 404 -)", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.referer, "http://r/");
  EXPECT_EQ(r.user_agent, "curl");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.response_bytes, -1);  // "-" for an unlisted status: not logged
}

TEST(ApacheFormat, SeveralTimeItemsMakeOneTime) {
  auto p = compile(R"(%h [%{%d/%b/%Y %T}t.%{msec_frac}t %{%z}t] "%r")");
  LogRecord r;
  ASSERT_EQ(p->parse(R"(192.0.2.1 [10/Oct/2000 13:55:36.042 -0700] "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339(r.time), "2000-10-10T13:55:36.042-07:00");
  EXPECT_EQ(r.time.offset_source, OffsetSource::kLogged);
  EXPECT_EQ(r.time.precision, TimePrecision::kMilli);

  auto us = compile(R"(%h [%{%Y-%m-%d %H:%M:%S}t.%{usec_frac}t] "%r")", "Europe/Zurich");
  ASSERT_EQ(us->parse(R"(75.249.65.145 [2015-09-02 10:42:51.003372] "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339(r.time), "2015-09-02T10:42:51.003372+02:00");
  EXPECT_EQ(r.time.offset_source, OffsetSource::kZone);
  EXPECT_EQ(r.time.precision, TimePrecision::kMicro);
  EXPECT_EQ(us->parse(R"(75.249.65.145 [2015-09-02 10:42:51.0033] "GET / HTTP/1.1")", &r),
            RejectReason::kBadTimestamp);
}

TEST(ApacheFormat, TimesWithoutSecondsAreMinutesAndWithoutMinutesAreRejected) {
  auto minute = compile(R"(%h [%{%Y-%m-%d %H:%M %z}t] "%r")");
  LogRecord r;
  ASSERT_EQ(minute->parse(R"(192.0.2.1 [2026-01-01 15:22 +0900] "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(r.time.precision, TimePrecision::kMinute);
  EXPECT_EQ(format_rfc3339(r.time), "2026-01-01T15:22:00+09:00");
  // An hour alone places a request nowhere useful: no time is made up.
  auto hour = compile(R"(%h [%{%Y-%m-%d %H %z}t] "%r")");
  EXPECT_EQ(hour->parse(R"(192.0.2.1 [2026-01-01 15 +0900] "GET / HTTP/1.1")", &r), RejectReason::kBadTimestamp);
}

TEST(ApacheFormat, EpochTimeItemsAndBeginEnd) {
  LogRecord r;
  auto sec = compile(R"(%h %{sec}t.%{usec_frac}t "%r")");
  ASSERT_EQ(sec->parse(R"(192.0.2.1 1767248566.123456 "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2026-01-01T06:22:46.123456Z");
  EXPECT_EQ(r.time.offset_source, OffsetSource::kLogged);
  auto msec = compile(R"(%h %{msec}t "%r")");
  ASSERT_EQ(msec->parse(R"(192.0.2.1 1767248566123 "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2026-01-01T06:22:46.123Z");
  auto usec = compile(R"(%h %{usec}t "%r")");
  ASSERT_EQ(usec->parse(R"(192.0.2.1 1767248566123456 "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2026-01-01T06:22:46.123456Z");

  auto end = compile(R"(%h %{end:%d/%b/%Y:%H:%M:%S %z}t "%r")");
  ASSERT_EQ(end->parse(R"(192.0.2.1 10/Oct/2000:13:55:37 -0700 "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(r.time_meaning, TimeMeaning::kLogWrite);
  EXPECT_EQ(format_rfc3339(r.time), "2000-10-10T13:55:37-07:00");

  // With both, the request start is the time; the log-write time is read.
  auto both = compile(R"(%h %{end:sec}t %{begin:sec}t "%r")");
  ASSERT_EQ(both->parse(R"(192.0.2.1 1767248567 1767248566 "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2026-01-01T06:22:46Z");
  auto end_t = compile(R"(%h %{end:}t "%r")");
  ASSERT_EQ(end_t->parse(R"(192.0.2.1 [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(r.time_meaning, TimeMeaning::kLogWrite);
}

TEST(ApacheFormat, LocalTimesUseTheZoneAcrossDstChanges) {
  auto ny = compile(R"(%h [%{%Y-%m-%d %H:%M:%S}t] "%r")", "America/New_York");
  LogRecord r;
  ASSERT_EQ(ny->parse(R"(192.0.2.1 [2025-11-02 01:30:00] "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(r.time.offset_source, OffsetSource::kAmbiguous);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2025-11-02T05:30:00Z");  // the earlier, EDT reading
  ASSERT_EQ(ny->parse(R"(192.0.2.1 [2025-11-02 02:30:00] "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(r.time.offset_source, OffsetSource::kZone);
  EXPECT_EQ(format_rfc3339(r.time), "2025-11-02T02:30:00-05:00");

  auto berlin = compile(R"(%h [%{%Y-%m-%d %H:%M:%S}t] "%r")", "Europe/Berlin");
  ASSERT_EQ(berlin->parse(R"(192.0.2.1 [2025-03-30 02:30:00] "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(r.time.offset_source, OffsetSource::kNonexistent);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2025-03-30T01:30:00Z");  // = 03:30 CEST
  EXPECT_EQ(format_rfc3339(r.time), "2025-03-30T02:30:00+01:00");  // as logged
  ASSERT_EQ(berlin->parse(R"(192.0.2.1 [2025-07-01 12:00:00] "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339(r.time), "2025-07-01T12:00:00+02:00");

  // Without --tz: UTC, flagged as taken from the zone setting.
  auto utc = compile(R"(%h [%{%Y-%m-%d %H:%M:%S}t] "%r")");
  ASSERT_EQ(utc->parse(R"(192.0.2.1 [2025-03-30 02:30:00] "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(r.time.offset_source, OffsetSource::kZone);
  EXPECT_EQ(format_rfc3339(r.time, true), "2025-03-30T02:30:00Z");

  // A logged offset beats --tz.
  auto logged = compile(R"(%h %t "%r")", "Asia/Tokyo");
  ASSERT_EQ(logged->parse(R"(192.0.2.1 [30/Mar/2025:02:30:00 +0100] "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(r.time.offset_source, OffsetSource::kLogged);
  EXPECT_EQ(r.time.offset_s, 3600);
}

TEST(ApacheFormat, CloneParsesIndependently) {
  auto p = compile(kCombinedPort);
  auto c = p->clone();
  EXPECT_EQ(c->definition(), p->definition());
  LogRecord a, b;
  ASSERT_EQ(p->parse(R"(192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET /\"a\" HTTP/1.1" 200 1 "-" "x" 1)", &a),
            RejectReason::kNone);
  ASSERT_EQ(c->parse(R"(192.0.2.2 - - [01/Jan/2026:00:00:00 +0000] "GET /\"b\" HTTP/1.1" 200 1 "-" "x" 2)", &b),
            RejectReason::kNone);
  EXPECT_EQ(a.target, "/\"a\"");
  EXPECT_EQ(b.target, "/\"b\"");
}

TEST(ApacheFormat, CompileErrorsNameTheBadPart) {
  EXPECT_NE(compile_error(R"(%h %t %Z)").find("'%Z'"), std::string::npos);
  EXPECT_NE(compile_error(R"(%h %t %{foo}p)").find("'%{foo}p'"), std::string::npos);
  EXPECT_NE(compile_error(R"(%h %t %{xs}T)").find("'%{xs}T'"), std::string::npos);
  EXPECT_NE(compile_error(R"(%h %{%Y %Q}t)").find("%Q"), std::string::npos);
  EXPECT_NE(compile_error(R"(%h %t %{Referer)").find("'{' without '}'"), std::string::npos);
  EXPECT_NE(compile_error(R"(%h %t %)").find("unfinished item"), std::string::npos);
  EXPECT_NE(compile_error(R"(%h%u %t)").find("'%h' is followed directly by '%u'"), std::string::npos);
  EXPECT_NE(compile_error(R"(%h %u "%r")").find("no time item"), std::string::npos);
  std::string error;
  EXPECT_FALSE(compile_apache_format("%h %t", "", ParseOptions{"Nowhere/Atlantis", ""}, &error));
  EXPECT_NE(error.find("Nowhere/Atlantis"), std::string::npos);
}


// Real lines kept in the tree (tests/data/.../SOURCE.md says which and why).
TEST(ApacheFormat, RealExcerptWithEscapesDstAndADamagedLine) {
  const std::string data =
      testing::read_file(testing::test_data_dir() / "srhegdegadikai_apache_2005_2018" / "excerpt.log");
  std::string error;
  auto p = make_parser("combined", ParseOptions{}, &error);
  ASSERT_TRUE(p) << error;
  std::vector<std::string_view> lines;
  for (size_t at = 0; at < data.size();) {
    const size_t nl = data.find('\n', at);
    lines.push_back(std::string_view(data).substr(at, nl - at));
    at = nl + 1;
  }
  ASSERT_EQ(lines.size(), 9u);
  LogRecord r;
  ASSERT_EQ(p->parse(lines[0], &r), RejectReason::kNone);
  EXPECT_EQ(r.user_agent,
            R"(IP2LocationBot/1.0 <a href="http://www.ip2location.com">http://www.ip2location.com</a>)");
  EXPECT_EQ(r.response_bytes, 0);
  EXPECT_EQ(r.method, "HEAD");
  ASSERT_EQ(p->parse(lines[1], &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2005-10-29T21:18:48Z");
  ASSERT_EQ(p->parse(lines[2], &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339(r.time), "2005-10-30T07:32:35-05:00");
  EXPECT_EQ(format_rfc3339_utc(r.time), "2005-10-30T12:32:35Z");
  ASSERT_EQ(p->parse(lines[3], &r), RejectReason::kNone);
  EXPECT_EQ(r.user_agent, "\xd8z\xbe\xa3\xd1+");
  ASSERT_EQ(p->parse(lines[4], &r), RejectReason::kNone);
  EXPECT_EQ(p->parse(lines[5], &r), RejectReason::kFormat);
  ASSERT_EQ(p->parse(lines[6], &r), RejectReason::kNone);
  ASSERT_EQ(p->parse(lines[7], &r), RejectReason::kNone);
  EXPECT_EQ(r.user_agent.substr(0, 22), "Firefox (WindowsXP) \x96 ");
  ASSERT_EQ(p->parse(lines[8], &r), RejectReason::kNone);
  EXPECT_TRUE(r.user_agent.starts_with(R"(}__test|O:21:"JDatabaseDriverMysqli":3:{s:2:"fc";)")) << r.user_agent;
  EXPECT_NE(r.user_agent.find(R"(s:21:"\0\0\0disconnectHandlers")"), std::string_view::npos) << r.user_agent;
  EXPECT_EQ(r.client.to_string(), "31.204.150.138");
}


TEST(ApacheFormat, EveryCutOfALineIsTruncated) {
  auto p = compile(R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i")");
  const std::string line = R"(192.0.2.1 - bob [01/Jan/2026:00:00:00 +0000] "GET /\"x\" HTTP/1.1" 200 5 "-" "ua")";
  LogRecord r;
  ASSERT_EQ(p->parse(line, &r), RejectReason::kNone);
  EXPECT_EQ(p->parse(std::string_view(line).substr(0, 0), &r), RejectReason::kEmpty);
  for (size_t n = 1; n < line.size(); ++n) {
    EXPECT_EQ(p->parse(std::string_view(line).substr(0, n), &r), RejectReason::kTruncated) << line.substr(0, n);
  }
}

// Damaged bytes anywhere give a reason, never a crash or a read past the
// line (run under ALCOR_SANITIZE to check the latter).
TEST(ApacheFormat, RandomDamageIsRejectedOrParsedSafely) {
  auto p = compile(kCombinedPort);
  const std::string good =
      R"(2001:db8::1 - - [01/Jan/2026:00:00:00 +0000] "GET /a\"b\x41 HTTP/1.1" 200 5 "-" "ua\\" 443)";
  static constexpr char kBytes[] = {'"', '\\', ' ', '[', ']', '-', ':', 'x', '0', '9', '\0', '\n'};
  std::mt19937 rng(7);
  LogRecord r;
  size_t parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string line = good;
    for (int k = 0; k < 3; ++k) line[rng() % line.size()] = kBytes[rng() % sizeof kBytes];
    line.resize(rng() % (line.size() + 1));
    std::string_view exact(line);  // no terminator after the line's bytes
    std::unique_ptr<char[]> copy(new char[exact.size() + 1]);
    memcpy(copy.get(), exact.data(), exact.size());
    parsed += p->parse(std::string_view(copy.get(), exact.size()), &r) == RejectReason::kNone;
  }
  EXPECT_GT(parsed, 0u);
}

}  // namespace
}  // namespace alcor

namespace alcor {
namespace {

// Found by fuzz_apache_format: an epoch too large for 64-bit microseconds
// overflowed instead of being rejected.
TEST(ApacheFormat, EpochBeyondSixtyFourBitMicrosecondsIsABadTimestamp) {
  for (std::string_view format : {"%h %{sec}t \"%r\"", "%h %{msec}t \"%r\""}) {
    auto p = compile(format);
    ASSERT_TRUE(p);
    LogRecord r;
    EXPECT_EQ(p->parse("192.0.2.1 2005555555555555555 \"GET / HTTP/1.1\"", &r), RejectReason::kBadTimestamp)
        << format;
    // Found by fuzz_apache_format: 19 nines overflowed the accumulator.
    EXPECT_NE(p->parse("192.0.2.1 9999999999999999999 \"GET / HTTP/1.1\"", &r), RejectReason::kNone) << format;
    EXPECT_EQ(p->parse("192.0.2.1 1767248566 \"GET / HTTP/1.1\"", &r), RejectReason::kNone) << format;
  }
}

}  // namespace
}  // namespace alcor
