// nginx log_format templates, escaping modes and variables, written from
// the ngx_http_log_module and ngx_http_core_module documentation.
#include "parsers/nginx_format.h"

#include <gtest/gtest.h>

#include "parsers/format_registry.h"

namespace alcor {
namespace {

std::unique_ptr<LineParser> nginx(std::string_view format, NginxEscape escape = NginxEscape::kDefault,
                                  std::string tz = "") {
  std::string error;
  auto p = compile_nginx_format(format, escape, std::string(format), ParseOptions{tz, ""}, &error);
  EXPECT_TRUE(p) << error;
  return p;
}

TEST(NginxFormat, CombinedIsWrittenAtTheEndOfTheRequest) {
  auto p = nginx(kNginxCombined);
  LogRecord r;
  ASSERT_EQ(p->parse(R"(192.0.2.7 - alice [10/Oct/2000:13:55:36 -0700] "GET /a.gif?x=1 HTTP/1.1" 200 2326 )"
                     R"("http://example.com/" "Mozilla/5.0")",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "192.0.2.7");
  EXPECT_EQ(r.client_port, kPortNotLogged);
  EXPECT_EQ(format_rfc3339(r.time), "2000-10-10T13:55:36-07:00");
  EXPECT_EQ(r.time_meaning, TimeMeaning::kLogWrite);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/a.gif?x=1");
  EXPECT_EQ(r.protocol, "HTTP/1.1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.response_bytes, 2326);
  EXPECT_EQ(r.referer, "http://example.com/");
  EXPECT_EQ(r.user_agent, "Mozilla/5.0");
}

TEST(NginxFormat, DefaultEscapingIsUpperCaseHex) {
  auto p = nginx(kNginxCombined);
  LogRecord r;
  // '"' is \x22, '\' is \x5C, bytes >= 0x80 and controls are \xHH.
  ASSERT_EQ(p->parse(R"(192.0.2.7 - - [10/Oct/2000:13:55:36 +0000] "GET /\x22q\x5C HTTP/1.1" 400 0 "-" )"
                     R"("\xE3\x83\x86\x09x")",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.target, "/\"q\\");
  EXPECT_EQ(r.user_agent, "\xE3\x83\x86\tx");
  // Binary probes sent to a plain-HTTP port.
  ASSERT_EQ(p->parse(R"(192.0.2.7 - - [10/Oct/2000:13:55:36 +0000] "\x16\x03\x01\x00" 400 157 "-" "-")", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.method, "");
  EXPECT_EQ(r.target, std::string_view("\x16\x03\x01\x00", 4));
}

TEST(NginxFormat, JsonEscaping) {
  auto p = nginx(R"({"t":"$time_iso8601","a":"$remote_addr","p":$remote_port,"r":"$request","ua":"$http_user_agent"})",
                 NginxEscape::kJson);
  LogRecord r;
  // \" \\ \u0001, raw UTF-8 and a raw invalid byte (nginx copies bytes >= 0x80).
  const std::string line = "{\"t\":\"2024-10-12T23:14:20+09:00\",\"a\":\"2001:db8::5\",\"p\":51000,"
                           "\"r\":\"GET /\\\"x\\\\ HTTP/1.1\",\"ua\":\"\\u0001\xe3\x83\x86\xff\"}";
  ASSERT_EQ(p->parse(line, &r), RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "2001:db8::5");
  EXPECT_EQ(r.client_port, 51000);
  EXPECT_EQ(r.target, "/\"x\\");
  EXPECT_EQ(r.user_agent, "\x01\xe3\x83\x86\xff");
  EXPECT_EQ(format_rfc3339_utc(r.time), "2024-10-12T14:14:20Z");
  EXPECT_EQ(r.time_meaning, TimeMeaning::kLogWrite);
}

TEST(NginxFormat, NoEscapingReadsRawQuotesByTheFollowingLiteral) {
  auto p = nginx(R"($remote_addr [$time_local] "$request" "$http_user_agent")", NginxEscape::kNone);
  LogRecord r;
  ASSERT_EQ(p->parse(R"(192.0.2.7 [10/Oct/2000:13:55:36 +0000] "GET /a"b HTTP/1.1" "say "hi"")", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.target, "/a\"b");
  EXPECT_EQ(r.user_agent, "say \"hi\"");
}

TEST(NginxFormat, EmptyPortIsUnknownAndDashIsNotFound) {
  auto p = nginx(R"($remote_addr:$remote_port [$time_local] "$request" $status "$http_x_forwarded_for")");
  LogRecord r;
  ASSERT_EQ(p->parse(R"(192.0.2.7: [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 "-")", &r), RejectReason::kNone);
  EXPECT_EQ(r.client_port, kPortNotLogged);
  EXPECT_EQ(r.forwarded_for, "");
  ASSERT_EQ(p->parse(R"(192.0.2.7:40000 [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 "203.0.113.9")", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client_port, 40000);
  EXPECT_EQ(r.forwarded_for, "203.0.113.9");
  EXPECT_EQ(p->parse(R"(192.0.2.7:x [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 "-")", &r),
            RejectReason::kBadPort);
}

TEST(NginxFormat, EveryCorrelationVariable) {
  auto p = nginx(
      "$remote_addr $remote_port $realip_remote_addr $realip_remote_port $server_addr $server_port $server_name "
      "$host [$time_local] $msec $request_time \"$request_method\" \"$request_uri\" \"$uri\" \"$args\" "
      "$server_protocol $status $body_bytes_sent $bytes_sent $request_length \"$remote_user\" \"$http_referer\" "
      "\"$http_user_agent\" \"$sent_http_content_type\" \"$cookie_session\" $connection $connection_requests "
      "$request_id \"$upstream_addr\"");
  LogRecord r;
  const std::string line =
      "203.0.113.9 51234 10.0.0.2 40000 10.0.0.1 443 example.org www.example.org [10/Oct/2000:13:55:36 +0000] "
      "971186136.123 0.250 \"GET\" \"/p%20q?a=1\" \"/p q\" \"a=1\" HTTP/2.0 206 100 400 321 \"bob\" \"-\" "
      "\"curl/8\" \"text/html\" \"abc\" 17 3 0123456789abcdef0123456789abcdef \"10.1.1.1:8080, 10.1.1.2:8080\"";
  ASSERT_EQ(p->parse(line, &r), RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "203.0.113.9");
  EXPECT_EQ(r.client_port, 51234);
  EXPECT_TRUE(r.has_peer);  // realip replaced the peer 10.0.0.2:40000
  EXPECT_EQ(r.peer.to_string(), "10.0.0.2");
  EXPECT_EQ(r.peer_port, 40000);
  EXPECT_EQ(r.server_port, 443);
  EXPECT_EQ(r.host, "www.example.org");  // $host beats $server_name
  // $time_local and $msec name the same instant; $msec adds the milliseconds.
  EXPECT_EQ(format_rfc3339(r.time), "2000-10-10T13:55:36.123+00:00");
  EXPECT_EQ(r.duration_us, 250000);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/p%20q?a=1");  // $request_uri beats $uri?$args
  EXPECT_EQ(r.protocol, "HTTP/2.0");
  EXPECT_EQ(r.status, 206);
  EXPECT_EQ(r.response_bytes, 100);  // $body_bytes_sent beats $bytes_sent
  EXPECT_EQ(r.user_agent, "curl/8");
}

TEST(NginxFormat, MsecAndIsoTimesAndUriWithArgs) {
  auto p = nginx(R"($remote_addr $msec "$uri" "$args")");
  LogRecord r;
  ASSERT_EQ(p->parse(R"(192.0.2.7 1700000000.123 "/s" "q=1")", &r), RejectReason::kNone);
  EXPECT_EQ(r.time.utc_us, 1700000000123000);
  EXPECT_EQ(r.time.precision, TimePrecision::kMilli);
  EXPECT_EQ(r.target, "/s?q=1");
  ASSERT_EQ(p->parse(R"(192.0.2.7 1700000000.123 "/s" "-")", &r), RejectReason::kNone);
  EXPECT_EQ(r.target, "/s");
}

TEST(NginxFormat, ProxyProtocolClientKeepsTheBalancerAsPeer) {
  auto p = nginx(R"($proxy_protocol_addr:$proxy_protocol_port $remote_addr:$remote_port [$time_local] "$request")");
  LogRecord r;
  ASSERT_EQ(p->parse(R"(198.51.100.4:61000 10.0.0.5:33000 [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1")", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "198.51.100.4");
  EXPECT_EQ(r.client_port, 61000);
  EXPECT_EQ(r.client_source, ClientSource::kProxyProtocol);
  EXPECT_TRUE(r.has_peer);
  EXPECT_EQ(r.peer.to_string(), "10.0.0.5");
  EXPECT_EQ(r.peer_port, 33000);
  // No PROXY header on that connection: the variable is empty.
  ASSERT_EQ(p->parse(R"(: 10.0.0.5:33000 [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1")", &r), RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "10.0.0.5");
  EXPECT_FALSE(r.has_peer);
}

TEST(NginxFormat, CompileErrors) {
  std::string error;
  EXPECT_FALSE(compile_nginx_format("$remote_addr $status", NginxEscape::kDefault, "", ParseOptions{}, &error));
  EXPECT_NE(error.find("no time item"), std::string::npos) << error;
  EXPECT_FALSE(compile_nginx_format("$remote_addr$remote_port $msec", NginxEscape::kDefault, "", ParseOptions{}, &error));
  EXPECT_NE(error.find("$remote_addr"), std::string::npos) << error;
  EXPECT_FALSE(compile_nginx_format("${remote_addr $msec", NginxEscape::kDefault, "", ParseOptions{}, &error));
  EXPECT_NE(error.find("'${'"), std::string::npos) << error;
}

TEST(NginxFormat, PastedDirectivesAndConfigFiles) {
  std::string error;
  LogRecord r;
  // As pasted from nginx.conf: several lines, concatenated strings, escape=.
  auto p = make_parser(R"(log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';)",
                       ParseOptions{}, &error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->definition(),
            R"(log_format main '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent )"
            R"("$http_referer" "$http_user_agent" "$http_x_forwarded_for"';)");
  EXPECT_EQ(p->parse(R"(192.0.2.1 - - [23/Jul/2024:00:06:00 -0300] "GET / HTTP/1.1" 302 0 "-" "ua" "-")", &r),
            RejectReason::kNone);

  auto json = make_parser("log_format json escape=json '{\"t\":\"$time_iso8601\",\"a\":\"$remote_addr\"}';",
                          ParseOptions{}, &error);
  ASSERT_TRUE(json) << error;
  EXPECT_EQ(json->parse(R"({"t":"2024-10-12T23:14:20+09:00","a":"192.0.2.1"})", &r), RejectReason::kNone);

  EXPECT_FALSE(make_parser("log_format x escape=html '$msec';", ParseOptions{}, &error));
  EXPECT_NE(error.find("escape=html"), std::string::npos) << error;
  EXPECT_FALSE(make_parser("log_format x '$msec'", ParseOptions{}, &error));
  EXPECT_NE(error.find("';'"), std::string::npos) << error;
}

}  // namespace
}  // namespace alcor
