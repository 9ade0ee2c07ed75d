// One parsed access-log line: the fields a correlation answer needs.
//
// String fields are views. They point either into the line handed to the
// parser or into that parser's own scratch space (for values that had to be
// unescaped), and stay valid until the parser's next parse() call. Whoever
// keeps a record longer copies it (index::RecordBuilder does).
#ifndef ALCOR_PARSERS_LOG_RECORD_H_
#define ALCOR_PARSERS_LOG_RECORD_H_

#include <cstdint>
#include <memory>
#include <string_view>

#include "parsers/ip_address.h"
#include "parsers/timestamp.h"

namespace alcor {

// Port as logged. A log without a port field yields kPortNotLogged (printed
// as null); Apache behind mod_remoteip logs 0, which is kept as 0 because the
// report must warn that the address came from a proxy header.
constexpr int32_t kPortNotLogged = -1;

enum class ClientKind : uint8_t {
  kAddress = 0,   // `client` holds the address
  kHostname = 1,  // %h was a DNS name (HostnameLookups On): see client_text
  kMissing = 2,   // "-" or empty
};

// Which field supplied `client`.
enum class ClientSource : uint8_t {
  kConnection = 0,     // the logged client field (%a/%h, $remote_addr, c-ip, ...)
  kProxyProtocol = 1,  // nginx $proxy_protocol_addr: the PROXY header of a trusted balancer
  kXForwardedFor = 2,  // derived from X-Forwarded-For through --trusted-proxy
  kForwarded = 3,      // derived from Forwarded: for= (RFC 7239) through --trusted-proxy
  kServer = 4,         // the server derived it and logged both (Caddy client_ip)
};

struct LogRecord {
  Timestamp time;
  TimeMeaning time_meaning = TimeMeaning::kRequestStart;
  int64_t duration_us = -1;  // -1: not logged

  ClientKind client_kind = ClientKind::kMissing;
  IpAddress client;
  std::string_view client_text;  // the field as logged (hostnames live here)
  int32_t client_port = kPortNotLogged;
  ClientSource client_source = ClientSource::kConnection;
  // The connection's peer when `client` came from elsewhere (a proxy header,
  // nginx's realip module): the proxy that handed the request on.
  bool has_peer = false;
  IpAddress peer;
  int32_t peer_port = kPortNotLogged;
  // Proxy headers as logged (unescaped), empty when not logged: the input of
  // the --trusted-proxy derivation, kept so a report can quote them.
  std::string_view forwarded_for;  // X-Forwarded-For
  std::string_view forwarded;      // Forwarded (RFC 7239)

  std::string_view host;      // vhost / Host header; empty when not logged
  int32_t server_port = -1;   // %p / $server_port, -1 when not logged
  std::string_view method;    // empty when the request line had none
  std::string_view target;    // request target exactly as logged (unescaped)
  std::string_view protocol;  // "HTTP/1.1", empty when absent
  int32_t status = -1;        // -1 when "-" or not logged
  int64_t response_bytes = -1;
  std::string_view referer;
  std::string_view user_agent;

  // In place: assigning a fresh record would build it aside and copy it.
  void clear() {
    std::destroy_at(this);
    std::construct_at(this);
  }
};

}  // namespace alcor

#endif  // ALCOR_PARSERS_LOG_RECORD_H_
