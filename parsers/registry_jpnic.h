// Importer for saved JPNIC WHOIS answers (whois.nic.ad.jp, Japanese or
// English "/e" output, with or without key letters, or the web gateway's
// HTML). JPNIC is authoritative for Japanese space: its 割り振り (allocation,
// to an LIR / access provider) and 割り当て (assignment, to the network using
// the address) records, the 上位情報 / 下位情報 (less / more specific)
// lists, and the [Abuse] contact registrable since 2022-08-22.
#ifndef ALCOR_PARSERS_REGISTRY_JPNIC_H_
#define ALCOR_PARSERS_REGISTRY_JPNIC_H_

#include <string_view>

#include "parsers/registry_records.h"

namespace alcor::registry {

// The answer's own network comes first in the batch, followed by the less
// and more specific networks it lists. Throws ParseError when there is no
// readable [IPネットワークアドレス] / [Network Number].
ImportBatch parse_jpnic(std::string_view text);

bool looks_like_jpnic(std::string_view text);

}  // namespace alcor::registry

#endif  // ALCOR_PARSERS_REGISTRY_JPNIC_H_
