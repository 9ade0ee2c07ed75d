// Answers "who holds this address" from the imported registry data: the
// chain of covering networks from the RIR block down to the most specific
// assignment, each with the abuse contact chosen by explicit rules, and
// which network is believed to be the access provider, with the reasons.
//
// Abuse contact rules, per network:
//  1. Published abuse addresses, in order: on the record itself (JPNIC
//     [Abuse], abuse-mailbox, the registry's "% Abuse contact" line), the
//     abuse-c / RDAP "abuse" contact, the mnt-irt IRT, the organisation's
//     abuse-c (also an abuse contact nested in the RDAP registrant).
//  2. An address that belongs to a registry (by mail domain or IRT handle)
//     when the holder is not that registry is reported as the registry's,
//     never as the holder's, and the search goes on.
//  3. Then the holder's own words: remarks of the network that mention abuse
//     or spam and give an address ("Email address for spam or abuse
//     complaints ..."), abuse-mailbox of its admin/tech contacts, then those
//     contacts' remarks.
//
// Access provider: the most specific allocation (割り振り) not held by a
// registry; the most specific assignment (割り当て) names the network using
// the address and is reported beside it.
#ifndef ALCOR_ENGINE_REGISTRY_LOOKUP_H_
#define ALCOR_ENGINE_REGISTRY_LOOKUP_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "index/registry_db.h"

namespace alcor::registry {

struct AbuseContact {
  std::string mailbox;  // the holder's abuse address; empty when none was found
  std::string basis;    // where it was found, for the report
  std::string registry_mailbox;  // a registry's address published in the abuse slot
  std::string registry;          // that registry
};

struct ChainLink {
  const Network* network = nullptr;
  const Snapshot* snapshot = nullptr;
  std::string holder;            // organisation object's name when referenced, else as published
  std::string held_by_registry;  // the registry, when the holder is one (an NIR's block)
  std::string managed_by_nir;    // the NIR whose data is authoritative for this block
  AbuseContact abuse;
  const BookEntry* book = nullptr;  // the operator's address-book row for the holder
};

struct WhoisAnswer {
  IpAddress ip;
  std::vector<ChainLink> chain;  // widest first
  int provider = -1;             // index in chain: believed access provider
  int end_user = -1;             // index in chain: most specific assignment
  std::vector<std::string> notes;  // the reasoning, in order
};

// Pointers in a WhoisAnswer point into the index: it must outlive them.
class RegistryIndex {
 public:
  explicit RegistryIndex(RegistryData data);
  RegistryIndex(const RegistryIndex&) = delete;
  RegistryIndex& operator=(const RegistryIndex&) = delete;

  WhoisAnswer whois(const IpAddress& ip) const;
  // Networks covering `ip` (indexes into data().networks), widest first.
  std::vector<uint32_t> covering(const IpAddress& ip) const;
  const RegistryData& data() const { return data_; }

 private:
  void build_segments();
  std::vector<uint32_t> best_per_record(std::vector<uint32_t> ids) const;
  ChainLink make_link(const Network& n) const;
  const Contact* find_contact(const std::string& handle, uint32_t snapshot) const;
  const BookEntry* find_book(const ChainLink& link) const;
  struct AbuseCandidate {
    std::string mailbox, basis, handle;
  };
  // Rule 1: the abuse addresses published for `n`, in order of preference.
  std::vector<AbuseCandidate> published_abuse(const Network& n) const;
  // Rule 3: the holder's own words, when rule 1 gave none of theirs.
  bool holders_own_abuse(const Network& n, const std::string& holder_registry, AbuseContact* out) const;
  AbuseContact choose_abuse(const Network& n, const std::string& holder_registry) const;

  // Addresses as numbers, for the sweep's range widths and a fast search.
  __extension__ using U128 = unsigned __int128;
  static U128 to_u128(const IpAddress& a);

  RegistryData data_;
  // Elementary segments: segment i starts at seg_start_[i] and is covered by
  // seg_ids_[seg_offset_[i] .. seg_offset_[i + 1]), widest first.
  std::vector<U128> seg_start_;
  std::vector<uint32_t> seg_offset_;
  std::vector<uint32_t> seg_ids_;
  std::unordered_map<std::string, std::vector<uint32_t>> contacts_by_handle_;
  std::unordered_map<std::string, std::vector<uint32_t>> book_by_key_;
};

}  // namespace alcor::registry

#endif  // ALCOR_ENGINE_REGISTRY_LOOKUP_H_
