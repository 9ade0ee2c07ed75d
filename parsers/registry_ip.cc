#include "parsers/registry_ip.h"

#include <charconv>

#include "parsers/ascii.h"

namespace alcor::registry {
namespace {

// In IpAddress's 128-bit space an IPv4 address sits behind 96 bits of mapping.
constexpr int kV4Offset = 96;

std::optional<unsigned> parse_uint(std::string_view s, unsigned max) {
  unsigned v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v > max) return std::nullopt;
  return v;
}

// 1 to 4 decimal octets ("24.232" is 24.232.0.0 in LACNIC's abbreviation);
// leading zeros are decimal, not octal ("074" is 74 in ARIN's RDAP output).
// IpAddress::parse refuses both forms, rightly for logs: here they are the
// documented habits of the registries.
std::optional<IpAddress> parse_v4_octets(std::string_view s, bool allow_short) {
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
  return IpAddress::from_v4(v << (8 * (4 - n)));
}

}  // namespace

std::optional<IpAddress> parse_ip(std::string_view text) {
  text = trim(text);
  if (text.find(':') == std::string_view::npos) return parse_v4_octets(text, false);
  return IpAddress::parse(text);
}

std::optional<IpRange> prefix_range(const IpAddress& addr, int len) {
  const int offset = addr.is_v4() ? kV4Offset : 0;
  if (len < 0 || len > 128 - offset) return std::nullopt;
  const IpPrefix prefix{addr.masked(offset + len), offset + len};
  return IpRange{prefix.first(), prefix.last()};
}

std::optional<IpRange> parse_range(std::string_view text) {
  text = trim(text);
  if (size_t dash = text.find('-'); dash != std::string_view::npos) {
    auto first = parse_ip(text.substr(0, dash));
    auto last = parse_ip(text.substr(dash + 1));
    if (!first || !last || first->is_v4() != last->is_v4() || *last < *first) return std::nullopt;
    return IpRange{*first, *last};
  }
  size_t slash = text.find('/');
  std::string_view addr_text = trim(text.substr(0, slash));
  std::optional<IpAddress> addr;
  if (slash != std::string_view::npos && addr_text.find(':') == std::string_view::npos) {
    addr = parse_v4_octets(addr_text, true);
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
  if (!first.is_v4() || count == 0) return std::nullopt;
  const uint64_t last = uint64_t{first.v4()} + count - 1;
  if (last > 0xffffffffULL) return std::nullopt;
  return IpRange{first, IpAddress::from_v4(static_cast<uint32_t>(last))};
}

std::vector<std::string> range_to_cidrs(const IpRange& r) {
  std::vector<std::string> out;
  for (const IpPrefix& p : range_to_prefixes(r.first, r.last)) out.push_back(p.to_string());
  return out;
}

std::string format_range(const IpRange& r) {
  std::string s = r.first.to_string() + " - " + r.last.to_string() + " (";
  auto cidrs = range_to_cidrs(r);
  for (size_t i = 0; i < cidrs.size(); ++i) s += (i ? ", " : "") + cidrs[i];
  return s + ")";
}

}  // namespace alcor::registry
