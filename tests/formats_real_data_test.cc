// Every nginx, JSON, HAProxy, AWS and W3C file of ../shared/data/real,
// parsed with the format its SOURCE.md names. Each folder's expected rejects
// are the damaged or foreign lines its SOURCE.md describes.
#include <gtest/gtest.h>

#include "tests/real_data_formats.h"
#include "tests/real_data_support.h"

namespace alcor {
namespace {

using testing::check_real_folder;
using testing::kIsuconWithTime;
using testing::kMatomoNginxJson;
using testing::kPrivateIsuJson;
using testing::RealFolder;

const std::vector<RealFolder>& folders() {
  static const std::vector<RealFolder> kFolders = {
      {"ajitmp_nginx", {{".*", "nginx_combined", ""}}, {}},
      {"elastic_nginx_logs_via_turbohoje", {{".*", "nginx_combined", ""}}, {}},
      // Not in SOURCE.md: 644 lines of access.log (the health checks of
      // one balancer) carry a trailing "$http_x_forwarded_for" ("-").
      {"poufy_nginx_behind_elb", {{".*", "nginx_combined", "", "nginx_main"}}, {}},
      // Not in SOURCE.md: access.log.20160918_135654 switches from combined
      // to with_time at line 44 (the config change happened inside it).
      {"feedforce_isucon_nginx",
       {{"access.log.20160918_135654", "nginx_combined", "", kIsuconWithTime}, {"access.log.*", kIsuconWithTime, ""}},
       {}},
      // Two formats interleaved: main (with XFF) and 22 combined lines.
      {"dadosgovpe_nginx", {{".*", "nginx_main", "", "nginx_combined"}}, {}},
      {"private_isu_nginx_json", {{".*", kPrivateIsuJson, ""}}, {}},
      // The 107 "Connect from" lines of a TCP-mode frontend and 12 server
      // UP/DOWN messages.
      {"no7dw_haproxy_httplog",
       {{".*", "haproxy_httplog", ""}},
       {{"haproxy.log.1.zst:format", 91}, {"haproxy.log.zst:format", 28}}},
      {"raravena80_haproxy_httplog", {{".*", "haproxy_httplog", ""}}, {}},
      {"ozantunca_aws_elb", {{".*", "aws_elb", ""}}, {}},
      {"misc_small_real_logs",
       {{"shiva173_elk_and_filebeat/.*", "nginx_main", ""}, {".*/access.log.*", "combined", ""}},
       {}},
      // Format-coverage fixtures: only the files of formats alcor reads.
      {"lnav_test_logs",
       {{"logfile_(bad_)?access_log.*", "combined", ""},
        {"logfile_shop_access_log.0", "nginx_main", ""},
        {"logfile_caddy_log.1", "caddy", ""},
        {"logfile_haproxy.0", "haproxy_httplog", ""},
        {"logfile_w3c.*", "w3c", ""}},
       // lnav's own bad-input cases: a line without %l %u, haproxy start-up
       // messages and an SSL handshake failure, a W3C line with more values
       // than its #Fields, and a CSV-quoted substatus (" ""garbage"" ...");
       // one Advanced Logging line logs its c-ip as "-".
       // W3C directive lines count as headers, and the Advanced Logging
       // file has blank lines between them.
       {{"logfile_bad_access_log.0:format", 1},
        {"logfile_haproxy.0:format", 4},
        {"logfile_w3c.0:header", 4},
        {"logfile_w3c.1:header", 6},
        {"logfile_w3c.2:header", 8},
        {"logfile_w3c.3:bad_number", 1},
        {"logfile_w3c.3:empty", 3},
        {"logfile_w3c.3:header", 4},
        {"logfile_w3c.3:no_client", 1},
        {"logfile_w3c.4:header", 4},
        {"logfile_w3c.5:format", 1},
        {"logfile_w3c.5:header", 1},
        {"logfile_w3c.6:header", 4},
        {"logfile_w3c_big.0:header", 44}}},
      {"matomo_log_analytics_fixtures",
       {{"common.log.*", "common", ""},
        {"common_vhost.log", "vhost_common", ""},
        {"common_complete.log", "vhost_combined_noport", ""},
        {"(ncsa_extended|static_ignores).log", "combined", ""},
        {"(alb|elb).log", "aws_elb", ""},
        {"caddy_json.log", "caddy", ""},
        {"traefik_json.log", "traefik", ""},
        {"haproxy.log", "haproxy_httplog", ""},
        {"(iis|iis_custom|netscaler|incapsula_w3c|amazon_cloudfront_web|amazon_cloudfront_rtmp|splitted_date_and_time)"
         ".log",
         "w3c", ""},
        {"nginx_json.log", kMatomoNginxJson, ""}},
       // The "#" comment of elb.log (a TCP listener's line follows it and
       // parses), W3C directives, and blank lines in iis_custom.log (one of
       // its records logs c-ip as "-").
       {{"amazon_cloudfront_rtmp.log:header", 2},
        {"amazon_cloudfront_web.log:header", 2},
        {"elb.log:format", 1},
        {"iis.log:header", 4},
        {"iis_custom.log:empty", 3},
        {"iis_custom.log:header", 4},
        {"iis_custom.log:no_client", 1},
        {"incapsula_w3c.log:header", 4},
        {"netscaler.log:header", 4},
        {"splitted_date_and_time.log:header", 1}}},
      {"crowdsec_hub_test_fixtures",
       {{"apache-http-probing/.*", "common", ""},
        // Vhost-prefixed lines among combined ones: read with their address.
        {"(apache2-logs|nginx_http-logs)/.*", "mixed:\ncombined\nvhost_combined_noport", ""},
        {"(apache2-malformed|nginx-http-malformed|bunkerweb-http-malformed)/.*", "combined", ""},
        {"aws-alb-logs/.*", "aws_elb", ""},
        {"caddy-logs/.*", "caddy", ""},
        {"traefik_json/.*", "traefik", ""},
        {"haproxy-.*/.*", "haproxy_httplog", ""},
        {"envoy-logs/.*", "cri:mixed:\nenvoy_json\nenvoy", ""},
        {"fastly-logs/.*", "syslog:fastly", ""},
        {"zoraxy-http-logs/.*", "zoraxy", "Europe/Paris"},
        {"traefik_clf/.*", "traefik_clf", ""},
        {"aws-cloudfront-logs/.*", "cloudfront", ""},
        {"nginx-proxy-manager-logs/.*", "mixed:\nnpm_proxy\nnpm_standard", ""},
        {"npmplus-logs/.*", "npmplus", ""}},
       // SOURCE.md: malformed lines and other log types mixed in: a common
       // line, a vhost-prefixed line, two Apache error-log lines, a Caddy
       // debug line, SSL handshake messages, an nginx line without %l, an
       // nginx error-log line, a Traefik plugin's debug line.
       // Envoy's default format logs no client address (four text lines);
       // error-log lines among NPM's and NPMplus's access lines, and a
       // combined line among NPM's; blank lines after Traefik's.
       {        {"apache2-logs/apache2-logs.log:bad_timestamp", 2},
        {"apache2-logs/apache2-logs.log:truncated", 1},
        {"bunkerweb-http-malformed/bunkerweb-http-malformed.log:empty", 1},
        {"caddy-logs/caddy-logs.log:empty", 1},
        {"caddy-logs/caddy-logs.log:format", 1},
        {"envoy-logs/envoy.log:no_client", 4},
        {"haproxy-logs/haproxy-logs.log:format", 3},
        {"nginx-proxy-manager-logs/nginx-proxy-manager-logs.log:format", 3},
        {"nginx_http-logs/nginx_http-logs.log:format", 2},
        {"npmplus-logs/npmplus-logs.log:format", 2},
        {"traefik_clf/traefik_clf.log:empty", 2},
        {"traefik_json/traefik_json.log:format", 1}}},
      {"elastic_beats_filebeat_fixtures",
       {{".*/iis/access/test/.*", "w3c", ""}, {".*/haproxy/log/test/.*", "haproxy_httplog", ""}},
       // Hand-edited fixtures: nine haproxy lines have "-" for the client
       // (and a custom captured-host field); the last two IIS lines follow
       // the file's first #Fields layout although a later #Fields is in
       // force, so their s-port column holds an address.
       {{"filebeat/module/haproxy/log/test/haproxy.log:bad_address", 9},
        {"filebeat/module/iis/access/test/test-ipv6zone.log:header", 4},
        {"filebeat/module/iis/access/test/test.log:bad_port", 2},
        {"filebeat/module/iis/access/test/test.log:header", 12}}},
  };
  return kFolders;
}

TEST(FormatsRealData, EveryFileParsesExceptTheLinesSourceMdNames) {
  if (testing::shared_real_dir().empty()) GTEST_SKIP() << "../shared/data/real is absent";
  for (const RealFolder& folder : folders()) check_real_folder(folder);
}

}  // namespace
}  // namespace alcor

namespace alcor {
namespace {

// Values, not just acceptance: the first record of files of each family.
class FormatsRealLines : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::shared_real_dir().empty()) GTEST_SKIP() << "../shared/data/real is absent";
  }

  // The record of line `number` (1-based) of `rel` parsed with `spec`.
  LogRecord line(const std::string& rel, std::string_view spec, size_t number) {
    parser_ = testing::parser_for(spec);
    data_ = testing::decompressed(testing::shared_real_dir() / rel);
    LogRecord r;
    if (!parser_) return r;
    EXPECT_EQ(parser_->parse(testing::split_lines(data_).at(number - 1), &r), RejectReason::kNone) << rel;
    return r;
  }

 private:
  std::unique_ptr<LineParser> parser_;
  std::string data_;
};

TEST_F(FormatsRealLines, PrivateIsuJsonHasPortsAndDurations) {
  const LogRecord r = line("private_isu_nginx_json/access.log", kPrivateIsuJson, 1);
  EXPECT_EQ(format_rfc3339(r.time), "2024-10-12T23:14:20+09:00");
  EXPECT_EQ(r.time_meaning, TimeMeaning::kLogWrite);
  EXPECT_EQ(r.client.to_string(), "172.31.7.82");
  EXPECT_EQ(r.client_port, 46252);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/initialize");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.duration_us, 40000);
  EXPECT_EQ(r.user_agent, "benchmarker");
}

TEST_F(FormatsRealLines, HaproxyAcceptDateInTheGivenZone) {
  const LogRecord r = line("raravena80_haproxy_httplog/haproxy.log.zst", "haproxy_httplog", 1);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2012-02-02T04:05:24.385Z");
  EXPECT_EQ(r.time.offset_source, OffsetSource::kZone);
  EXPECT_EQ(r.client.to_string(), "127.0.0.1");
  EXPECT_EQ(r.client_port, 42617);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.duration_us, 12000);
  EXPECT_EQ(r.target, "/haproxy-status;csv;norefresh");
}

TEST_F(FormatsRealLines, AwsClassicAndApplicationLoadBalancers) {
  LogRecord r = line("ozantunca_aws_elb/AWSLogs.log", "aws_elb", 1);
  EXPECT_EQ(format_rfc3339_utc(r.time), "2015-11-07T18:45:33.559871Z");
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);
  EXPECT_EQ(r.client.to_string(), "78.168.134.92");
  EXPECT_EQ(r.client_port, 4586);
  EXPECT_EQ(r.duration_us, 36 + 1035 + 25);
  r = line("ozantunca_aws_elb/AppELBLogWithNewFields.log", "aws_elb", 1);
  EXPECT_EQ(r.client_port, 4586);
  EXPECT_EQ(r.host, "example.com");
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);  // request_creation_time
}

TEST_F(FormatsRealLines, IsuconDurationAfterTheConfigChange) {
  const LogRecord r = line("feedforce_isucon_nginx/access.log.20160918_135654", kIsuconWithTime, 44);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.duration_us, 1000);
  EXPECT_EQ(format_rfc3339(r.time), "2016-09-18T10:49:16+09:00");
}

}  // namespace
}  // namespace alcor
