// The registries themselves (RIRs and NIRs). A registry's mailbox in a
// network's abuse slot — IRT-JPNIC-JP's hostmaster@nic.ad.jp on every
// JPNIC-managed block in APNIC data — is not the holder's abuse desk, and a
// block whose holder is a registry is an administrative block, not an access
// provider. JPNIC itself says it cannot act on abuse reports.
#ifndef ALCOR_ENGINE_REGISTRY_OPERATORS_H_
#define ALCOR_ENGINE_REGISTRY_OPERATORS_H_

#include <string>
#include <string_view>
#include <vector>

#include "parsers/registry_records.h"

namespace alcor::registry {

// The registry owning this mailbox (by domain, subdomains included), or "".
std::string registry_of_mailbox(std::string_view email);
// The registry owning this handle ("IRT-JPNIC-JP", "JNIC1-AP"), or "".
std::string registry_of_handle(std::string_view handle);
// The registry this organisation name names ("Japan Network Information
// Center", "日本ネットワークインフォメーションセンター"), or "".
std::string registry_of_name(std::string_view name);
// The registry holding network `n` whose holder reads `holder`, or "": an
// RIR/NIR named as holder, IANA's whole-space placeholders (netname IANA-*),
// and RIPE's "ALLOCATED UNSPECIFIED" RIR blocks.
std::string registry_holding(const Network& n, const std::string& holder);

// The NIR whose data is authoritative for a block that an RIR record marks as
// managed by it (mnt-by MAINT-JPNIC, "JPNIC Allocation Block"), or "".
std::string managing_nir(const std::vector<std::string>& maintainers,
                         const std::vector<std::string>& remarks);

}  // namespace alcor::registry

#endif  // ALCOR_ENGINE_REGISTRY_OPERATORS_H_
