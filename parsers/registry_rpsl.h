// Importer for RPSL whois data: the RIRs' bulk dumps (APNIC/RIPE/AFRINIC
// split files, the LACNIC dialect, ARIN's bulk text) and saved port-43
// answers in the same formats. Networks come from inetnum / inet6num /
// NetHandle objects; contacts from irt, role, person, organisation and POC
// objects, which may arrive in a different file than the networks citing them.
#ifndef ALCOR_PARSERS_REGISTRY_RPSL_H_
#define ALCOR_PARSERS_REGISTRY_RPSL_H_

#include <string_view>

#include "parsers/registry_records.h"

namespace alcor::registry {

// Throws ParseError naming the line of a line that is neither an attribute,
// a continuation, a comment nor blank, of a network whose range does not
// parse, and of an inetnum/inet6num cut off before its closing "source:".
ImportBatch parse_rpsl(std::string_view text);

}  // namespace alcor::registry

#endif  // ALCOR_PARSERS_REGISTRY_RPSL_H_
