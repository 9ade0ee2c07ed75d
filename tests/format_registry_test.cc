#include "parsers/format_registry.h"

#include <gtest/gtest.h>

#include "parsers/format_config.h"
#include "tests/test_support.h"

namespace alcor {
namespace {

constexpr std::string_view kCombinedLine =
    R"(192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "ua")";

std::unique_ptr<LineParser> make(std::string_view spec, std::string* error = nullptr) {
  std::string ignored;
  return make_parser(spec, ParseOptions{}, error ? error : &ignored);
}

TEST(FormatRegistry, NicknamesAndTheirDefinitions) {
  const std::pair<const char*, const char*> expected[] = {
      {"common", R"(LogFormat "%h %l %u %t \"%r\" %>s %b" common)"},
      {"vhost_common", R"(LogFormat "%v %h %l %u %t \"%r\" %>s %b" vhost_common)"},
      {"combined", R"(LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"" combined)"},
      {"vhost_combined",
       R"(LogFormat "%v:%p %h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"" vhost_combined)"},
      {"combinedio",
       R"(LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" %I %O" combinedio)"},
      {"combined_port",
       R"(LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" %{remote}p" combined_port)"},
      {"ssl_request", R"(LogFormat "%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x \"%r\" %b" ssl_request)"},
      {"vhost_combined_noport",
       R"(LogFormat "%v %h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"" vhost_combined_noport)"},
  };
  for (const auto& [name, definition] : expected) {
    auto p = make(name);
    ASSERT_TRUE(p) << name;
    EXPECT_EQ(p->definition(), definition);
  }
}

// The index records definition() and rebuilds the parser from it when it
// re-reads evidence lines, so every definition must be a SPEC of the same
// parser.
TEST(FormatRegistry, DefinitionsRebuildTheSameParser) {
  for (const char* spec : {"common", "vhost_combined", "combined_port", R"(%h "%r" %{%d/%b/%Y %T}t \\ %>s)",
                           R"(LogFormat "%v %h %t \"%r\"" mine)"}) {
    auto p = make(spec);
    ASSERT_TRUE(p) << spec;
    auto again = make(p->definition());
    ASSERT_TRUE(again) << p->definition();
    EXPECT_EQ(again->definition(), p->definition());
  }
}

TEST(FormatRegistry, RawAndConfigQuotedFormatStrings) {
  LogRecord r;
  auto raw = make(R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i")");
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->definition(), R"(LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"")");
  EXPECT_EQ(raw->parse(kCombinedLine, &r), RejectReason::kNone);

  // Copied from an Apache configuration, with its \" quoting.
  auto quoted = make(R"(%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\")");
  ASSERT_TRUE(quoted);
  EXPECT_EQ(quoted->definition(), raw->definition());
  EXPECT_EQ(quoted->parse(kCombinedLine, &r), RejectReason::kNone);

  auto line = make(R"(  LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"" mine  )");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->definition(), R"(LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"" mine)");
  EXPECT_EQ(line->parse(kCombinedLine, &r), RejectReason::kNone);

  auto unnamed = make(R"(LogFormat '%h %t "%r"')");
  ASSERT_TRUE(unnamed);
  EXPECT_EQ(unnamed->definition(), R"(LogFormat "%h %t \"%r\"")");
}

TEST(FormatRegistry, ErrorsNameTheBadPart) {
  std::string error;
  EXPECT_FALSE(make("combind", &error));
  EXPECT_NE(error.find("'combind'"), std::string::npos) << error;
  EXPECT_NE(error.find("combined_port"), std::string::npos) << error;  // lists what exists
  EXPECT_FALSE(make("auto", &error));
  EXPECT_NE(error.find("auto"), std::string::npos);
  EXPECT_FALSE(make(R"(%h %t %Z)", &error));
  EXPECT_NE(error.find("'%Z'"), std::string::npos) << error;
  EXPECT_FALSE(make(R"(LogFormat "%h %t)", &error));
  EXPECT_NE(error.find("unclosed quote"), std::string::npos) << error;
  EXPECT_FALSE(make(R"(LogFormat "%h %t" name extra)", &error));
  EXPECT_NE(error.find("'extra'"), std::string::npos) << error;
  EXPECT_FALSE(make_parser("combined", ParseOptions{"Europe/Nowhere", ""}, &error));
  EXPECT_NE(error.find("Europe/Nowhere"), std::string::npos) << error;
}

TEST(FormatRegistry, AutoCandidatesMostSpecificFirst) {
  EXPECT_EQ(auto_candidates(),
            (std::vector<std::string>{"combined_port", "vhost_combined", "combinedio", "combined",
                                      "vhost_combined_noport", "vhost_common", "common", "ssl_request", "nginx_main",
                                      "nginx_combined", "npm_proxy", "npm_standard", "npmplus", "caddy", "traefik",
                                      "nginx_json", "envoy_json", "fastly", "haproxy_httplog", "aws_elb", "w3c",
                                      "cloudfront", "envoy", "traefik_clf", "zoraxy"}));
}

Detection detect(const std::vector<std::string>& lines) {
  std::vector<std::string_view> views(lines.begin(), lines.end());
  return detect_format(views, ParseOptions{});
}

TEST(FormatRegistry, DetectsEachNicknameFromItsOwnLines) {
  const std::string base = R"(192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 5)";
  const std::string combined = base + R"( "-" "ua")";
  const std::pair<std::string, std::string> cases[] = {
      {"common", base},
      {"vhost_common", "www.example.org " + base},
      {"combined", combined},
      {"vhost_combined", "www.example.org:443 " + combined},
      {"combinedio", combined + " 300 400"},
      {"combined_port", combined + " 51234"},
  };
  for (const auto& [name, line] : cases) {
    Detection d = detect({line, "", line, line});
    EXPECT_EQ(d.name, name) << line;
    // The port reading of a trailing number is an assumption, and said.
    EXPECT_EQ(d.note.find("client port") != std::string::npos, name == "combined_port") << d.note;
    EXPECT_TRUE(d.parser) << line;
    EXPECT_EQ(d.parsed, 3u);
    EXPECT_EQ(d.sampled, 3u);  // the empty line is not counted
  }
}

TEST(FormatRegistry, DetectionNeedsHalfTheSample) {
  const std::string good(kCombinedLine);
  Detection half = detect({good, good, "junk", "junk"});
  EXPECT_TRUE(half.parser);
  EXPECT_EQ(half.name, "combined");
  Detection less = detect({good, "junk", "junk"});
  EXPECT_FALSE(less.parser);
  EXPECT_EQ(less.parsed, 1u);
  EXPECT_EQ(less.sampled, 3u);
  Detection none = detect({"{\"json\": 1}"});
  EXPECT_FALSE(none.parser);
}

// Apache and nginx write combined lines alike; their times mean different
// moments. The server hint decides, and without one the summary is told.
TEST(FormatRegistry, CombinedLinesNameTheAssumedServer) {
  const std::string line(kCombinedLine);
  const std::vector<std::string_view> sample = {line, line};
  LogRecord r;

  Detection guessed = detect_format(sample, ParseOptions{});
  EXPECT_EQ(guessed.name, "combined");
  EXPECT_NE(guessed.note.find("Apache and nginx"), std::string::npos) << guessed.note;
  ASSERT_EQ(guessed.parser->parse(line, &r), RejectReason::kNone);
  EXPECT_EQ(r.time_meaning, TimeMeaning::kRequestStart);

  ParseOptions nginx;
  nginx.server = "nginx";
  Detection told = detect_format(sample, nginx);
  EXPECT_EQ(told.name, "nginx_combined");
  EXPECT_EQ(told.note, "");
  ASSERT_EQ(told.parser->parse(line, &r), RejectReason::kNone);
  EXPECT_EQ(r.time_meaning, TimeMeaning::kLogWrite);

  ParseOptions apache;
  apache.server = "apache";
  Detection confirmed = detect_format(sample, apache);
  EXPECT_EQ(confirmed.name, "combined");
  EXPECT_EQ(confirmed.note, "");

  // Lines only one server's template reads need no hint.
  const std::string main_line = line + R"( "203.0.113.1")";
  Detection main = detect_format({main_line, main_line}, ParseOptions{});
  EXPECT_EQ(main.name, "nginx_main");
  EXPECT_EQ(main.note, "");
}

// "www.example.com 192.0.2.1 - - [...]" is combined with a hostname client
// (and 192.0.2.1 as identd logname) or vhost_combined_noport with an
// address client: the address reading wins, in detection and per line in a
// mixed file.
TEST(FormatRegistry, AVhostIsNotTakenForAHostnameClient) {
  const std::string vhost_line =
      R"(www.example.com 192.0.2.222 - - [18/Aug/2024:21:08:39 +0100] "GET /a HTTP/1.1" 403 332 "-" "ua")";
  Detection d = detect({vhost_line, vhost_line});
  EXPECT_EQ(d.name, "vhost_combined_noport");
  LogRecord r;
  ASSERT_EQ(d.parser->parse(vhost_line, &r), RejectReason::kNone);
  EXPECT_EQ(r.client.to_string(), "192.0.2.222");
  EXPECT_EQ(r.host, "www.example.com");

  auto mixed = make("mixed:\ncombined\nvhost_combined_noport");
  ASSERT_EQ(mixed->parse(vhost_line, &r), RejectReason::kNone);
  EXPECT_EQ(r.client_kind, ClientKind::kAddress);
  EXPECT_EQ(r.client.to_string(), "192.0.2.222");
  // A real hostname client stays one when no member reads an address.
  ASSERT_EQ(mixed->parse(R"(client.example.net - - [18/Aug/2024:21:08:39 +0100] "GET /a HTTP/1.1" 200 1 "-" "ua")", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.client_kind, ClientKind::kHostname);
  EXPECT_EQ(r.client_text, "client.example.net");
}

TEST(FormatRegistry, ServerFromThePath) {
  EXPECT_EQ(server_from_path("/var/log/nginx/access.log.1"), "nginx");
  EXPECT_EQ(server_from_path("/var/log/apache2/access.log"), "apache");
  EXPECT_EQ(server_from_path("/var/log/httpd/access_log"), "apache");
  EXPECT_EQ(server_from_path("/srv/logs/access.log"), "");
  EXPECT_EQ(server_from_path("/srv/nginx-vs-apache/access.log"), "");  // both named: no hint
}

}  // namespace
}  // namespace alcor

namespace alcor {
namespace {

TEST(FormatDetection, EveryPresetFromItsOwnLines) {
  const std::pair<std::string, std::string> cases[] = {
      {"caddy", R"({"ts":1693840791.75,"request":{"remote_ip":"192.0.2.1","remote_port":"5","method":"GET","uri":"/"},"status":200})"},
      {"traefik", R"({"ClientAddr":"192.0.2.1:5","ClientHost":"192.0.2.1","StartUTC":"2021-12-08T14:02:43Z","DownstreamStatus":200})"},
      {"nginx_json", R"({"time_iso8601":"2024-10-12T23:14:20+09:00","remote_addr":"192.0.2.1","status":"200"})"},
      {"haproxy_httplog",
       "Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 "
       "10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 \"GET /index.html HTTP/1.1\""},
      {"aws_elb",
       "2015-05-13T23:39:43.945958Z lb 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "
       "\"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -"},
      {"nginx_main",
       R"(192.0.2.1 - - [23/Jul/2024:00:06:00 -0300] "GET / HTTP/1.1" 302 0 "-" "ua" "203.0.113.1")"},
      {"npm_proxy",
       R"([24/Jan/2022:16:51:02 +0000] - 404 404 - GET http openresty.local "/x" [Client 192.0.2.1] [Length 192] )"
       R"([Gzip 3.10] [Sent-to openresty] "ua" "-")"},
      {"npm_standard",
       R"([24/Jan/2022:13:40:19 +0000] 444 - GET https 4.3.2.1 "/.env" [Client 192.0.2.1] [Length 0] [Gzip -] "ua" "-")"},
      {"npmplus", R"([10/Feb/2024:21:23:40 +0100] wings.example.com 192.0.2.1 0.002 "GET / HTTP/1.1" 401 77 935 - )"
                  R"(Uptime-Kuma/1.23.11)"},
      {"envoy_json",
       R"({"start_time":"2025-12-31T16:37:40.479Z","downstream_remote_address":"192.0.2.1:59292","method":"GET",)"
       R"("x-envoy-origin-path":"/","response_code":200,"duration":11})"},
      {"fastly", R"({"timestamp": "2021-11-12T16:59:45+0000", "client_ip": "192.0.2.1", "url": "/", )"
                 R"("request_method": "GET", "response_status": 404})"},
      {"cloudfront",
       "2024-03-12\t15:22:28\tCDG50-P2\t703\t192.0.2.1\tGET\td6.cloudfront.net\t/x\t400\t-\tcurl/7.81.0\t-\t-\t"
       "Error\tid==\thub.example\thttps\t62\t0.113\t-\tTLSv1.3\tTLS_AES_128_GCM_SHA256\tError\tHTTP/2.0\t-\t-\t"
       "51754\t0.113\tError\ttext/plain\t20\t-\t-"},
      {"envoy",
       R"([2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" )"
       R"("cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2" "locations" "tcp://10.0.2.1:80")"},
      {"traefik_clf",
       R"(192.0.2.1 - - [08/Dec/2021:09:16:05 +0000] "GET /a HTTP/1.1" 200 414 "-" "-" 500 "test@docker" )"
       R"("http://172.17.0.3:80" 0ms)"},
      {"zoraxy", "2025/05/01 07:57:03 [2025-05-01 07:57:03.150624] [router:host-http] [origin:test.com] "
                 "[client: 192.0.2.1] [useragent: python-requests/2.32.3] POST /xmlrpc.php 404"},
  };
  for (const auto& [name, line] : cases) {
    Detection d = detect({line, line, line});
    EXPECT_EQ(d.name, name) << line;
    ASSERT_TRUE(d.parser) << line;
    EXPECT_EQ(d.parsed, 3u);
  }
  // W3C: directives are headers, not sample lines.
  Detection w3c = detect({"#Version: 1.0", "#Fields: date time c-ip cs-method cs-uri-stem sc-status",
                          "2026-01-02 03:04:05 192.0.2.1 GET /a 200", "2026-01-02 03:04:06 192.0.2.2 GET /b 404"});
  EXPECT_EQ(w3c.name, "w3c");
  EXPECT_EQ(w3c.parsed, 2u);
  EXPECT_EQ(w3c.sampled, 2u);
}

TEST(FormatDetection, InterleavedFormatsBecomeOneMixedParser) {
  const std::string main_line =
      R"(200.238.75.200 - - [23/Jul/2024:00:06:00 -0300] "GET / HTTP/1.1" 302 0 "-" "ua" "-")";
  const std::string combined_line =
      R"(200.238.75.200 - - [23/Jul/2024:00:06:01 -0300] "GET /b HTTP/1.1" 200 10 "-" "ua")";
  Detection d = detect({main_line, combined_line, main_line, combined_line, main_line});
  EXPECT_EQ(d.name, "nginx_main+nginx_combined");  // the combined lines are nginx's too
  ASSERT_TRUE(d.parser);
  EXPECT_EQ(d.parsed, 5u);
  EXPECT_TRUE(d.parser->definition().starts_with("mixed:\nlog_format nginx_main '")) << d.parser->definition();
  EXPECT_EQ(format_short_name(d.parser->definition()), "nginx_main+nginx_combined");
  LogRecord r;
  auto copy = d.parser->clone();
  ASSERT_EQ(copy->parse(combined_line, &r), RejectReason::kNone);
  EXPECT_EQ(r.target, "/b");
  EXPECT_EQ(r.time_meaning, TimeMeaning::kLogWrite);
  EXPECT_NE(copy->parse("junk", &r), RejectReason::kNone);

  // One stray line of another format is a foreign line, not a second format.
  Detection single = detect({main_line, main_line, combined_line, main_line});
  EXPECT_EQ(single.name, "nginx_main");
}

// Every kind of SPEC: its parser's definition rebuilds the same parser
// (the index re-reads evidence with it), and has a short name.
TEST(FormatDetection, EveryDefinitionRebuildsItsParser) {
  const std::pair<std::string, std::string> specs[] = {
      {"nginx_combined", "nginx_combined"},
      {"nginx_main", "nginx_main"},
      {"log_format j escape=json '{\"t\":\"$time_iso8601\",\"a\":\"$remote_addr\",\"q\":\"it\\'s\"}';", "j"},
      {"log_format raw escape=none '$remote_addr [$time_local] \\ \"$request\"\\n';", "raw"},
      {"$remote_addr [$time_local] \"$request\"", ""},
      {"caddy", "caddy"},
      {"traefik", "traefik"},
      {"nginx_json", "nginx_json"},
      {"json:time=a.b|c,client=ip,duration=d,duration_unit=ns", "json"},
      {"haproxy_httplog", "haproxy_httplog"},
      {"aws_elb", "aws_elb"},
      {"w3c", "w3c"},
      {"cloudfront", "cloudfront"},
      {"envoy", "envoy"},
      {"envoy_json", "envoy_json"},
      {"fastly", "fastly"},
      {"traefik_clf", "traefik_clf"},
      {"zoraxy", "zoraxy"},
      {"npm_proxy", "npm_proxy"},
      {"npmplus", "npmplus"},
      {"cri:envoy_json", "cri:envoy_json"},
      {"compose:caddy", "compose:caddy"},
      {"syslog:fastly", "syslog:fastly"},
      {"cri:mixed:\nenvoy_json\nenvoy", "cri:envoy_json+envoy"},
      {"mixed:\nnginx_main\ncombined", "nginx_main+combined"},
  };
  for (const auto& [spec, short_name] : specs) {
    auto p = make(spec);
    ASSERT_TRUE(p) << spec;
    auto again = make(p->definition());
    ASSERT_TRUE(again) << p->definition();
    EXPECT_EQ(again->definition(), p->definition());
    if (!short_name.empty()) {
      EXPECT_EQ(format_short_name(p->definition()), short_name) << p->definition();
    }
  }
  // The same records from the rebuilt parser.
  auto p = make("log_format raw escape=none '$remote_addr [$time_local] \\ \"$request\"';");
  ASSERT_TRUE(p);
  auto again = make(p->definition());
  LogRecord a, b;
  const std::string line = R"(192.0.2.1 [10/Oct/2000:13:55:36 -0700] \ "GET /"x" HTTP/1.1")";
  ASSERT_EQ(p->parse(line, &a), RejectReason::kNone);
  ASSERT_EQ(again->parse(line, &b), RejectReason::kNone);
  EXPECT_EQ(a.target, "/\"x\"");
  EXPECT_EQ(b.target, a.target);
}

TEST(FormatConfig, DefinitionsFromHttpdAndNginxConfigs) {
  testing::TempDir dir;
  testing::write_file(dir / "httpd.conf",
                      "# comment\n"
                      "LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b\" common\n"
                      "    LogFormat \"%v %h %t \\\"%r\\\" %>s \\\n"
                      "%b\" vcommon\n"
                      "CustomLog /var/log/httpd/port.log \"%h %{remote}p %t \\\"%r\\\"\"\n"
                      "CustomLog /var/log/httpd/access.log common\n");
  testing::write_file(dir / "nginx.conf",
                      "http {\n"
                      "  # log_format commented '$msec';\n"
                      "  log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '\n"
                      "                    '$status';\n"
                      "  log_format j escape=json '{\"t\":\"$time_iso8601\",\"a\":\"$remote_addr\"}';\n"
                      "}\n");
  std::string error;
  auto defs = read_format_definitions(testing::read_file(dir / "httpd.conf"), &error);
  ASSERT_EQ(error, "");
  ASSERT_EQ(defs.size(), 3u);
  EXPECT_EQ(defs[0].describe(), R"(LogFormat "%h %l %u %t \"%r\" %>s %b" common)");
  EXPECT_EQ(defs[1].describe(), R"(LogFormat "%v %h %t \"%r\" %>s %b" vcommon)");  // continued line
  EXPECT_EQ(defs[2].describe(), R"(LogFormat "%h %{remote}p %t \"%r\"" /var/log/httpd/port.log)");

  defs = read_format_definitions(testing::read_file(dir / "nginx.conf"), &error);
  ASSERT_EQ(error, "");
  ASSERT_EQ(defs.size(), 2u);
  EXPECT_EQ(defs[0].describe(), R"(log_format main '$remote_addr - $remote_user [$time_local] "$request" $status';)");
  EXPECT_EQ(defs[1].escape, NginxEscape::kJson);

  // --format PATH:NAME, --format PATH (one definition), --config + NAME.
  LogRecord r;
  auto p = make_parser((dir / "nginx.conf").string() + ":j", ParseOptions{}, &error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->parse(R"({"t":"2024-10-12T23:14:20+09:00","a":"192.0.2.1"})", &r), RejectReason::kNone);
  EXPECT_FALSE(make_parser((dir / "nginx.conf").string(), ParseOptions{}, &error));
  EXPECT_NE(error.find("main, j"), std::string::npos) << error;
  EXPECT_FALSE(make_parser((dir / "nginx.conf").string() + ":k", ParseOptions{}, &error));
  EXPECT_NE(error.find("no format 'k'"), std::string::npos) << error;
  ParseOptions with_config;
  with_config.config_files = {(dir / "httpd.conf").string()};
  p = make_parser("vcommon", with_config, &error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->parse(R"(www.example.org 192.0.2.1 [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 5)", &r),
            RejectReason::kNone);
  EXPECT_EQ(r.host, "www.example.org");
  // A pasted CustomLog line.
  p = make_parser(R"(CustomLog logs/x.log "%h %t \"%r\" %>s")", ParseOptions{}, &error);
  ASSERT_TRUE(p) << error;
  EXPECT_EQ(p->definition(), R"(LogFormat "%h %t \"%r\" %>s" logs/x.log)");
}

}  // namespace
}  // namespace alcor
