// nginx ngx_http_log_module log_format templates as line parsers.
//
// A template is compiled to the same steps as an Apache LogFormat
// (apache_steps.h) and walked by the same parser. What differs is told to
// the walker: nginx's escaping (escape=default|json|none), its time
// variables ($time_local, $time_iso8601 and $msec are when the line was
// written, at the end of the request) and its "found but empty" values
// (logged as nothing, not "-").
//
// Variables stored in the LogRecord: $remote_addr $remote_port
// $realip_remote_addr/port (peer before realip) $proxy_protocol_addr/port
// $server_port $host $server_name $http_host $time_local $time_iso8601 $msec
// $request_time $request $request_method $request_uri $uri $args
// $server_protocol $status $body_bytes_sent $bytes_sent $http_referer
// $http_user_agent $http_x_forwarded_for $http_forwarded. Every other
// variable ($remote_user $request_length $connection $request_id $cookie_*
// $sent_http_* $upstream_* ...) is read as an opaque field.
#ifndef ALCOR_PARSERS_NGINX_FORMAT_H_
#define ALCOR_PARSERS_NGINX_FORMAT_H_

#include <memory>
#include <string>
#include <string_view>

#include "parsers/format_registry.h"
#include "parsers/line_parser.h"

namespace alcor {

enum class NginxEscape : uint8_t { kDefault, kJson, kNone };

// nginx's predefined format, and the "main" of the nginx.conf it ships.
constexpr std::string_view kNginxCombined =
    R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent")";
constexpr std::string_view kNginxMain =
    R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for")";

// Compiles a template (the concatenated strings of a log_format, as nginx
// holds them). nullptr with *error naming the bad part.
std::unique_ptr<LineParser> compile_nginx_format(std::string_view format, NginxEscape escape, std::string definition,
                                                 const ParseOptions& options, std::string* error);

}  // namespace alcor

#endif  // ALCOR_PARSERS_NGINX_FORMAT_H_
