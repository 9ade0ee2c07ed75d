// Importer for saved RDAP answers (RFC 9083 "ip network" objects), with the
// quirks of real servers: RIPE's "a/32" start and end addresses and missing
// objectClassName, ARIN's zero-padded IPv4 and expanded IPv6, LACNIC's
// start == end == queried address, AFRINIC entities without roles. Entities
// become contacts; their roles (nested ones included) become references, so
// that an abuse contact nested inside the registrant is found.
#ifndef ALCOR_PARSERS_REGISTRY_RDAP_H_
#define ALCOR_PARSERS_REGISTRY_RDAP_H_

#include <string_view>

#include "parsers/registry_records.h"

namespace alcor::registry {

// Throws ParseError for invalid JSON, a non-"ip network" object, or
// addresses that do not parse.
ImportBatch parse_rdap(std::string_view json);

}  // namespace alcor::registry

#endif  // ALCOR_PARSERS_REGISTRY_RDAP_H_
