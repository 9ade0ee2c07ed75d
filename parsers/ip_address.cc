#include "parsers/ip_address.h"

#include <arpa/inet.h>

#include <bit>
#include <cstring>
#include "parsers/ascii.h"
#include "parsers/sse2_bytes.h"

namespace alcor {
namespace {

constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

// Dotted-quad IPv4 with the rules of glibc's inet_pton: exactly four decimal
// parts, each 0..255 and without leading zeros ("010" is octal to some tools,
// so guessing would be worse than refusing).
std::optional<uint32_t> parse_v4(std::string_view s) {
#if defined(__SSE2__)
  // Classified 16 bytes at once and the parts found from the dots' places:
  // a loop per part would mispredict its exit on every part of a new length.
  const size_t n = s.size();
  if (n < 7 || n > 15) return std::nullopt;  // "0.0.0.0" .. "255.255.255.255"
  const __m128i v = sse2::load_short(s.data(), n);
  const __m128i digit = sse2::in_range(v, '0', '9');
  const unsigned digits = static_cast<unsigned>(_mm_movemask_epi8(digit));
  const unsigned dots = sse2::bytes_equal(v, '.');
  const unsigned second = dots & (dots - 1), third = second & (second - 1);
  // Three dots (std::popcount is a call without -mpopcnt), the rest digits.
  if ((digits | dots) != (1u << n) - 1 || third == 0 || (third & (third - 1)) != 0) return std::nullopt;
  alignas(16) uint8_t value[18] = {};  // each digit's value; two zeros past the last part's third digit
  _mm_store_si128(reinterpret_cast<__m128i*>(value), _mm_and_si128(_mm_sub_epi8(v, _mm_set1_epi8('0')), digit));
  const unsigned end[4] = {unsigned(std::countr_zero(dots)), unsigned(std::countr_zero(second)),
                           unsigned(std::countr_zero(third)), unsigned(n)};
  // A part's value from its first three digit values, by its length.
  static constexpr uint16_t kScale[4][3] = {{0, 0, 0}, {1, 0, 0}, {10, 1, 0}, {100, 10, 1}};
  uint32_t quad = 0;
  unsigned start = 0;
  for (int part = 0; part < 4; ++part) {
    const unsigned len = end[part] - start;
    if (len - 1 > 2) return std::nullopt;  // empty, or four digits or more
    const uint8_t* d = value + start;
    const unsigned x = d[0] * kScale[len][0] + d[1] * kScale[len][1] + d[2] * kScale[len][2];
    if (x > 255 || (len > 1 && d[0] == 0)) return std::nullopt;
    quad = quad << 8 | x;
    start = end[part] + 1;
  }
  return quad;
#else
  uint32_t value = 0;
  int parts = 0;
  size_t i = 0;
  while (true) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
    unsigned part = 0;
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      part = part * 10 + unsigned(s[i] - '0');
      if (part > 255) return std::nullopt;
      ++i;
    }
    if (i - start > 1 && s[start] == '0') return std::nullopt;
    value = (value << 8) | part;
    if (++parts == 4) break;
    if (i >= s.size() || s[i] != '.') return std::nullopt;
    ++i;
  }
  if (i != s.size()) return std::nullopt;
  return value;
#endif
}

// The bytes of an IPv6 text of at most 39 (eight full groups), classified
// at once: which are hex digits, which are ':', and each digit's value. The
// groups are then found by counting bits instead of a test per byte.
struct V6Text {
  uint64_t hex = 0;    // bit i: byte i is a hex digit
  uint64_t colon = 0;  // bit i: byte i is ':'
  uint8_t nibble[48] = {};  // digits' values, 0 elsewhere (also past the text)
};

void classify_v6(std::string_view s, V6Text* t) {
#if defined(__SSE2__)
  // The 16 bytes of the text from `at` (zeros past its end): digits' values
  // stored and the masks or-ed in, at their place.
  const auto classify = [t](__m128i v, size_t at) {
    const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));  // 'A'..'F' and only they become 'a'..'f'
    const __m128i digit = sse2::in_range(v, '0', '9');
    const __m128i letter = sse2::in_range(lower, 'a', 'f');
    const __m128i value = _mm_or_si128(_mm_and_si128(digit, _mm_sub_epi8(v, _mm_set1_epi8('0'))),
                                       _mm_and_si128(letter, _mm_sub_epi8(lower, _mm_set1_epi8('a' - 10))));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(t->nibble + at), value);
    t->hex |= uint64_t{static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(digit, letter)))} << at;
    t->colon |= uint64_t{sse2::bytes_equal(v, ':')} << at;
  };
  const size_t n = s.size();
  if (n < 16) {
    classify(sse2::load_short(s.data(), n), 0);
    return;
  }
  // Blocks within the text, the last one ending at its end and overlapping
  // the one before (its bytes are classified alike twice): no copy into a
  // padded buffer, whose narrower stores each load would wait for.
  classify(sse2::load16(s.data()), 0);
  if (n >= 32) classify(sse2::load16(s.data() + 16), 16);
  classify(sse2::load16(s.data() + n - 16), n - 16);
#else
  for (size_t i = 0; i < s.size(); ++i) {
    const int d = hex_digit_value(s[i]);
    if (d >= 0) {
      t->nibble[i] = static_cast<uint8_t>(d);
      t->hex |= uint64_t{1} << i;
    }
    if (s[i] == ':') t->colon |= uint64_t{1} << i;
  }
#endif
}

// The value of the `count` (1 to 4) digits whose values start at `nibble`,
// without a loop whose exit would mispredict on groups of varying length.
uint16_t group_value(const uint8_t* nibble, unsigned count) {
  uint32_t w = uint32_t{nibble[0]} << 24 | uint32_t{nibble[1]} << 16 | uint32_t{nibble[2]} << 8 | nibble[3];
  w >>= 8 * (4 - count);                // one digit a byte, the last lowest
  w = (w | w >> 4) & 0x00FF00FF;        // pairs of digits
  return static_cast<uint16_t>(w | w >> 8);  // both pairs
}

// The IPv6 text servers log: groups of one to four hex digits with at most
// one "::". Returns false, without judging, for anything else (an IPv4 tail,
// a stray byte, a malformed text): parse_v6 then asks inet_pton, so this
// only makes the common case fast and never decides differently.
bool parse_v6_groups(std::string_view s, IpAddress* out) {
  if (s.size() < 2 || s.size() > 39) return false;  // "::" .. eight groups of four
  V6Text t;
  classify_v6(s, &t);
  if ((t.hex | t.colon) != (uint64_t{1} << s.size()) - 1) return false;
  uint16_t groups[8];
  int n = 0;
  int gap = -1;  // groups before the "::"
  size_t i = 0;
  if ((t.colon & 3) == 3) {
    gap = 0;
    i = 2;
  }
  while (i < s.size()) {
    const auto digits = static_cast<unsigned>(std::countr_one(t.hex >> i));
    if (digits == 0 || digits > 4 || n == 8) return false;
    groups[n++] = group_value(t.nibble + i, digits);
    i += digits;
    if (i == s.size()) break;
    if (++i == s.size()) return false;  // past the ':'; a text may end in "::", not in ':'
    if (t.colon >> i & 1) {
      if (gap >= 0) return false;
      gap = n;
      ++i;
    }
  }
  // "::" stands for at least one zero group.
  if (gap < 0 ? n != 8 : n == 8) return false;
  uint64_t words[2] = {0, 0};  // the address as hi(), lo()
  const int tail = gap < 0 ? 0 : n - gap;
  for (int g = 0; g < n; ++g) {
    const int at = g < n - tail ? g : 8 - (n - g);
    words[at / 4] |= uint64_t{groups[g]} << (16 * (3 - at % 4));
  }
  *out = IpAddress::from_words(words[0], words[1]);
  return true;
}

std::optional<IpAddress> parse_v6(std::string_view s) {
  IpAddress fast;
  if (parse_v6_groups(s, &fast)) return fast;
  char buf[INET6_ADDRSTRLEN];
  if (s.size() >= sizeof buf) return std::nullopt;
  memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  IpAddress::Bytes b;
  if (inet_pton(AF_INET6, buf, b.data()) != 1) return std::nullopt;
  return IpAddress(b);
}

std::optional<uint16_t> parse_port(std::string_view s) {
  if (s.empty() || s.size() > 5) return std::nullopt;
  uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + uint32_t(c - '0');
  }
  if (v > 65535) return std::nullopt;
  return uint16_t(v);
}

// RFC 5952 section 4: lower-case hex without leading zeros, the longest run
// of two or more zero groups (the first on a tie) shortened to "::". Written
// here rather than taken from inet_ntop, which prints e.g. ::2:3 as the
// deprecated IPv4-compatible "::0.2.0.3".
std::string format_v6(const IpAddress::Bytes& b) {
  uint16_t g[8];
  for (int i = 0; i < 8; ++i) g[i] = uint16_t(b[2 * i] << 8 | b[2 * i + 1]);
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) best = i, best_len = j - i;
    i = j;
  }
  std::string out;
  char hex[8];
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    int n = snprintf(hex, sizeof hex, "%x", g[i]);
    out.append(hex, size_t(n));
  }
  return out;
}

}  // namespace

IpAddress IpAddress::from_v4(uint32_t v) { return from_words(0, uint64_t{0xffff} << 32 | v); }

IpAddress IpAddress::from_words(uint64_t hi, uint64_t lo) {
  IpAddress a;
  if constexpr (std::endian::native == std::endian::little) {
    hi = __builtin_bswap64(hi);
    lo = __builtin_bswap64(lo);
  }
#if defined(__SSE2__)
  // One 16-byte store: the address is read back as one vector (copied,
  // compared, hashed), and a load spanning several narrower stores waits
  // until they reach the cache instead of taking their bytes on the way.
  _mm_storeu_si128(reinterpret_cast<__m128i*>(a.bytes_.data()),
                   _mm_set_epi64x(static_cast<int64_t>(lo), static_cast<int64_t>(hi)));
#else
  std::memcpy(a.bytes_.data(), &hi, 8);
  std::memcpy(a.bytes_.data() + 8, &lo, 8);
#endif
  return a;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  // Dotted quads first: they hold no ':', and IPv6 text fails parse_v4
  // within its first five bytes.
  if (auto v4 = parse_v4(text)) return from_v4(*v4);
  // The plain IPv6 text servers log, without the searches below; what it
  // refuses (a zone id, an IPv4 tail, bad text) takes the full path.
  IpAddress groups;
  if (parse_v6_groups(text, &groups)) return groups;
  if (text.find(':') == std::string_view::npos) return std::nullopt;
  // A zone id names the interface of a link-local address; it is not part of
  // the address, and the same client is the same address on any interface.
  size_t zone = text.find('%');
  if (zone != std::string_view::npos) {
    if (zone + 1 == text.size()) return std::nullopt;
    text = text.substr(0, zone);
  }
  return parse_v6(text);
}

bool IpAddress::is_v4() const { return memcmp(bytes_.data(), kMappedPrefix, sizeof kMappedPrefix) == 0; }

uint32_t IpAddress::v4() const {
  return uint32_t(bytes_[12]) << 24 | uint32_t(bytes_[13]) << 16 | uint32_t(bytes_[14]) << 8 | bytes_[15];
}

std::string IpAddress::to_string() const {
  if (!is_v4()) return format_v6(bytes_);
  char buf[INET_ADDRSTRLEN];
  snprintf(buf, sizeof buf, "%u.%u.%u.%u", bytes_[12], bytes_[13], bytes_[14], bytes_[15]);
  return buf;
}

IpAddress IpAddress::masked(int bits) const {
  if (bits >= 128) return *this;
  Bytes b = bytes_;
  int keep = bits < 0 ? 0 : bits;
  for (int i = 0; i < 16; ++i) {
    int byte_bits = keep - 8 * i;  // bits of byte i that survive
    if (byte_bits >= 8) continue;
    b[i] = byte_bits <= 0 ? 0 : uint8_t(b[i] & (0xff << (8 - byte_bits)));
  }
  return IpAddress(b);
}

std::optional<IpAddress> IpAddress::next() const {
  Bytes b = bytes_;
  for (int i = 15; i >= 0; --i) {
    if (++b[i] != 0) return IpAddress(b);  // no carry into the byte before
  }
  return std::nullopt;  // wrapped: this was the all-ones address
}

std::optional<IpPrefix> IpPrefix::parse(std::string_view text) {
  size_t slash = text.find('/');
  auto address = IpAddress::parse(text.substr(0, slash));
  if (!address) return std::nullopt;
  // A written IPv4 length counts in the 32-bit space of the written form.
  const bool written_v4 = text.substr(0, slash).find(':') == std::string_view::npos;
  const int offset = written_v4 ? 96 : 0;
  int bits = 128;
  if (slash != std::string_view::npos) {
    std::string_view len = text.substr(slash + 1);
    if (len.empty() || len.size() > 3 || (len.size() > 1 && len[0] == '0')) return std::nullopt;
    int n = 0;
    for (char c : len) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    if (n > 128 - offset) return std::nullopt;
    bits = offset + n;
  }
  // "192.0.2.7/24" is refused rather than silently widened to 192.0.2.0/24:
  // in a disclosure request the difference between one host and its whole
  // network is exactly the kind of typo that must not pass unnoticed.
  if (address->masked(bits) != *address) return std::nullopt;
  return IpPrefix{*address, bits};
}

IpAddress IpPrefix::last() const {
  IpAddress::Bytes b = network.bytes();
  for (int i = 0; i < 16; ++i) {
    int byte_bits = bits - 8 * i;
    if (byte_bits >= 8) continue;
    b[i] = byte_bits <= 0 ? 0xff : uint8_t(b[i] | (0xff >> byte_bits));
  }
  return IpAddress(b);
}

std::string IpPrefix::to_string() const {
  if (network.is_v4() && bits >= 96) return network.to_string() + "/" + std::to_string(bits - 96);
  return network.to_string() + "/" + std::to_string(bits);
}

std::vector<IpPrefix> range_to_prefixes(const IpAddress& first, const IpAddress& last) {
  std::vector<IpPrefix> out;
  if (last < first) return out;
  IpAddress start = first;
  while (true) {
    // The widest prefix that begins at `start` and ends by `last`; a /128
    // always qualifies, so the search ends.
    int bits = 0;
    while (start.masked(bits) != start || IpPrefix{start, bits}.last() > last) ++bits;
    const IpPrefix block{start, bits};
    out.push_back(block);
    if (block.last() == last) return out;
    start = *block.last().next();  // block.last() < last, so there is a next
  }
}

std::optional<Endpoint> parse_endpoint(std::string_view text, bool port_expected) {
  if (!text.empty() && text.front() == '[') {
    size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view inner = text.substr(1, close - 1);
    if (inner.find(':') == std::string_view::npos) return std::nullopt;  // "[v4]" is no form
    auto address = IpAddress::parse(inner);
    if (!address) return std::nullopt;
    std::string_view rest = text.substr(close + 1);
    if (rest.empty()) return Endpoint{*address, std::nullopt};
    if (rest.front() != ':') return std::nullopt;
    auto port = parse_port(rest.substr(1));
    if (!port) return std::nullopt;
    return Endpoint{*address, port};
  }
  size_t last_colon = text.rfind(':');
  if (last_colon == std::string_view::npos) {
    auto address = IpAddress::parse(text);
    if (!address) return std::nullopt;
    return Endpoint{*address, std::nullopt};
  }
  auto split = [&]() -> std::optional<Endpoint> {
    auto port = parse_port(text.substr(last_colon + 1));
    if (!port) return std::nullopt;
    auto address = IpAddress::parse(text.substr(0, last_colon));
    if (!address) return std::nullopt;
    return Endpoint{*address, port};
  };
  const bool single_colon = text.find(':') == last_colon;
  if (single_colon || port_expected) {
    // "a.b.c.d:port" has one colon; with port_expected the last group of a
    // bare IPv6 text is the port (ELB), when what precedes is an address.
    if (auto e = split()) return e;
    if (single_colon) return std::nullopt;
  }
  if (auto address = IpAddress::parse(text)) return Endpoint{*address, std::nullopt};
  // "::ffff:a.b.c.d:port" is no address as a whole, so the split is certain.
  return split();
}

}  // namespace alcor
