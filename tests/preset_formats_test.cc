// HAProxy httplog, AWS ELB / ALB and W3C extended presets, with lines in
// the shape their documentation gives.
#include "parsers/preset_formats.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "parsers/format_registry.h"
#include "tests/real_data_support.h"

namespace alcor {
namespace {

using testing::parser_for;

TEST(HaproxyHttplog, DocumentationExampleWithSyslogPrefix) {
  auto p = parser_for("haproxy_httplog", "Europe/Paris");
  LogRecord r;
  // The example of the HAProxy configuration manual, section 8.2.3.
  ASSERT_EQ(p->parse("Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in "
                     "static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} \"GET /index.html "
                     "HTTP/1.1\"",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "10.0.1.2");
  EXPECT_EQ(r.client_port, 33317);
  EXPECT_EQ(format_rfc3339(r.time), "2009-02-06T12:14:14.655+01:00");
  EXPECT_EQ(r.time.offset_source, OffsetSource::kZone);  // the zone is --tz's, not the log's
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);
  EXPECT_EQ(r.duration_us, 109000);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.response_bytes, 2750);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/index.html");
  // Found by fuzz_format_parsers: a total time beyond 64-bit microseconds.
  EXPECT_EQ(p->parse("10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/33333333333333331 "
                     "200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} \"GET /index.html HTTP/1.1\"",
                     &r),
            RejectReason::kBadNumber);
}

TEST(HaproxyHttplog, BareLinesIpv6HashEscapesAndForeignLines) {
  auto p = parser_for("haproxy_httplog");
  LogRecord r;
  ASSERT_EQ(p->parse("2001:db8::1:14853 [14/Jan/2015:12:48:57.127] https-in~ be/node 170/0/0/3/+173 200 +739 - - "
                     "--NN 0/0/0/0/0 0/0 \"GET /a#22b HTTP/1.1\"",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "2001:db8::1");
  EXPECT_EQ(r.client_port, 14853);
  EXPECT_EQ(r.target, "/a\"b");
  EXPECT_EQ(r.duration_us, 173000);
  EXPECT_EQ(p->parse("192.168.1.4:50033 [28/Feb/2025:02:43:10.123] frontend/backend: SSL handshake failure", &r),
            RejectReason::kFormat);
  EXPECT_EQ(p->parse("Dec 25 00:32:26 localhost haproxy[42949]: Proxy started.", &r), RejectReason::kFormat);
  EXPECT_EQ(p->parse("10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - "
                     "---- 1/1/1/1/0 0/0 \"GET /index.ht",
                     &r),
            RejectReason::kTruncated);
}

// Found by fuzz_format_parsers: a line ending just before the `]` of the
// accept date was read one byte past its end. The bytes sit in a buffer of
// exactly their size (no std::string terminator) so that ASan sees it.
TEST(HaproxyHttplog, LineCutInsideTheAcceptDateStaysInsideTheLine) {
  auto p = parser_for("haproxy_httplog");
  LogRecord r;
  const std::string_view text = "10.0.1.2:33317 [06/Feb/2009:12:14:14.655";
  const std::vector<char> exact(text.begin(), text.end());
  EXPECT_EQ(p->parse(std::string_view(exact.data(), exact.size()), &r), RejectReason::kFormat);
}

TEST(AwsElb, ClassicAndApplicationLoadBalancer) {
  auto p = parser_for("aws_elb");
  LogRecord r;
  // Classic ELB (AWS documentation example): the time is the arrival.
  ASSERT_EQ(p->parse("2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 "
                     "0.001048 0.000057 200 200 0 29 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2015-05-13T23:39:43.945958Z");
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);
  EXPECT_EQ(r.client.to_string(), "192.168.131.39");
  EXPECT_EQ(r.client_port, 2817);
  EXPECT_EQ(r.duration_us, 73 + 1048 + 57);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.response_bytes, 29);
  EXPECT_EQ(r.target, "http://www.example.com:80/");
  EXPECT_EQ(r.user_agent, "curl/7.38.0");

  // ALB with a bare IPv6 client and request_creation_time.
  ASSERT_EQ(p->parse("https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 2001:db8::1:2817 "
                     "10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 \"GET https://www.example.com:443/ HTTP/1.1\" "
                     "\"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:"
                     "123456789012:targetgroup/my-targets/73e2d6bc24d8a067 \"Root=1-58337281-1d84f3d73c47ec4e58577259\" "
                     "\"www.example.com\" \"arn:aws:acm:us-east-2:123456789012:certificate/1234\" 1 "
                     "2018-07-02T22:22:48.364000Z \"authenticate,forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\"",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "2001:db8::1");
  EXPECT_EQ(r.client_port, 2817);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2018-07-02T22:22:48.364000Z");  // as precise as logged
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);
  EXPECT_EQ(r.host, "www.example.com");
  EXPECT_EQ(r.duration_us, 86000 + 48000 + 37000);

  // A request the target never answered: -1 processing times.
  ASSERT_EQ(p->parse("2015-05-13T23:39:43.945958Z lb 192.168.131.39:2817 - -1 -1 -1 504 0 0 0 "
                     "\"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.duration_us, -1);
  EXPECT_EQ(p->parse("not an elb line at all", &r), RejectReason::kFormat);
}

TEST(W3c, FieldsChangeInsideTheFile) {
  auto p = parser_for("w3c");
  LogRecord r;
  EXPECT_EQ(p->parse("#Software: Microsoft Internet Information Services 10.0", &r), RejectReason::kHeader);
  EXPECT_EQ(p->parse("2026-01-02 03:04:05 192.0.2.1 GET /a", &r), RejectReason::kFormat);  // no #Fields yet
  EXPECT_EQ(p->parse("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
                     "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken",
                     &r),
            RejectReason::kHeader);
  ASSERT_EQ(p->parse("2026-01-02 03:04:05 10.0.0.1 GET /default.htm q=1 443 - 192.0.2.1 "
                     "Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 15",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2026-01-02T03:04:05Z");
  EXPECT_EQ(r.client.to_string(), "192.0.2.1");
  EXPECT_EQ(r.server_port, 443);
  EXPECT_EQ(r.target, "/default.htm?q=1");
  EXPECT_EQ(r.duration_us, 15000);
  EXPECT_EQ(r.status, 200);
  // Columns change: the same values now mean something else.
  EXPECT_EQ(p->parse("#Fields: time c-ip c-port cs-method cs-uri-stem sc-status", &r), RejectReason::kHeader);
  EXPECT_EQ(p->parse("#Date: 2000-10-09 16:44:49", &r), RejectReason::kHeader);
  ASSERT_EQ(p->parse("16:48:35 192.0.2.9 50123 GET /x 404", &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2000-10-09T16:48:35Z");
  EXPECT_EQ(r.client_port, 50123);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(p->parse("16:48:35 192.0.2.9 50123 GET /x 404 extra", &r), RejectReason::kFormat);
  EXPECT_EQ(p->parse("16:48:35 192.0.2.9 50123 GET", &r), RejectReason::kTruncated);
}

TEST(W3c, ClonesStartFromTheCarriedDirectivesNotFromWhatTheOriginalSaw) {
  auto master = parser_for("w3c");
  LogRecord r;
  // The original saw a header while sampling; a clone for a later chunk
  // must not assume it is still in force.
  ASSERT_EQ(master->parse("#Fields: date time c-ip cs-method cs-uri-stem sc-status", &r), RejectReason::kHeader);
  auto blind = master->clone();
  EXPECT_EQ(blind->parse("2026-01-02 03:04:05 192.0.2.1 GET /a 200", &r), RejectReason::kFormat);

  EXPECT_TRUE(master->needs_earlier_lines());
  // The pipeline's protocol: clone for chunk 1, carry chunk 1, clone for chunk 2.
  const std::string chunk1 =
      "#Fields: date time c-ip cs-method cs-uri-stem sc-status\n2026-01-02 03:04:05 192.0.2.1 GET /a 200\n"
      "#Fields: date time cs-method c-ip cs-uri-stem sc-status\n";
  auto first = master->clone();
  master->carry_state(chunk1);
  auto second = master->clone();
  ASSERT_EQ(second->parse("2026-01-02 03:04:06 POST 192.0.2.2 /b 201", &r), RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "192.0.2.2");
  EXPECT_EQ(r.method, "POST");

  // Evidence's protocol: a fresh parser, the lines before, then the line.
  auto fresh = parser_for("w3c");
  fresh->carry_state(chunk1);
  ASSERT_EQ(fresh->parse("2026-01-02 03:04:06 POST 192.0.2.2 /b 201", &r), RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "192.0.2.2");
  EXPECT_FALSE(parser_for("combined")->needs_earlier_lines());
}

TEST(W3c, CloudFrontTabsAndDecimalSeconds) {
  auto p = parser_for("w3c");
  LogRecord r;
  ASSERT_EQ(p->parse("#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status "
                     "cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id "
                     "x-host-header cs-protocol cs-bytes time-taken",
                     &r),
            RejectReason::kHeader);
  ASSERT_EQ(p->parse("2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t"
                     "200\t-\tMozilla/5.0\t-\t-\tHit\tSOX4xw==\td111111abcdef8.cloudfront.net\thttps\t23\t0.001",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "192.0.2.100");
  EXPECT_EQ(r.duration_us, 1000);
  EXPECT_EQ(r.response_bytes, 392);
  EXPECT_EQ(r.host, "d111111abcdef8.cloudfront.net");
}

}  // namespace
}  // namespace alcor
