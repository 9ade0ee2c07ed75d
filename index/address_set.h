// The client addresses of a block as a sorted set: both the dictionary the
// block's client column indexes and its exact address filter.
//
// Encoding: a varint count, then each address as a 128-bit unsigned integer
// minus the previous one (the first minus 0), in LEB128. Sorted neighbours
// share their network, so the gaps are short: about 3 bytes for scattered
// IPv4 clients, 1 for clients of one /24, where 16-byte addresses
// compressed with the other columns cost about 7. The set is kept outside the
// block's zstd frame, so a query reads it without decompressing anything and
// answers any prefix, /32 or /128 down to /0, exactly (a binary search, no
// false positives), where Bloom filters could only answer the prefix lengths
// they were built for.
#ifndef ALCOR_INDEX_ADDRESS_SET_H_
#define ALCOR_INDEX_ADDRESS_SET_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parsers/ip_address.h"

namespace alcor {

// Appends the encoding of `sorted` (strictly increasing) to *out.
void encode_address_set(const std::vector<IpAddress>& sorted, std::string* out);

// Decodes a set; throws IndexError naming `what` when it is damaged (not
// strictly increasing, past 128 bits, truncated or followed by extra bytes).
std::vector<IpAddress> decode_address_set(std::string_view encoded, std::string_view what);

// The ranks [first, last) of the encoded set's addresses inside `prefix`
// (empty when none is): decodes only up to the first address past it
// (IndexError when damaged). A block's client column holds these ranks.
std::pair<uint64_t, uint64_t> address_set_ranks(std::string_view encoded, const IpPrefix& prefix,
                                                std::string_view what);

}  // namespace alcor

#endif  // ALCOR_INDEX_ADDRESS_SET_H_
