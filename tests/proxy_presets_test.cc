// Presets for proxies, CDNs and collector-wrapped lines: Envoy (default
// format, Istio's, Envoy Gateway JSON), Fastly, Zoraxy, Traefik's common
// format, CloudFront, Nginx Proxy Manager, and the container/compose/syslog
// prefixes, on the documentation's own examples and on real excerpts kept
// in tests/data (their SOURCE.md says which lines and why).
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "parsers/format_registry.h"
#include "parsers/line_prefix.h"
#include "tests/real_data_support.h"

namespace alcor {
namespace {

using testing::parser_for;

std::string excerpt(const std::string& folder, const std::string& file) {
  return testing::read_file(testing::test_data_dir() / folder / file);
}

std::vector<std::string_view> lines_of(const std::string& text) { return testing::split_lines(text); }

// An excerpt's lines and what auto-detection makes of them.
struct Detected {
  Detected(const std::string& folder, const std::string& file)
      : text(excerpt(folder, file)), lines(lines_of(text)), detection(detect_format(lines, ParseOptions{})) {}
  // Expects `name` to read `parsed` of the lines.
  bool is(const std::string& name, size_t parsed) const {
    EXPECT_EQ(detection.name, name);
    EXPECT_EQ(detection.parsed, parsed);
    return detection.parser != nullptr;
  }
  LineParser& parser() const { return *detection.parser; }

  std::string text;
  std::vector<std::string_view> lines;
  Detection detection;
};

TEST(EnvoyPreset, DefaultFormatLogsNoClientAddress) {
  auto p = parser_for("envoy");
  LogRecord r;
  // The example of Envoy's access-log documentation.
  ASSERT_EQ(p->parse(R"([2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 )"
                     R"("10.0.35.28" "nsq2http" "cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2" "locations" )"
                     R"("tcp://10.0.2.1:80")",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2016-04-15T20:17:00.310Z");
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);
  EXPECT_EQ(r.duration_us, 226000);
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.response_bytes, 0);
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/api/v1/locations");
  EXPECT_EQ(r.host, "locations");
  EXPECT_EQ(r.user_agent, "nsq2http");
  // The peer is not in the default format; X-Forwarded-For is a header.
  EXPECT_EQ(r.client_kind, ClientKind::kMissing);
  EXPECT_EQ(r.forwarded_for, "10.0.35.28");
}

TEST(EnvoyPreset, IstioDefaultLogsThePeerWithItsPort) {
  auto p = parser_for("envoy");
  LogRecord r;
  ASSERT_EQ(p->parse(R"([2024-06-02T13:35:27.054Z] "GET / HTTP/2" 302 UAEX ext_authz_denied - "-" 0 387 16 - )"
                     R"("192.168.0.24" "Mozilla/5.0" "1d3ec87f-d974-4521-b5ac-23404817a56a" "kubeflow.example" "-" )"
                     R"(outbound|80||dashboard.svc.cluster.local - 10.0.0.196:8443 192.168.0.24:41604 )"
                     R"(kubeflow.example -)",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "192.168.0.24");
  EXPECT_EQ(r.client_port, 41604);
  EXPECT_EQ(r.status, 302);
  EXPECT_EQ(r.response_bytes, 387);
  EXPECT_EQ(r.duration_us, 16000);
  EXPECT_EQ(r.host, "kubeflow.example");
  EXPECT_EQ(p->parse(R"([2024-06-02T13:35:27.054Z] "GET / HTTP/2" 302 UAEX ext_authz_denied - "-" 0 387 16)", &r),
            RejectReason::kTruncated);
  EXPECT_EQ(p->parse("[2016-04-15 junk", &r), RejectReason::kFormat);
}

// Envoy Gateway's JSON and Envoy's text lines interleaved inside the CRI
// prefix of a Kubernetes container log.
TEST(EnvoyPreset, ContainerLogOfJsonAndTextLines) {
  const Detected d("crowdsec_hub_test_fixtures", "envoy.log");
  ASSERT_TRUE(d.is("cri:envoy_json+envoy", d.lines.size()));
  EXPECT_EQ(format_short_name(d.parser().definition()), "cri:envoy_json+envoy");
  const std::vector<std::string_view>& lines = d.lines;

  LogRecord r;
  ASSERT_EQ(d.parser().parse(lines[0], &r), RejectReason::kNone);  // JSON
  EXPECT_EQ(format_rfc3339_utc(r.time), "2025-12-31T16:37:40.479Z");  // start_time, not the runtime's stamp
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);
  EXPECT_EQ(r.client.to_string(), "10.0.0.12");
  EXPECT_EQ(r.client_port, 59292);
  EXPECT_EQ(r.host, "www.example.com");
  EXPECT_EQ(r.target, "/assets/image.webp");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.duration_us, 11000);
  ASSERT_EQ(d.parser().parse(lines[5], &r), RejectReason::kNone);  // JSON, IPv6 peer
  EXPECT_EQ(r.client.to_string(), "fd00:1234:5678::5a24");
  EXPECT_EQ(r.client_port, 43000);
  ASSERT_EQ(d.parser().parse(lines[4], &r), RejectReason::kNone);  // text
  EXPECT_EQ(r.client_kind, ClientKind::kMissing);
  EXPECT_EQ(r.forwarded_for, "[fd00:1234:5678::5a24]");
  EXPECT_EQ(r.target, "/test");

  // A partial CRI record ("P") is not a whole line.
  EXPECT_EQ(d.parser().parse("2026-01-24T01:34:36.743000000+00:00 stdout P {\"start_time\":", &r),
            RejectReason::kTruncated);
  EXPECT_EQ(d.parser().parse(R"({"start_time":"2025-12-31T16:37:40.479Z"})", &r), RejectReason::kFormat);
}

TEST(FastlyPreset, JsonBehindASyslogPrefix) {
  const Detected d("crowdsec_hub_test_fixtures", "fastly.log");
  ASSERT_TRUE(d.is("syslog:fastly", 4));
  LogRecord r;
  ASSERT_EQ(d.parser().parse(d.lines[0], &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339(r.time), "2021-11-12T16:59:45+00:00");  // time.start, not the syslog stamp
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);
  EXPECT_EQ(r.client.to_string(), "1.2.3.4");  // not the syslog host 1.1.1.1
  EXPECT_EQ(r.client_port, kPortNotLogged);
  EXPECT_EQ(r.host, "fastly.mydomain.com");
  EXPECT_EQ(r.target, "/zVnC16Tl.exe");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.response_bytes, 564);
}

TEST(ZoraxyPreset, LocalTimeAtTheEndAndAServerPickedClient) {
  auto p = parser_for("zoraxy", "Europe/Berlin");
  const std::string text = excerpt("crowdsec_hub_test_fixtures", "zoraxy.log");
  LogRecord r;
  ASSERT_EQ(p->parse(lines_of(text)[1], &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339(r.time), "2025-05-01T12:01:50.912318+02:00");
  EXPECT_EQ(r.time.offset_source, OffsetSource::kZone);
  EXPECT_EQ(r.time_meaning, TimeMeaning::kLogWrite);
  EXPECT_EQ(r.client.to_string(), "192.168.1.1");
  EXPECT_EQ(r.client_port, kPortNotLogged);
  EXPECT_EQ(r.client_source, ClientSource::kServer);
  EXPECT_EQ(r.host, "private.co.uk");
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/.git/config");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.user_agent, "python-requests/2.32.3");
  // A user agent with "] " in it still ends at the request.
  ASSERT_EQ(p->parse("2025/05/01 07:57:03 [2025-05-01 07:57:03.150624] [router:r] [origin:a.example] "
                     "[client: 2001:db8::1] [useragent: x] y] GET /a?b=1 200",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.user_agent, "x] y");
  EXPECT_EQ(r.target, "/a?b=1");
  EXPECT_EQ(r.client.to_string(), "2001:db8::1");
  EXPECT_EQ(p->parse("2025/05/01 07:57:03 [2025-05-01 07:57:03.150624] [INFO] started", &r), RejectReason::kFormat);
}

TEST(TraefikClfPreset, ExtraFieldsStatusDashAndForwardedLists) {
  auto p = parser_for("traefik_clf");
  const std::string text = excerpt("crowdsec_hub_test_fixtures", "traefik_clf.log");
  const std::vector<std::string_view> lines = lines_of(text);
  LogRecord r;
  ASSERT_EQ(p->parse(lines[3], &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339(r.time), "2021-12-08T13:59:39+00:00");
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);
  EXPECT_EQ(r.client.to_string(), "172.17.0.1");
  EXPECT_EQ(r.client_port, kPortNotLogged);
  EXPECT_EQ(r.target, "/index?toto=tata");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.response_bytes, 352);
  EXPECT_EQ(r.user_agent, "Nikto");
  EXPECT_EQ(r.duration_us, 1000);
  ASSERT_EQ(p->parse(lines[4], &r), RejectReason::kNone);  // no response: status and size "-"
  EXPECT_EQ(r.status, -1);
  EXPECT_EQ(r.response_bytes, -1);
  ASSERT_EQ(p->parse(lines[6], &r), RejectReason::kNone);  // a router chain
  EXPECT_EQ(r.duration_us, 25000);
  EXPECT_EQ(p->parse(lines[7], &r), RejectReason::kEmpty);
  // ClientHost is a trusted proxy's X-Forwarded-For: its last entry.
  ASSERT_EQ(p->parse(R"(203.0.113.7, 10.0.0.2 - - [08/Dec/2021:09:16:05 +0000] "GET / HTTP/1.1" 200 1 "-" )"
                     R"("a "quoted" agent" 3 "r@docker" "http://10.0.0.3:80" 7ms)",
                     &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "10.0.0.2");
  EXPECT_EQ(r.forwarded_for, "203.0.113.7, 10.0.0.2");
  EXPECT_EQ(r.user_agent, "a \"quoted\" agent");
  // An Apache combined line is not Traefik's.
  EXPECT_EQ(p->parse(R"(192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "ua")", &r),
            RejectReason::kFormat);
}

TEST(CloudFrontPreset, StandardLogWithoutItsFieldsLine) {
  const Detected d("crowdsec_hub_test_fixtures", "cloudfront.log");
  ASSERT_TRUE(d.is("cloudfront", 2));
  LogRecord r;
  ASSERT_EQ(d.parser().parse(d.lines[0], &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2024-03-12T15:22:28Z");
  EXPECT_EQ(r.time_meaning, TimeMeaning::kLogWrite);  // when CloudFront finished responding
  EXPECT_EQ(r.client.to_string(), "1.2.3.4");
  EXPECT_EQ(r.client_port, 51754);
  EXPECT_EQ(r.host, "hub-cdn.crowdsec.net");  // x-host-header, not the distribution's name
  EXPECT_EQ(r.target, "/testseb?query_param=42");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.duration_us, 113000);
}

TEST(CloudFrontPreset, RtmpDistributionThroughItsFieldsLine) {
  auto p = parser_for("w3c");
  const std::string text = excerpt("matomo_log_analytics_fixtures", "amazon_cloudfront_rtmp.log");
  const std::vector<std::string_view> lines = lines_of(text);
  LogRecord r;
  EXPECT_EQ(p->parse(lines[0], &r), RejectReason::kHeader);
  EXPECT_EQ(p->parse(lines[1], &r), RejectReason::kHeader);
  ASSERT_EQ(p->parse(lines[3], &r), RejectReason::kNone);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2010-03-12T23:51:21Z");
  EXPECT_EQ(r.client.to_string(), "192.0.2.222");
  EXPECT_TRUE(r.target.starts_with("rtmp://shqshne4jdp4b6.cloudfront.net/cfx/st")) << r.target;
}

TEST(NginxProxyManagerPresets, ProxyStandardAndNpmplus) {
  const std::string npm = excerpt("crowdsec_hub_test_fixtures", "nginx_proxy_manager.log");
  LogRecord r;
  auto proxy = parser_for("npm_proxy");
  ASSERT_EQ(proxy->parse(lines_of(npm)[6], &r), RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "192.168.1.100");
  EXPECT_EQ(r.host, "example.com");
  EXPECT_EQ(r.target, "/api/users");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.time_meaning, TimeMeaning::kLogWrite);
  auto standard = parser_for("npm_standard");
  ASSERT_EQ(standard->parse(lines_of(npm)[2], &r), RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "207.32.219.89");
  EXPECT_EQ(r.status, 444);

  const std::string plus = excerpt("crowdsec_hub_test_fixtures", "npmplus.log");
  auto npmplus = parser_for("npmplus");
  ASSERT_EQ(npmplus->parse(lines_of(plus)[2], &r), RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "192.168.1.100");
  EXPECT_EQ(r.host, "mx.example.org");
  EXPECT_EQ(r.duration_us, 227000);
  EXPECT_EQ(r.user_agent, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Thunderbird/123.0");
  EXPECT_EQ(npmplus->parse(lines_of(plus)[0], &r), RejectReason::kFormat);  // an error-log line
}

TEST(LinePrefix, ComposeCaddyLinesAmongStartupMessages) {
  const Detected d("lnav_test_logs", "caddy_compose.log");
  ASSERT_TRUE(d.is("compose:caddy", 2));
  LogRecord r;
  EXPECT_EQ(d.parser().parse(d.lines[0], &r), RejectReason::kFormat);  // a start-up message, not a request
  ASSERT_EQ(d.parser().parse(d.lines[2], &r), RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "172.19.0.1");
  EXPECT_EQ(r.client_port, 46628);
}

TEST(LinePrefix, WhatEachPrefixStrips) {
  auto inner = [](LinePrefix p, std::string_view line) {
    auto s = strip_line_prefix(p, line);
    return s ? std::string(s->line) : std::string("(none)");
  };
  EXPECT_EQ(inner(LinePrefix::kCri, "2025-12-31T17:37:40.493035218+01:00 stdout F {\"a\":1}"), "{\"a\":1}");
  EXPECT_EQ(inner(LinePrefix::kCri, "2025-12-31T17:37:40Z stdin F x"), "(none)");
  EXPECT_EQ(inner(LinePrefix::kCompose, "web-1  | 192.0.2.1 - - [...]"), "192.0.2.1 - - [...]");
  EXPECT_EQ(inner(LinePrefix::kCompose, "192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] \"GET /a|b HTTP/1.1\""),
            "(none)");
  EXPECT_EQ(inner(LinePrefix::kSyslog, "Mar 24 14:02:50 web1 nginx: 192.0.2.1 - -"), "192.0.2.1 - -");
  EXPECT_EQ(inner(LinePrefix::kSyslog, "Mar  4 14:02:50 web1 nginx[12]: {\"a\":1}"), "{\"a\":1}");
  EXPECT_EQ(inner(LinePrefix::kSyslog, "2021-11-12T16:59:46.613304+00:00 1.1.1.1  {\"a\":1}"), "{\"a\":1}");
  EXPECT_EQ(inner(LinePrefix::kSyslog, "192.0.2.1 - - [01/Jan/2026:00:00:00 +0000]"), "(none)");
  // A plain file is not taken for a prefixed one.
  EXPECT_FALSE(common_line_prefix({"192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 5"}));
}

}  // namespace
}  // namespace alcor

namespace alcor {
namespace {

// Every cut of every sample line, in a buffer of exactly its size (so the
// sanitizer build catches a read past the end), is read or refused, and a
// cut line is never read as the whole line's record.
TEST(ProxyPresets, EveryCutOfALineIsReadOrRefusedWithinIt) {
  const std::pair<std::string, std::string> cases[] = {
      {"envoy",
       R"([2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" )"
       R"("cc21d9b0" "locations" "tcp://10.0.2.1:80")"},
      {"traefik_clf",
       R"(172.17.0.1 - - [08/Dec/2021:09:16:05 +0000] "GET /a HTTP/1.1" 200 414 "-" "-" 500 "t@docker" "http://x:80" 10ms)"},
      {"zoraxy", "2025/05/01 07:57:03 [2025-05-01 07:57:03.150624] [router:r] [origin:a] [client: 192.0.2.1] "
                 "[useragent: ua] GET /x 404"},
      {"cri:envoy_json",
       R"(2025-12-31T17:37:40.493035218+01:00 stdout F {"start_time":"2025-12-31T16:37:40.479Z",)"
       R"("downstream_remote_address":"10.0.0.12:59292","x-envoy-origin-path":"/a","response_code":200})"},
      {"syslog:fastly", R"(2021-11-12T16:59:46.613304+00:00 1.1.1.1  {"timestamp": "2021-11-12T16:59:45+0000", )"
                        R"("client_ip": "1.2.3.4", "url": "/a", "response_status": 404})"},
      {"compose:npm_standard",
       R"(npm-1  | [24/Jan/2022:13:40:19 +0000] 444 - GET https h "/.env" [Client 192.0.2.1] [Length 0] [Gzip -] "ua" "-")"},
      {"cloudfront",
       "2024-03-12\t15:22:28\tCDG50-P2\t703\t192.0.2.1\tGET\td6.cloudfront.net\t/x\t400\t-\tcurl\t-\t-\tError\tid\th\t"
       "https\t62\t0.113\t-\tTLSv1.3\tTLS_AES_128_GCM_SHA256\tError\tHTTP/2.0\t-\t-\t51754\t0.113\tError\ttext/plain\t20\t-\t-"},
  };
  for (const auto& [spec, line] : cases) {
    auto p = parser_for(spec);
    ASSERT_TRUE(p) << spec;
    LogRecord whole;
    ASSERT_EQ(p->parse(line, &whole), RejectReason::kNone) << spec;
    const std::string whole_target(whole.target);
    for (size_t n = 0; n < line.size(); ++n) {
      std::unique_ptr<char[]> cut(new char[n + 1]);
      memcpy(cut.get(), line.data(), n);
      LogRecord r;
      if (p->parse(std::string_view(cut.get(), n), &r) == RejectReason::kNone) {
        // Only a cut inside the last, free-text or numeric field may still
        // read; the request is never a different one.
        EXPECT_EQ(std::string(r.target), whole_target) << spec << " cut at " << n;
      }
    }
  }
}

}  // namespace
}  // namespace alcor
