// Importer for the RIR statistics exchange format ("delegated-<rir>-extended-
// <date>", and the NRO combined file): which RIR delegated a block, when, and
// for which country. No holder names: these files are the first hop only.
#ifndef ALCOR_PARSERS_REGISTRY_DELEGATED_H_
#define ALCOR_PARSERS_REGISTRY_DELEGATED_H_

#include <string_view>

#include "parsers/registry_records.h"

namespace alcor::registry {

struct DelegatedOptions {
  // The version line announces how many records follow; a shorter file was
  // cut off. Hand-made excerpts keep the full file's header and need this off.
  bool check_record_count = true;
};

// Throws ParseError naming the line for anything but the documented quirks
// (7, 8 or 9 fields; empty or "ZZ" country; empty dates; IPv4 sizes that are
// address counts, not prefix lengths).
ImportBatch parse_delegated_stats(std::string_view text, const DelegatedOptions& options = {});

// True when the first non-comment line looks like a version line.
bool looks_like_delegated_stats(std::string_view text);

}  // namespace alcor::registry

#endif  // ALCOR_PARSERS_REGISTRY_DELEGATED_H_
