// Parsers for fixed-layout access logs that are not field templates:
// HAProxy httplog, AWS ELB / ALB access logs, W3C extended (IIS,
// CloudFront), Envoy, Traefik's common format and Zoraxy. Each returns
// nullptr and sets *error only for a bad --tz.
// Their definition() is the preset's name: the layout is the server's own.
#ifndef ALCOR_PARSERS_PRESET_FORMATS_H_
#define ALCOR_PARSERS_PRESET_FORMATS_H_

#include <memory>
#include <string>

#include "parsers/format_registry.h"
#include "parsers/line_parser.h"

namespace alcor {

// `option httplog` lines, with or without a syslog prefix:
//   [<syslog header> haproxy[pid]: ]client:port [accept_date] frontend
//   backend/server TR/Tw/Tc/Tr/Ta status bytes req_cookie resp_cookie
//   term_state conns queues [{req headers}] [{resp headers}] "request"
// The accept date ("06/Feb/2009:12:14:14.655", the request's arrival, in
// milliseconds) carries the year but no offset: it is read in --tz and
// flagged kZone (or kAmbiguous/kNonexistent around DST changes). The syslog
// header's time has no year and is ignored. Duration: Ta (Tt in old
// versions), the last timer.
std::unique_ptr<LineParser> make_haproxy_httplog_parser(const ParseOptions& options, std::string* error);

// AWS Classic ELB and Application Load Balancer access logs (ALB lines
// start with a type word: http https h2 grpcs ws wss). client:port may be a
// bare IPv6 address with a port. Classic: the time is when the request
// arrived. ALB: request_creation_time (arrival) when logged, else the
// response time (kLogWrite). Duration: the sum of the three processing
// times (not logged when one is -1).
std::unique_ptr<LineParser> make_aws_elb_parser(const ParseOptions& options, std::string* error);

// W3C extended log files. Columns come from "#Fields:" directives, which
// may change inside a file; every other "#" line is a directive and is
// counted as a header, not parsed. date/time are UTC by the format's
// definition; IIS Advanced Logging's date-local/time-local are read in --tz
// (flagged kZone). The parser carries #Fields across chunks (carry_state).
std::unique_ptr<LineParser> make_w3c_parser(const ParseOptions& options, std::string* error);

// CloudFront standard web logs: W3C with CloudFront's documented 33 columns
// in force before any #Fields line (log shippers drop the header). c-ip
// and c-port are the viewer's connection; time is when CloudFront finished
// responding (kLogWrite), in UTC.
std::unique_ptr<LineParser> make_cloudfront_parser(const ParseOptions& options, std::string* error);

// Envoy's default format string:
//   [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%
//   %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED%
//   %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%
//   "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%"
//   "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"
// START_TIME is the request's start, in UTC with milliseconds; DURATION the
// milliseconds to the last byte sent. It logs no connection address: the
// record's client is missing and X-Forwarded-For is kept as logged (a
// request header, not the peer). Istio's default (RESPONSE_CODE_DETAILS,
// CONNECTION_TERMINATION_DETAILS and "UPSTREAM_TRANSPORT_FAILURE_REASON"
// after the flags; UPSTREAM_CLUSTER, UPSTREAM_LOCAL_ADDRESS,
// DOWNSTREAM_LOCAL_ADDRESS, DOWNSTREAM_REMOTE_ADDRESS, ... at the end) is
// read too, and its DOWNSTREAM_REMOTE_ADDRESS is the client with its port.
std::unique_ptr<LineParser> make_envoy_parser(const ParseOptions& options, std::string* error);

// Traefik's "common" access-log format:
//   ClientHost - ClientUsername [StartUTC] "Method Path Protocol"
//   OriginStatus OriginContentSize "Referer" "User-Agent" RequestCount
//   "RouterName" "ServiceURL" <Duration>ms
// The time is the request's start. ClientHost is the peer's address unless
// the request carried an X-Forwarded-For that Traefik kept (it keeps it
// only from its forwardedHeaders.trustedIPs), in which case it is that
// header; of a list the last entry (what the trusted proxy saw) is the
// client, and the list is kept as forwarded_for. No port is logged.
std::unique_ptr<LineParser> make_traefik_clf_parser(const ParseOptions& options, std::string* error);

// Zoraxy's request log ("<go log time> [<local time.us>] [router:R]
// [origin:HOST] [client: IP] [useragent: UA] METHOD URI STATUS"). The time
// is written when the response is done, local time without an offset (read
// in --tz). The client is Zoraxy's own pick: X-Real-IP, CF-Connecting-IP,
// Fastly-Client-IP, the first X-Forwarded-For entry, else the peer; headers
// any client can set, with no port (client_source kServer).
std::unique_ptr<LineParser> make_zoraxy_parser(const ParseOptions& options, std::string* error);

}  // namespace alcor

#endif  // ALCOR_PARSERS_PRESET_FORMATS_H_
