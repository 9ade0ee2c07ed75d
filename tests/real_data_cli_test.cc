// `alcor index` over the real archives of ../shared/data/real (skipped when
// absent): every file indexes with format auto-detection (or the format
// SOURCE.md names where no preset can know it), and the share of lines
// parsed per folder is reported.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <iostream>

#include "tests/test_support.h"

namespace alcor {
namespace {

struct Folder {
  const char* name;
  uint64_t max_rejected;  // damaged or foreign lines its SOURCE.md (or our audit) names
  const char* format = "auto";  // as SOURCE.md names it, when no preset fits
  const char* config = nullptr;  // nginx.conf excerpt passed with --config
};

class RealDataIndex : public ::testing::TestWithParam<Folder> {};

TEST_P(RealDataIndex, EveryFileIndexesWithAutoDetection) {
  std::filesystem::path real = testing::shared_real_dir();
  if (real.empty()) GTEST_SKIP() << "../shared/data/real is not present";
  const Folder& f = GetParam();
  std::string files;
  for (const auto& e : std::filesystem::directory_iterator(real / f.name)) {
    if (e.path().filename() != "SOURCE.md") files += " '" + e.path().string() + "'";
  }
  testing::TempDir dir;
  std::string index = " --index '" + (dir / "idx").string() + "'";
  std::string out, err;
  std::string quoted;  // f.format inside single quotes for the shell
  for (const char* c = f.format; *c != '\0'; ++c) quoted += *c == '\'' ? std::string("'\\''") : std::string(1, *c);
  std::string format = " --format '" + quoted + "'";
  if (f.config != nullptr) {
    testing::write_file(dir / "nginx.conf", f.config);
    format += " --config '" + (dir / "nginx.conf").string() + "'";
  }
  ASSERT_EQ(testing::run_command(std::string(ALCOR_BINARY) + " index" + index + format + files, &out, &err), 0)
      << err;
  EXPECT_EQ(err.find("FAILED"), std::string::npos) << err;
  ASSERT_EQ(testing::run_command(std::string(ALCOR_BINARY) + " stats --output json" + index, &out, &err), 0);

  simdjson::dom::parser parser;
  simdjson::padded_string padded(out);
  simdjson::dom::element m = parser.parse(padded);
  uint64_t lines = 0, records = 0;
  for (simdjson::dom::element s : simdjson::dom::array(m["sources"])) {
    lines += uint64_t(s["lines"]);
    records += uint64_t(s["span"]["records"]);
  }
  std::cout << "[ real data ] " << f.name << ": " << records << " of " << lines << " lines indexed ("
            << (lines ? 100.0 * records / lines : 0) << "%)\n";
  EXPECT_GT(records, 0u);
  EXPECT_LE(lines - records, f.max_rejected) << err;
}

INSTANTIATE_TEST_SUITE_P(
    Apache, RealDataIndex,
    ::testing::Values(Folder{"srhegdegadikai_apache_2005_2018", 2}, Folder{"lovecoding_apache_vhosts", 4},
                      Folder{"lpnu_lab_apache_2009", 1,
                             R"(%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" \"%{X-Forwarded-For}i\")"}, Folder{"1geek0_weblog_apache", 0},
                      Folder{"elastic_examples_apache_logs", 1}, Folder{"logparser_hackers_access", 0},
                      Folder{"dmjacas_apache_vhosts", 0}, Folder{"chandra729_theglobalreport_apache", 0}),
    [](const ::testing::TestParamInfo<Folder>& info) { return std::string(info.param.name).substr(0, 12); });

constexpr const char* kIsuconConfig =
    R"(http {
    log_format with_time '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
                         '"$http_referer" "$http_user_agent" $request_time';
    access_log /var/log/nginx/access.log with_time;
})";

INSTANTIATE_TEST_SUITE_P(
    OtherServers, RealDataIndex,
    ::testing::Values(
        Folder{"ajitmp_nginx", 0}, Folder{"elastic_nginx_logs_via_turbohoje", 0},
        Folder{"poufy_nginx_behind_elb", 0},  // combined and main interleaved: detected as mixed
        Folder{"dadosgovpe_nginx", 0},        // main and combined interleaved: detected as mixed
        // The format changes inside one rotation; the config names with_time.
        Folder{"feedforce_isucon_nginx", 0, "auto", kIsuconConfig},
        Folder{"private_isu_nginx_json", 0,
               R"(log_format json escape=json '{"time":"$time_iso8601","host":"$remote_addr","port":$remote_port,)"
               R"("method":"$request_method","uri":"$request_uri","status":"$status","body_bytes":$body_bytes_sent,)"
               R"("referer":"$http_referer","ua":"$http_user_agent","request_time":"$request_time",)"
               R"("response_time":"$upstream_response_time"}';)"},
        Folder{"no7dw_haproxy_httplog", 119},  // TCP-mode "Connect from" lines and server UP/DOWN messages
        Folder{"raravena80_haproxy_httplog", 0}, Folder{"ozantunca_aws_elb", 0}, Folder{"misc_small_real_logs", 0}),
    [](const ::testing::TestParamInfo<Folder>& info) { return std::string(info.param.name).substr(0, 12); });

}  // namespace
}  // namespace alcor
