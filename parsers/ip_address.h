// IP addresses in one 128-bit form.
//
// IPv4 addresses are held IPv4-mapped (::ffff:a.b.c.d) so that IPv4 and IPv6
// share one ordering, one hash and one CIDR arithmetic; is_v4() tells them
// apart again for printing. An access log that writes an IPv4 client as
// "::ffff:192.0.2.1" therefore yields the same address as "192.0.2.1": both
// are the same subscriber to an access provider.
#ifndef ALCOR_PARSERS_IP_ADDRESS_H_
#define ALCOR_PARSERS_IP_ADDRESS_H_

#include <array>
#include <bit>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alcor {

class IpAddress {
 public:
  using Bytes = std::array<uint8_t, 16>;

  constexpr IpAddress() = default;
  explicit constexpr IpAddress(const Bytes& b) : bytes_(b) {}
  static IpAddress from_v4(uint32_t host_order);
  // The address whose hi() and lo() are these.
  static IpAddress from_words(uint64_t hi, uint64_t lo);

  // Parses dotted IPv4 or RFC 4291 IPv6 text (with embedded IPv4 tail).
  // A zone id ("fe80::1%eth0") is accepted and dropped. No brackets, no port.
  static std::optional<IpAddress> parse(std::string_view text);

  bool is_v4() const;  // IPv4-mapped
  uint32_t v4() const;  // host order; only meaningful when is_v4()
  const Bytes& bytes() const { return bytes_; }
  uint64_t hi() const { return big_endian_word(0); }  // bytes 0..7
  uint64_t lo() const { return big_endian_word(8); }  // bytes 8..15

  // Dotted quad for IPv4, RFC 5952 canonical text for IPv6.
  std::string to_string() const;

  // The address with all bits after the first `bits` cleared. `bits` counts
  // in the 128-bit space (an IPv4 /24 is 96 + 24 = 120).
  IpAddress masked(int bits) const;

  // The address one above this one; none above the all-ones address.
  std::optional<IpAddress> next() const;

  // Byte order, compared as two big-endian words: the ingest dictionaries
  // compare addresses per line and sort them per block.
  friend std::strong_ordering operator<=>(const IpAddress& a, const IpAddress& b) {
    const uint64_t ah = a.hi(), bh = b.hi();
    return ah != bh ? ah <=> bh : a.lo() <=> b.lo();
  }
  friend bool operator==(const IpAddress& a, const IpAddress& b) {
    uint64_t x[2], y[2];
    std::memcpy(x, a.bytes_.data(), 16);
    std::memcpy(y, b.bytes_.data(), 16);
    return x[0] == y[0] && x[1] == y[1];
  }

 private:
  uint64_t big_endian_word(size_t at) const {
    uint64_t v;
    std::memcpy(&v, bytes_.data() + at, 8);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
    return v;
  }

  Bytes bytes_{};
};

// For hash tables keyed by address, which index by the hash's low bits. An
// IPv4 address sits in the top 32 bits of the second half (after ::ffff),
// where a bare multiply leaves the low bits alone: those bits are folded
// down and mixed again (murmur3's finalizer), else one /16 fills a probe run.
struct IpAddressHash {
  size_t operator()(const IpAddress& a) const noexcept {
    uint64_t h, l;
    std::memcpy(&h, a.bytes().data(), 8);
    std::memcpy(&l, a.bytes().data() + 8, 8);
    uint64_t x = (h * 0x9E3779B97F4A7C15ull) ^ l;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return static_cast<size_t>(x);
  }
};

// An address prefix ("192.0.2.0/24", "2001:db8::/32", or a bare address,
// which is a /32 or /128). Holds its length in the 128-bit space. parse()
// refuses host bits ("192.0.2.7/24"): one host and its whole network must
// not be confused by a typo.
struct IpPrefix {
  IpAddress network;  // already masked
  int bits = 128;     // 0..128 in the 128-bit space

  static std::optional<IpPrefix> parse(std::string_view text);
  bool contains(const IpAddress& a) const { return a.masked(bits) == network; }
  IpAddress first() const { return network; }
  IpAddress last() const;
  std::string to_string() const;
};

// The fewest prefixes that together hold exactly the addresses first..last
// (inclusive), in address order; empty when last < first. Address blocks are
// often delegated as ranges that are no single prefix (an IPv4 block of 6144
// addresses is a /20 and a /21), and people expect to read them as CIDRs.
std::vector<IpPrefix> range_to_prefixes(const IpAddress& first, const IpAddress& last);

// A client endpoint as written in a log field: "ip", "ip:port", "[v6]:port",
// a bare IPv6 address followed by ":port" (AWS ELB writes these), or
// "::ffff:a.b.c.d:port".
struct Endpoint {
  IpAddress address;
  std::optional<uint16_t> port;
};

// Splits and parses an endpoint. `port_expected` resolves the bare-IPv6
// ambiguity: "2001:db8::1:443" is an address with a port when the field is
// documented as address:port (ELB), and a plain address otherwise.
std::optional<Endpoint> parse_endpoint(std::string_view text, bool port_expected);

}  // namespace alcor

#endif  // ALCOR_PARSERS_IP_ADDRESS_H_
