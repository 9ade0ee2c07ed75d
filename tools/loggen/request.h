// One HTTP request as the server saw it, before it is formatted into a log
// line. Views point into tables owned by the traffic model, the planting
// plan or the junk generator and live until the line is formatted.
#ifndef ALCOR_TOOLS_LOGGEN_REQUEST_H_
#define ALCOR_TOOLS_LOGGEN_REQUEST_H_

#include <cstdint>
#include <string_view>

namespace alcor::loggen {

struct Request {
  int64_t start_time = 0;  // epoch s when the request arrived: what %t logs
  int64_t write_time = 0;  // epoch s when it finished and the line was written
  std::string_view vhost;  // %v
  uint16_t server_port = 443;
  std::string_view client_ip;  // %h
  uint16_t client_port = 0;    // %{remote}p
  std::string_view user = "-";  // %u
  // %r is "method target protocol"; a request line that is not HTTP at all
  // (a TLS handshake sent to the plain-text port) is all in `method`, with
  // target and protocol empty.
  std::string_view method;
  std::string_view target;
  std::string_view protocol;
  uint16_t status = 200;
  uint32_t body_bytes = 0;  // %b (logged "-" when 0); %O adds the headers
  std::string_view referer = "-";
  std::string_view user_agent = "-";
};

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_REQUEST_H_
