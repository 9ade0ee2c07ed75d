// JSON access logs: mappings, Caddy / Traefik / nginx_json presets (lines in
// the shape their documentation gives), tolerance of odd JSON.
#include "parsers/json_format.h"

#include <gtest/gtest.h>

#include "parsers/format_registry.h"
#include "tests/real_data_support.h"

namespace alcor {
namespace {

using testing::parser_for;

TEST(JsonFormat, CaddyAccessLog) {
  auto p = parser_for("caddy");
  LogRecord r;
  const std::string line =
      R"({"level":"info","ts":1693840791.7564995,"logger":"http.log.access","msg":"handled request",)"
      R"("request":{"remote_ip":"172.17.0.1","remote_port":"44790","client_ip":"203.0.113.50","proto":"HTTP/1.1",)"
      R"("method":"GET","host":"example.com","uri":"/a?b=1","headers":{"User-Agent":["curl/7.74.0"],)"
      R"("X-Forwarded-For":["203.0.113.50"]}},"bytes_read":0,"duration":0.000929675,"size":10900,"status":200})";
  ASSERT_EQ(p->parse(line, &r), RejectReason::kNone);
  EXPECT_EQ(r.time.utc_us, 1693840791756499);
  EXPECT_EQ(r.time.precision, TimePrecision::kMicro);
  EXPECT_EQ(r.time_meaning, TimeMeaning::kLogWrite);
  // client_ip (after Caddy's trusted_proxies) differs from the peer.
  EXPECT_EQ(r.client.to_string(), "203.0.113.50");
  EXPECT_EQ(r.client_port, kPortNotLogged);
  EXPECT_EQ(r.client_source, ClientSource::kServer);
  EXPECT_TRUE(r.has_peer);
  EXPECT_EQ(r.peer.to_string(), "172.17.0.1");
  EXPECT_EQ(r.peer_port, 44790);
  EXPECT_EQ(r.host, "example.com");
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/a?b=1");
  EXPECT_EQ(r.protocol, "HTTP/1.1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.response_bytes, 10900);
  EXPECT_EQ(r.duration_us, 929);
  EXPECT_EQ(r.user_agent, "curl/7.74.0");
  EXPECT_EQ(r.forwarded_for, "203.0.113.50");

  // Without a proxy, client_ip is the peer: the port is the client's.
  const std::string direct =
      R"({"ts":1693840791.5,"request":{"remote_ip":"2001:db8::7","remote_port":"5000","client_ip":"2001:db8::7",)"
      R"("method":"GET","uri":"/"},"status":404})";
  ASSERT_EQ(p->parse(direct, &r), RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "2001:db8::7");
  EXPECT_EQ(r.client_port, 5000);
  EXPECT_FALSE(r.has_peer);
  EXPECT_EQ(r.client_source, ClientSource::kConnection);
}

TEST(JsonFormat, TraefikAccessLog) {
  auto p = parser_for("traefik");
  LogRecord r;
  const std::string line =
      R"({"ClientAddr":"172.17.0.1:39496","ClientHost":"172.17.0.1","ClientPort":"39496","DownstreamContentSize":357,)"
      R"("DownstreamStatus":200,"Duration":357313,"RequestHost":"test.example","RequestMethod":"GET",)"
      R"("RequestPath":"/x.save","RequestProtocol":"HTTP/1.1","StartUTC":"2021-12-08T14:02:43.587782192Z",)"
      R"("request_User-Agent":"Nikto","time":"2021-12-08T14:02:43Z"})";
  ASSERT_EQ(p->parse(line, &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2021-12-08T14:02:43.587782Z");
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);
  EXPECT_EQ(r.client.to_string(), "172.17.0.1");
  EXPECT_EQ(r.client_port, 39496);
  EXPECT_FALSE(r.has_peer);
  EXPECT_EQ(r.duration_us, 357);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.host, "test.example");
  EXPECT_EQ(r.target, "/x.save");
  EXPECT_EQ(r.user_agent, "Nikto");
}

TEST(JsonFormat, NginxJsonPresetAndQuotedOrBareNumbers) {
  auto p = parser_for("nginx_json");
  LogRecord r;
  ASSERT_EQ(p->parse(R"({"time_local":"10/Oct/2000:13:55:36 -0700","remote_addr":"192.0.2.1","remote_port":"5050",)"
                     R"("request":"GET /i?x HTTP/1.1","status":"200","body_bytes_sent":12,"request_time":"0.005"})",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(format_rfc3339(r.time), "2000-10-10T13:55:36-07:00");
  EXPECT_EQ(r.client_port, 5050);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/i?x");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.response_bytes, 12);
  EXPECT_EQ(r.duration_us, 5000);
  ASSERT_EQ(p->parse(R"({"msec":1700000000.5,"remote_addr":"192.0.2.1","remote_port":5050,"status":200})", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.time.utc_us, 1700000000500000);
  EXPECT_EQ(r.client_port, 5050);
}

TEST(JsonFormat, MappingWithNestedPathsUnitsAndAlternatives) {
  auto p = parser_for("json:time=when|at,client=net.peer.ip,port=net.peer.port,uri=url,status=code,"
                "duration=took,duration_unit=ms,time_meaning=start",
                "Asia/Tokyo");
  LogRecord r;
  ASSERT_EQ(p->parse(R"({"at":"2026-01-02 03:04:05","net":{"peer":{"ip":"::ffff:192.0.2.9","port":443}},)"
                     R"("url":"/p","code":"301","took":1.5})",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(format_rfc3339(r.time), "2026-01-02T03:04:05+09:00");
  EXPECT_EQ(r.time.offset_source, OffsetSource::kZone);  // no offset in the line: --tz
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);
  EXPECT_EQ(r.client.to_string(), "192.0.2.9");
  EXPECT_EQ(r.client_port, 443);
  EXPECT_EQ(r.duration_us, 1500);
  EXPECT_EQ(r.status, 301);
}

TEST(JsonFormat, InvalidUtf8EscapesAndJunk) {
  auto p = parser_for("json:time=t,client=c,user_agent=ua");
  LogRecord r;
  ASSERT_EQ(p->parse("{\"t\":\"2026-01-02T03:04:05Z\",\"c\":\"192.0.2.1\",\"ua\":\"a\xff\\u00e9\\ud83d\\ude00\"}", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.user_agent, "a?\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(r.client.to_string(), "192.0.2.1");
  EXPECT_EQ(p->parse("192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1", &r),
            RejectReason::kFormat);
  EXPECT_EQ(p->parse(R"({"t":"2026-01-02T03:04:05Z","c":"192.0.2.1","ua":"cut)", &r), RejectReason::kTruncated);
  EXPECT_EQ(p->parse(R"({"t":"2026-01-02T03:04:05Z","c":"192.0.2.1",,})", &r), RejectReason::kFormat);
  EXPECT_EQ(p->parse(R"({"t":"yesterday","c":"192.0.2.1"})", &r), RejectReason::kBadTimestamp);
  EXPECT_EQ(p->parse(R"({"t":"2026-01-02T03:04:05Z","c":"not-an-ip"})", &r), RejectReason::kBadAddress);
  EXPECT_EQ(p->parse(R"({"t":"2026-01-02T03:04:05Z"})", &r), RejectReason::kFormat);  // no client key
  EXPECT_EQ(p->parse("   ", &r), RejectReason::kEmpty);
}

TEST(JsonFormat, MappingErrors) {
  std::string error;
  EXPECT_FALSE(parse_json_mapping("client=ip", &error));
  EXPECT_NE(error.find("time"), std::string::npos);
  EXPECT_FALSE(parse_json_mapping("time=t,colour=c", &error));
  EXPECT_NE(error.find("'colour'"), std::string::npos);
  EXPECT_FALSE(parse_json_mapping("time=t,duration_unit=h", &error));
  EXPECT_NE(error.find("'h'"), std::string::npos);
}

}  // namespace
}  // namespace alcor

namespace alcor {
namespace {

// A line cut anywhere is rejected, never read as a shorter record.
TEST(JsonFormat, EveryCutOfALineIsRejected) {
  const std::string line =
      R"({"ts":1693840791.7564995,"request":{"remote_ip":"172.17.0.1","remote_port":"44790","method":"GET",)"
      R"("host":"example.com","uri":"/a?b=1","headers":{"User-Agent":["curl/7.74.0"]}},"status":200})";
  for (const char* spec : {"caddy", "log_format j escape=json '{\"t\":\"$time_iso8601\",\"a\":\"$remote_addr\"}';"}) {
    auto p = testing::parser_for(spec);
    const std::string full = std::string_view(spec) == "caddy"
                                 ? line
                                 : std::string(R"({"t":"2024-10-12T23:14:20+09:00","a":"192.0.2.1"})");
    LogRecord r;
    ASSERT_EQ(p->parse(full, &r), RejectReason::kNone) << spec;
    for (size_t n = 1; n < full.size(); ++n) {
      EXPECT_NE(p->parse(std::string_view(full).substr(0, n), &r), RejectReason::kNone) << spec << " cut at " << n;
    }
  }
}

}  // namespace
}  // namespace alcor
