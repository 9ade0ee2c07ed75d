// The address shapes registry files write, on top of IpAddress / IpPrefix.
//
// Registry files write addresses in more shapes than access logs do
// (zero-padded "074.125.000.000", LACNIC's abbreviated "24.232/16",
// "a - b" ranges, IPv4 blocks sized by an address count). Parsing, printing
// and prefix arithmetic are IpAddress's; what is here is only the tolerance
// and the range forms that registry data needs.
#ifndef ALCOR_PARSERS_REGISTRY_IP_H_
#define ALCOR_PARSERS_REGISTRY_IP_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/ip_address.h"

namespace alcor::registry {

// Dotted IPv4 (octets may be zero-padded, and are decimal) or IPv6 text,
// surrounding blanks ignored; IPv4 comes back mapped.
std::optional<IpAddress> parse_ip(std::string_view text);

// An inclusive address range; registries delegate ranges, not only prefixes.
struct IpRange {
  IpAddress first;
  IpAddress last;
  friend bool operator==(const IpRange&, const IpRange&) = default;
};

// The range of prefix `addr/len`, `len` counted in the address's own family
// (0..32 for IPv4, 0..128 for IPv6). Host bits of `addr` are ignored.
std::optional<IpRange> prefix_range(const IpAddress& addr, int len);

// "a - b", "a/len" (IPv4 may be abbreviated: "24.232/16"), or a bare address.
std::optional<IpRange> parse_range(std::string_view text);

// The IPv4 block of `count` addresses starting at `first` (RIR statistics
// files size IPv4 blocks by address count, which need not be a power of two).
std::optional<IpRange> v4_count_range(const IpAddress& first, uint64_t count);

// The fewest CIDR prefixes that exactly cover `r`, in address order, as text.
std::vector<std::string> range_to_cidrs(const IpRange& r);

// "first - last" followed by the CIDR prefixes, for people to read.
std::string format_range(const IpRange& r);

}  // namespace alcor::registry

#endif  // ALCOR_PARSERS_REGISTRY_IP_H_
