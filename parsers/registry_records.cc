#include "parsers/registry_records.h"

#include "parsers/registry_text.h"

namespace alcor::registry {

namespace {
constexpr std::pair<SourceKind, const char*> kKindNames[] = {
    {SourceKind::kDelegatedStats, "delegated-stats"},
    {SourceKind::kRpsl, "rpsl"},
    {SourceKind::kJpnic, "jpnic"},
    {SourceKind::kRdap, "rdap"},
    {SourceKind::kAddressBook, "address-book"},
};

bool has_word(std::string_view upper, std::string_view word) {
  for (size_t p = upper.find(word); p != std::string_view::npos; p = upper.find(word, p + 1)) {
    bool left = p == 0 || upper[p - 1] == ' ' || upper[p - 1] == '-';
    size_t end = p + word.size();
    bool right = end == upper.size() || upper[end] == ' ' || upper[end] == '-';
    if (left && right) return true;
  }
  return false;
}
}  // namespace

const char* to_string(SourceKind k) {
  for (const auto& [kind, name] : kKindNames) {
    if (kind == k) return name;
  }
  return "?";
}

std::optional<SourceKind> source_kind_from_string(std::string_view s) {
  for (const auto& [kind, name] : kKindNames) {
    if (s == name) return kind;
  }
  return std::nullopt;
}

const char* to_string(Delegation d) {
  switch (d) {
    case Delegation::kAllocation: return "allocation";
    case Delegation::kAssignment: return "assignment";
    case Delegation::kUnknown: break;
  }
  return "unknown";
}

const char* to_string(Portability p) {
  switch (p) {
    case Portability::kPortable: return "portable";
    case Portability::kNonPortable: return "non-portable";
    case Portability::kUnknown: break;
  }
  return "portability unknown";
}

void classify_status(std::string_view status, Delegation* d, Portability* p) {
  const std::string u = ascii_upper(status);
  auto has = [&](std::string_view s) { return u.find(s) != std::string::npos; };
  *d = Delegation::kUnknown;
  *p = Portability::kUnknown;
  // JPNIC writes both 割振 and 割り振り (and 割当 / 割り当て).
  if (has("ALLOCAT") || has("AGGREGATED") || has("LIR-PARTITIONED") || has("割振") ||
      has("割り振")) {
    *d = Delegation::kAllocation;
  } else if (has("ASSIGN") || has("割当") || has("割り当")) {
    *d = Delegation::kAssignment;
  }
  // Made by a member / LIR to its customer: not portable. Made by an RIR or
  // NIR: portable.
  if (has("NON-PORTABLE") || has_word(u, "PA") || has("SUB-ALLOCATED") || has("BY-LIR") ||
      has("LIR-PARTITIONED") || has("REALLOCAT") || has("REASSIGN")) {
    *p = Portability::kNonPortable;
  } else if (has("PORTABLE") || has_word(u, "PI") || has("BY-RIR") || has("DIRECT")) {
    *p = Portability::kPortable;
  }
}

}  // namespace alcor::registry
