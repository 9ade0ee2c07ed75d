// Renders whois answers for people (text) and for programs (one JSON object
// per line).
#ifndef ALCOR_ENGINE_REGISTRY_REPORT_H_
#define ALCOR_ENGINE_REGISTRY_REPORT_H_

#include <string>

#include "engine/registry_lookup.h"

namespace alcor::registry {

std::string format_whois_text(const WhoisAnswer& a);
std::string format_whois_json(const WhoisAnswer& a);  // one line, no trailing newline

}  // namespace alcor::registry

#endif  // ALCOR_ENGINE_REGISTRY_REPORT_H_
