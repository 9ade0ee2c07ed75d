// The population of clients that request pages: home subscribers on IPv4 and
// IPv6, and subscribers behind carrier-grade NAT who share a few public IPv4
// addresses and differ only by source port. The CGN ones are why the abuse
// desk needs the port, so they are over-represented on purpose.
#ifndef ALCOR_TOOLS_LOGGEN_CLIENTS_H_
#define ALCOR_TOOLS_LOGGEN_CLIENTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tools/loggen/rng.h"
#include "tools/loggen/weighted_choice.h"

namespace alcor::loggen {

enum class ClientKind : uint8_t {
  kIpv4,
  kIpv6,
  kCgnat,       // shares its IPv4 address with other subscribers
  kMappedIpv4,  // IPv4 logged as "::ffff:a.b.c.d" by a dual-stack listener
};

struct Client {
  uint32_t address;     // index into ClientPool::address_text()
  ClientKind kind;
  uint16_t port_first;  // the source ports this client's stack or CGN
  uint16_t port_last;   // hands out, inclusive
  uint16_t last_port = 0;  // the current keep-alive connection, 0 = none
  uint32_t user_agent;     // index into the user-agent table
};

struct Connection {
  std::string_view ip;
  uint16_t port;
  uint32_t user_agent;
};

class ClientPool {
 public:
  struct Shape {
    uint32_t ipv4 = 12000;
    uint32_t ipv6 = 6000;
    uint32_t mapped_ipv4 = 50;
    uint32_t cgnat_addresses = 6;
    uint32_t ports_per_cgnat_subscriber = 512;  // port block size (RFC 7422 style)
  };

  // Each client keeps one user agent, drawn from `user_agents`.
  ClientPool(Rng& rng, const Shape& shape, const WeightedChoice& user_agents);

  // Draws an active client by popularity, reusing its open connection
  // (same source port) or opening a new one.
  Connection next(Rng& rng) { return connect(rng, pick(rng)); }
  size_t pick(Rng& rng) const { return activity_(rng); }
  Connection connect(Rng& rng, size_t client);

  const Client& client(size_t i) const { return clients_[i]; }
  size_t size() const { return clients_.size(); }
  std::string_view address_text(const Client& c) const { return addresses_[c.address]; }

 private:
  std::vector<std::string> addresses_;
  std::vector<Client> clients_;
  WeightedChoice activity_;
};

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_CLIENTS_H_
