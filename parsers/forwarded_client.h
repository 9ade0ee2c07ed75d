// The real client behind trusted reverse proxies, from X-Forwarded-For or
// Forwarded (RFC 7239), as Apache's mod_remoteip evaluates them.
//
// When the connection's peer is a trusted proxy, the header's addresses are
// read right to left (each proxy appends the address it received the
// request from): trusted ones are skipped, and the first untrusted one is
// the client. If every listed address is trusted, the leftmost is the
// client. An entry that is not an address ("unknown", an obfuscated
// "_node", garbage) stops the walk at the last good address, as
// mod_remoteip does. The peer is kept on the record (has_peer, peer,
// peer_port) and client_source says which header supplied the client; a
// port is known only when a Forwarded "for" carries one.
//
// When both headers are logged, X-Forwarded-For is used: it is the one
// proxies in front of web servers append by default. A peer that is not
// trusted leaves the record untouched, whatever the headers say: anyone
// can send them.
#ifndef ALCOR_PARSERS_FORWARDED_CLIENT_H_
#define ALCOR_PARSERS_FORWARDED_CLIENT_H_

#include <memory>
#include <string>
#include <vector>

#include "parsers/ip_address.h"
#include "parsers/line_parser.h"

namespace alcor {

// Parses --trusted-proxy values (CIDR or bare address; a value may also be a
// comma-separated list). false with *error naming the bad value.
bool parse_trusted_proxies(const std::vector<std::string>& values, std::vector<IpPrefix>* out, std::string* error);

// Applies the derivation to one parsed record.
void derive_forwarded_client(const std::vector<IpPrefix>& trusted, LogRecord* record);

// A parser that runs `inner` and then the derivation.
std::unique_ptr<LineParser> with_trusted_proxies(std::unique_ptr<LineParser> inner, std::vector<IpPrefix> trusted);

}  // namespace alcor

#endif  // ALCOR_PARSERS_FORWARDED_CLIENT_H_
