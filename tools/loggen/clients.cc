#include "tools/loggen/clients.h"

#include <array>

#include "parsers/ip_address.h"

namespace alcor::loggen {
namespace {

constexpr uint16_t kFirstEphemeralPort = 1024;
constexpr uint32_t kEphemeralPorts = 65536 - kFirstEphemeralPort;

// First octets of busy access-provider space; anything private, CGN-internal
// (100.64/10), loopback or multicast is avoided by construction.
constexpr std::array<uint8_t, 16> kIpv4FirstOctets = {1,   27,  36,  49,  58,  60,  106, 110,
                                                      114, 118, 126, 153, 180, 203, 219, 221};
// /32s of large IPv6 access networks.
constexpr std::array<std::array<uint16_t, 2>, 5> kIpv6Prefixes = {
    {{0x240b, 0x0010}, {0x2400, 0x4050}, {0x2001, 0x0268}, {0x2409, 0x0010}, {0x2404, 0x7a80}}};

std::string random_ipv4(Rng& rng) {
  const uint32_t first = kIpv4FirstOctets[rng.below(kIpv4FirstOctets.size())];
  // Host part 1..254 so that no address looks like a network or broadcast.
  return IpAddress::from_v4(first << 24 | static_cast<uint32_t>(rng.below(1 << 16)) << 8 |
                            static_cast<uint32_t>(rng.between(1, 254)))
      .to_string();
}

std::string random_ipv6(Rng& rng) {
  uint16_t g[8] = {};
  const auto& prefix = kIpv6Prefixes[rng.below(kIpv6Prefixes.size())];
  g[0] = prefix[0];
  g[1] = prefix[1];
  g[2] = static_cast<uint16_t>(rng.below(0x10000));
  g[3] = static_cast<uint16_t>(rng.below(0x10000));
  // Interface ids: mostly privacy addresses, some small static ones
  // ("::1a") and some with a zero group, which exercise the "::" rules.
  const uint64_t style = rng.below(8);
  for (int i = 4; i < 8; ++i) g[i] = static_cast<uint16_t>(rng.below(0x10000));
  if (style == 0) {
    g[4] = g[5] = g[6] = 0;
    g[7] = static_cast<uint16_t>(rng.between(1, 0xff));
  } else if (style == 1) {
    g[5] = 0;
  } else if (style == 2) {
    g[2] = 0;
  }
  IpAddress::Bytes bytes;
  for (int i = 0; i < 8; ++i) {
    bytes[2 * i] = static_cast<uint8_t>(g[i] >> 8);
    bytes[2 * i + 1] = static_cast<uint8_t>(g[i]);
  }
  return IpAddress(bytes).to_string();  // RFC 5952, as servers log it
}

}  // namespace

ClientPool::ClientPool(Rng& rng, const Shape& shape, const WeightedChoice& user_agents) {
  auto add_client = [&](uint32_t address, ClientKind kind, uint32_t first_port, uint32_t ports) {
    clients_.push_back({address, kind, static_cast<uint16_t>(first_port),
                        static_cast<uint16_t>(first_port + ports - 1), 0,
                        static_cast<uint32_t>(user_agents(rng))});
  };
  auto add = [&](std::string address, ClientKind kind) {
    addresses_.push_back(std::move(address));
    add_client(static_cast<uint32_t>(addresses_.size() - 1), kind, kFirstEphemeralPort, kEphemeralPorts);
  };
  for (uint32_t i = 0; i < shape.ipv4; ++i)
    add(random_ipv4(rng), ClientKind::kIpv4);
  for (uint32_t i = 0; i < shape.ipv6; ++i)
    add(random_ipv6(rng), ClientKind::kIpv6);
  for (uint32_t i = 0; i < shape.mapped_ipv4; ++i)
    add("::ffff:" + random_ipv4(rng), ClientKind::kMappedIpv4);
  // Every CGN address is split into port blocks, one per subscriber; all
  // subscribers of an address share its text (and its index).
  const uint32_t blocks = kEphemeralPorts / shape.ports_per_cgnat_subscriber;
  for (uint32_t a = 0; a < shape.cgnat_addresses; ++a) {
    addresses_.push_back(random_ipv4(rng));
    const auto address = static_cast<uint32_t>(addresses_.size() - 1);
    for (uint32_t b = 0; b < blocks; ++b)
      add_client(address, ClientKind::kCgnat, kFirstEphemeralPort + b * shape.ports_per_cgnat_subscriber,
                 shape.ports_per_cgnat_subscriber);
  }
  // Activity follows Zipf over a shuffled order, so heavy clients are of
  // every kind rather than all IPv4.
  for (size_t i = clients_.size(); i > 1; --i) std::swap(clients_[i - 1], clients_[rng.below(i)]);
  activity_ = WeightedChoice::zipf(clients_.size(), 0.9);
}

Connection ClientPool::connect(Rng& rng, size_t i) {
  Client& c = clients_[i];
  // Browsers keep connections alive for a few requests; a new connection
  // takes a fresh ephemeral port from the client's range.
  if (c.last_port == 0 || rng.chance(0.4))
    c.last_port = static_cast<uint16_t>(rng.between(c.port_first, c.port_last));
  return {addresses_[c.address], c.last_port, c.user_agent};
}

}  // namespace alcor::loggen
