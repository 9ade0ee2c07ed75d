// Parsers for fixed-layout access logs that are not field templates:
// HAProxy httplog, AWS ELB / ALB access logs and W3C extended (IIS,
// CloudFront). Each returns nullptr and sets *error only for a bad --tz.
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

}  // namespace alcor

#endif  // ALCOR_PARSERS_PRESET_FORMATS_H_
