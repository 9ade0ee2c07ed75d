// The formats ../shared/data/real's SOURCE.md files name where no preset
// knows them: the configuration each server ran with.
#ifndef ALCOR_TESTS_REAL_DATA_FORMATS_H_
#define ALCOR_TESTS_REAL_DATA_FORMATS_H_

namespace alcor::testing {

// netnea_apache_tutorials: the tutorials' "extended" LogFormat, per version.
constexpr const char* kNetneaExtended =
    R"(%h %{GEOIP_COUNTRY_CODE}e %u [%{%Y-%m-%d %H:%M:%S}t.%{usec_frac}t] "%r" %>s %b "%{Referer}i" )"
    R"("%{User-Agent}i" %v %A %p %R %{BALANCER_WORKER_ROUTE}e %X "%{cookie}n" %{UNIQUE_ID}e )"
    R"(%{SSL_PROTOCOL}x %{SSL_CIPHER}x %I %O %{ratio}n%% %D %{ModSecTimeIn}e %{ApplicationTime}e )"
    R"(%{ModSecTimeOut}e %{ModSecAnomalyScoreIn}e %{ModSecAnomalyScoreOut}e)";
constexpr const char* kNetneaLabor06 =
    R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %v %A %p %R %{BALANCER_WORKER_ROUTE}e %X )"
    R"("%{cookie}n" %{UNIQUE_ID}e %I %O %{ratio}n%% %D %{ModSecTimeIn}e %{ApplicationTime}e )"
    R"(%{ModSecTimeOut}e %{ModSecAnomalyScoreIn}e %{ModSecAnomalyScoreOut}e)";
constexpr const char* kNetneaTutorial8 =
    R"(%h %{GEOIP_COUNTRY_CODE}e %u [%{%Y-%m-%d %H:%M:%S}t.%{usec_frac}t] "%r" %>s %b "%{Referer}i" )"
    R"("%{User-Agent}i" "%{Content-Type}i" %{remote}p %v %A %p %R %{BALANCER_WORKER_ROUTE}e %X )"
    R"("%{cookie}n" %{UNIQUE_ID}e %{SSL_PROTOCOL}x %{SSL_CIPHER}x %I %O %{ratio}n%% %D %{ModSecTimeIn}e )"
    R"(%{ApplicationTime}e %{ModSecTimeOut}e %{ModSecAnomalyScoreInPLs}e %{ModSecAnomalyScoreOutPLs}e )"
    R"(%{ModSecAnomalyScoreIn}e %{ModSecAnomalyScoreOut}e)";

// feedforce_isucon_nginx: the log_format the rotations switch to.
constexpr const char* kIsuconWithTime =
    R"(log_format with_time '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent )"
    R"("$http_referer" "$http_user_agent" $request_time';)";

// private_isu_nginx_json: its escape=json log_format.
constexpr const char* kPrivateIsuJson =
    R"(log_format json escape=json '{"time":"$time_iso8601","host":"$remote_addr","port":$remote_port,)"
    R"("method":"$request_method","uri":"$request_uri","status":"$status","body_bytes":$body_bytes_sent,)"
    R"("referer":"$http_referer","ua":"$http_user_agent","request_time":"$request_time",)"
    R"("response_time":"$upstream_response_time"}';)";

// lpnu_lab_apache_2009: combined with the X-Forwarded-For header appended.
constexpr const char* kLpnuCombinedXff =
    R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" "%{X-Forwarded-For}i")";

// matomo_log_analytics_fixtures/nginx_json.log: its own keys.
constexpr const char* kMatomoNginxJson =
    "json:time=date,client=ip,host=host,uri=path,status=status,bytes=length,user_agent=user_agent,"
    "referer=referrer";

}  // namespace alcor::testing

#endif  // ALCOR_TESTS_REAL_DATA_FORMATS_H_
