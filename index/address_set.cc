#include "index/address_set.h"

#include <algorithm>

#include "index/byte_codec.h"

namespace alcor {
namespace {

__extension__ typedef unsigned __int128 u128;  // GCC and Clang; -Wpedantic knows it as an extension

u128 to_integer(const IpAddress& a) { return u128{a.hi()} << 64 | a.lo(); }

IpAddress from_integer(u128 v) {
  return IpAddress::from_words(static_cast<uint64_t>(v >> 64), static_cast<uint64_t>(v));
}

// Calls `take` with each address of the set in order until it returns
// false. Returns whether the whole set was visited (and checked to end
// where its bytes end).
template <typename Take>
bool for_each_address(std::string_view encoded, std::string_view what, Take&& take) {
  ByteReader r(encoded, what);
  const uint64_t n = r.varint();
  if (n > r.remaining()) r.fail("implausible address count");  // each address takes a byte at least
  u128 prev = 0;
  for (uint64_t i = 0; i < n; ++i) {
    u128 gap = 0;
    for (int shift = 0;; shift += 7) {
      uint8_t b = r.u8();
      // 19 bytes carry 133 bits: the last one may only use the low 2.
      if (shift > 126 || (shift == 126 && (b & 0x7f) > 3)) r.fail("address gap past 128 bits");
      gap |= u128{b & 0x7fu} << shift;
      if ((b & 0x80) == 0) break;
    }
    if (i > 0 && gap == 0) r.fail("addresses not strictly increasing");
    if (gap > ~u128{0} - prev) r.fail("address past 128 bits");
    prev += gap;
    if (!take(prev, n)) return false;
  }
  if (!r.done()) r.fail("extra bytes after the address set");
  return true;
}

}  // namespace

void encode_address_set(const std::vector<IpAddress>& sorted, std::string* out) {
  ByteWriter w;
  w.varint(sorted.size());
  u128 prev = 0;
  for (const IpAddress& a : sorted) {
    u128 v = to_integer(a);
    u128 gap = v - prev;
    while (gap >= 0x80) {
      w.u8(static_cast<uint8_t>(gap | 0x80));
      gap >>= 7;
    }
    w.u8(static_cast<uint8_t>(gap));
    prev = v;
  }
  out->append(w.data());
}

std::vector<IpAddress> decode_address_set(std::string_view encoded, std::string_view what) {
  std::vector<IpAddress> out;
  for_each_address(encoded, what, [&](u128 v, uint64_t n) {
    if (out.empty()) out.reserve(n);
    out.push_back(from_integer(v));
    return true;
  });
  return out;
}

std::pair<uint64_t, uint64_t> address_set_ranks(std::string_view encoded, const IpPrefix& prefix,
                                                std::string_view what) {
  const u128 first = to_integer(prefix.first()), last = to_integer(prefix.last());
  uint64_t below = 0, through = 0;  // addresses < first, and <= last
  for_each_address(encoded, what, [&](u128 v, uint64_t) {
    if (v > last) return false;
    ++through;
    if (v < first) ++below;
    return true;
  });
  return {below, through};
}

}  // namespace alcor
