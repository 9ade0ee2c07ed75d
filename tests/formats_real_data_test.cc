// Every nginx, JSON, HAProxy, AWS and W3C file of ../shared/data/real,
// parsed with the format its SOURCE.md names. Each folder's expected rejects
// are the damaged or foreign lines its SOURCE.md describes.
#include <gtest/gtest.h>

#include "tests/real_data_support.h"

namespace alcor {
namespace {

using testing::check_real_folder;
using testing::RealFolder;

constexpr const char* kIsuconWithTime =
    R"(log_format with_time '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent )"
    R"("$http_referer" "$http_user_agent" $request_time';)";
constexpr const char* kPrivateIsuJson =
    R"(log_format json escape=json '{"time":"$time_iso8601","host":"$remote_addr","port":$remote_port,)"
    R"("method":"$request_method","uri":"$request_uri","status":"$status","body_bytes":$body_bytes_sent,)"
    R"("referer":"$http_referer","ua":"$http_user_agent","request_time":"$request_time",)"
    R"("response_time":"$upstream_response_time"}';)";

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
  };
  return kFolders;
}

TEST(FormatsRealData, EveryFileParsesExceptTheLinesSourceMdNames) {
  if (testing::shared_real_dir().empty()) GTEST_SKIP() << "../shared/data/real is absent";
  for (const RealFolder& folder : folders()) check_real_folder(folder);
}

}  // namespace
}  // namespace alcor
