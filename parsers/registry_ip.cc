#include "parsers/registry_ip.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstdio>

namespace alcor::registry {
namespace {

constexpr U128 kV4MappedBase = static_cast<U128>(0xffff) << 32;

std::optional<unsigned> parse_uint(std::string_view s, unsigned max) {
  unsigned v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v > max) return std::nullopt;
  return v;
}

// 1 to 4 decimal octets ("24.232" is 24.232.0.0 in LACNIC's abbreviation);
// leading zeros are decimal, not octal ("074" is 74 in ARIN's RDAP output).
std::optional<uint32_t> parse_v4_octets(std::string_view s, bool allow_short) {
  uint32_t v = 0;
  int n = 0;
  while (true) {
    size_t dot = s.find('.');
    std::string_view part = s.substr(0, dot);
    if (part.size() > 3) return std::nullopt;
    auto octet = parse_uint(part, 255);
    if (!octet || ++n > 4) return std::nullopt;
    v = (v << 8) | *octet;
    if (dot == std::string_view::npos) break;
    s.remove_prefix(dot + 1);
  }
  if (n != 4 && !allow_short) return std::nullopt;
  return v << (8 * (4 - n));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

U128 to_u128(const IpAddress& a) {
  U128 v = 0;
  for (uint8_t b : a.bytes()) v = (v << 8) | b;
  return v;
}

IpAddress from_u128(U128 v) {
  IpAddress::Bytes b{};
  for (int i = 15; i >= 0; --i) {
    b[i] = static_cast<uint8_t>(v & 0xff);
    v >>= 8;
  }
  return IpAddress(b);
}

bool is_v4(const IpAddress& a) { return (to_u128(a) >> 32) == 0xffff; }

std::optional<IpAddress> parse_ip(std::string_view text) {
  text = trim(text);
  if (text.find(':') == std::string_view::npos) {
    auto v4 = parse_v4_octets(text, false);
    if (!v4) return std::nullopt;
    return from_u128(kV4MappedBase | *v4);
  }
  std::string z(text);
  IpAddress::Bytes b{};
  if (inet_pton(AF_INET6, z.c_str(), b.data()) != 1) return std::nullopt;
  return IpAddress(b);
}

std::string format_ip(const IpAddress& a) {
  char buf[INET6_ADDRSTRLEN];
  if (is_v4(a)) {
    uint32_t v = static_cast<uint32_t>(to_u128(a));
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff,
                  v & 0xff);
    return buf;
  }
  inet_ntop(AF_INET6, a.bytes().data(), buf, sizeof buf);
  return buf;
}

std::optional<IpRange> prefix_range(const IpAddress& addr, int len) {
  int family_bits = is_v4(addr) ? 32 : 128;
  if (len < 0 || len > family_bits) return std::nullopt;
  int host_bits = family_bits - len;
  U128 host_mask = host_bits == 128 ? ~U128{0} : (U128{1} << host_bits) - 1;
  U128 first = to_u128(addr) & ~host_mask;
  return IpRange{from_u128(first), from_u128(first | host_mask)};
}

std::optional<IpRange> parse_range(std::string_view text) {
  text = trim(text);
  if (size_t dash = text.find('-'); dash != std::string_view::npos) {
    auto first = parse_ip(text.substr(0, dash));
    auto last = parse_ip(text.substr(dash + 1));
    if (!first || !last || is_v4(*first) != is_v4(*last) || *last < *first) return std::nullopt;
    return IpRange{*first, *last};
  }
  size_t slash = text.find('/');
  std::string_view addr_text = trim(text.substr(0, slash));
  std::optional<IpAddress> addr;
  if (slash != std::string_view::npos && addr_text.find(':') == std::string_view::npos) {
    if (auto v4 = parse_v4_octets(addr_text, true)) addr = from_u128(kV4MappedBase | *v4);
  } else {
    addr = parse_ip(addr_text);
  }
  if (!addr) return std::nullopt;
  if (slash == std::string_view::npos) return IpRange{*addr, *addr};
  auto len = parse_uint(trim(text.substr(slash + 1)), 128);
  if (!len) return std::nullopt;
  auto r = prefix_range(*addr, static_cast<int>(*len));
  // A prefix with host bits set ("10.0.0.1/8") is a typo in the source, not
  // a network we may silently widen.
  if (!r || r->first != *addr) return std::nullopt;
  return r;
}

std::optional<IpRange> v4_count_range(const IpAddress& first, uint64_t count) {
  if (!is_v4(first) || count == 0) return std::nullopt;
  uint64_t start = static_cast<uint32_t>(to_u128(first));
  if (start + count - 1 > 0xffffffffULL) return std::nullopt;
  return IpRange{first, from_u128(kV4MappedBase | (start + count - 1))};
}

std::vector<std::string> range_to_cidrs(const IpRange& r) {
  const bool v4 = is_v4(r.first);
  const int family_bits = v4 ? 32 : 128;
  std::vector<std::string> out;
  U128 cur = to_u128(r.first);
  const U128 last = to_u128(r.last);
  const U128 base = v4 ? kV4MappedBase : 0;
  cur -= base;
  const U128 end = last - base;
  while (true) {
    // Largest aligned block starting at cur that does not pass `end`.
    int host_bits = 0;
    while (host_bits < family_bits) {
      const int wider = host_bits + 1;
      if (wider == 128) {  // only ::/0 itself; 1 << 128 does not exist
        if (cur == 0 && end == ~U128{0}) host_bits = 128;
        break;
      }
      const U128 size = U128{1} << wider;
      if ((cur & (size - 1)) != 0 || cur + size - 1 > end) break;
      host_bits = wider;
    }
    out.push_back(format_ip(from_u128(base + cur)) + "/" + std::to_string(family_bits - host_bits));
    U128 block_last = host_bits == 128 ? ~U128{0} : cur + ((U128{1} << host_bits) - 1);
    if (block_last >= end) break;
    cur = block_last + 1;
  }
  return out;
}

std::string format_range(const IpRange& r) {
  std::string s = format_ip(r.first) + " - " + format_ip(r.last) + " (";
  auto cidrs = range_to_cidrs(r);
  for (size_t i = 0; i < cidrs.size(); ++i) s += (i ? ", " : "") + cidrs[i];
  return s + ")";
}

}  // namespace alcor::registry
