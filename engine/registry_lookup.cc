#include "engine/registry_lookup.h"

#include <algorithm>
#include <tuple>

#include "engine/registry_operators.h"
#include "parsers/registry_text.h"

namespace alcor::registry {
namespace {

// Upper case, inner whitespace collapsed: how address-book keys match.
std::string book_key(std::string_view s) {
  std::string out;
  for (char c : ascii_upper(trim(s))) {
    if ((c == ' ' || c == '\t') && (out.empty() || out.back() == ' ')) continue;
    out += (c == '\t') ? ' ' : c;
  }
  return out;
}

// Statistics blocks first, then RIR records, then NIR answers (more
// specific knowledge about the same range).
int kind_rank(SourceKind k) {
  switch (k) {
    case SourceKind::kDelegatedStats: return 0;
    case SourceKind::kJpnic: return 2;
    default: return 1;
  }
}

bool mentions_abuse(std::string_view line) {
  const std::string upper = ascii_upper(line);
  for (std::string_view word : {"ABUSE", "SPAM", "COMPLAINT", "不正", "迷惑"}) {
    if (upper.find(word) != std::string::npos) return true;
  }
  return false;
}

bool is_abuse_role(const std::string& role) { return role == "abuse-c" || role == "abuse"; }
bool is_org_role(const std::string& role) { return role == "org" || role == "registrant"; }
bool is_staff_role(const std::string& role) {
  return role == "admin-c" || role == "tech-c" || role == "owner-c" || role == "administrative" ||
         role == "technical";
}

}  // namespace

RegistryIndex::RegistryIndex(RegistryData data) : data_(std::move(data)) {
  for (uint32_t i = 0; i < data_.contacts.size(); ++i) {
    contacts_by_handle_[ascii_upper(data_.contacts[i].handle)].push_back(i);
  }
  for (uint32_t i = 0; i < data_.book.size(); ++i) {
    book_by_key_[book_key(data_.book[i].key)].push_back(i);
  }
  build_segments();
}

RegistryIndex::U128 RegistryIndex::to_u128(const IpAddress& a) { return U128{a.hi()} << 64 | a.lo(); }

void RegistryIndex::build_segments() {
  const auto& nets = data_.networks;
  std::vector<U128> firsts(nets.size()), lasts(nets.size());
  std::vector<int> ranks(nets.size());
  std::vector<U128> points;
  points.reserve(nets.size() * 2);
  for (size_t i = 0; i < nets.size(); ++i) {
    firsts[i] = to_u128(nets[i].range.first);
    lasts[i] = to_u128(nets[i].range.last);
    ranks[i] = kind_rank(data_.snapshots[nets[i].snapshot].kind);
    points.push_back(firsts[i]);
    if (lasts[i] != ~U128{0}) points.push_back(lasts[i] + 1);
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());

  std::vector<uint32_t> by_first(nets.size());
  for (uint32_t i = 0; i < by_first.size(); ++i) by_first[i] = i;
  std::sort(by_first.begin(), by_first.end(), [&](uint32_t a, uint32_t b) { return firsts[a] < firsts[b]; });
  auto widest_first = [&](uint32_t a, uint32_t b) {
    U128 wa = lasts[a] - firsts[a], wb = lasts[b] - firsts[b];
    if (wa != wb) return wa > wb;
    return std::tie(ranks[a], nets[a].snapshot, a) < std::tie(ranks[b], nets[b].snapshot, b);
  };
  // Sweep: a network is active from the segment at its first address to the
  // one ending at its last; no network ends inside a segment.
  std::vector<uint32_t> active;
  size_t next = 0;
  seg_start_.reserve(points.size());
  seg_offset_.reserve(points.size() + 1);
  for (U128 start : points) {
    std::erase_if(active, [&](uint32_t id) { return lasts[id] < start; });
    bool changed = false;
    while (next < by_first.size() && firsts[by_first[next]] == start) {
      active.push_back(by_first[next++]);
      changed = true;
    }
    if (changed) std::sort(active.begin(), active.end(), widest_first);
    seg_start_.push_back(start);
    seg_offset_.push_back(static_cast<uint32_t>(seg_ids_.size()));
    seg_ids_.insert(seg_ids_.end(), active.begin(), active.end());
  }
  seg_offset_.push_back(static_cast<uint32_t>(seg_ids_.size()));
}

std::vector<uint32_t> RegistryIndex::covering(const IpAddress& ip) const {
  const U128 v = to_u128(ip);
  auto it = std::upper_bound(seg_start_.begin(), seg_start_.end(), v);
  if (it == seg_start_.begin()) return {};
  size_t seg = static_cast<size_t>(it - seg_start_.begin()) - 1;
  return {seg_ids_.begin() + seg_offset_[seg], seg_ids_.begin() + seg_offset_[seg + 1]};
}

// The same range from the same database may come from several snapshots
// (yesterday's and today's dump) or answers (a JPNIC record and the one-line
// mention of it under 上位情報): keep the detailed one, then the newest.
std::vector<uint32_t> RegistryIndex::best_per_record(std::vector<uint32_t> ids) const {
  auto same_record = [&](uint32_t a, uint32_t b) {
    const Network &x = data_.networks[a], &y = data_.networks[b];
    return x.range == y.range && iequals(x.source, y.source) &&
           data_.snapshots[x.snapshot].kind == data_.snapshots[y.snapshot].kind;
  };
  auto better = [&](uint32_t a, uint32_t b) {
    const Network &x = data_.networks[a], &y = data_.networks[b];
    bool dx = !x.refs.empty() || !x.abuse_mailboxes.empty() || !x.date.empty();
    bool dy = !y.refs.empty() || !y.abuse_mailboxes.empty() || !y.date.empty();
    const std::string &tx = data_.snapshots[x.snapshot].data_date, &ty = data_.snapshots[y.snapshot].data_date;
    return std::tie(dx, tx, x.snapshot) > std::tie(dy, ty, y.snapshot);
  };
  std::vector<uint32_t> kept;
  for (uint32_t id : ids) {
    auto dup = std::find_if(kept.begin(), kept.end(), [&](uint32_t k) { return same_record(k, id); });
    if (dup == kept.end()) {
      kept.push_back(id);
    } else if (better(id, *dup)) {
      *dup = id;
    }
  }
  return kept;
}

const Contact* RegistryIndex::find_contact(const std::string& handle, uint32_t snapshot) const {
  auto it = contacts_by_handle_.find(ascii_upper(handle));
  if (it == contacts_by_handle_.end()) return nullptr;
  // Prefer the object from the same file (an RDAP answer's own entity),
  // else the newest import.
  const Contact* best = nullptr;
  for (uint32_t i : it->second) {
    const Contact& c = data_.contacts[i];
    if (c.snapshot == snapshot) return &c;
    if (!best || c.snapshot > best->snapshot) best = &c;
  }
  return best;
}

const BookEntry* RegistryIndex::find_book(const ChainLink& link) const {
  const Network& n = *link.network;
  for (const std::string* key : {&n.holder_handle, &link.holder, &n.holder, &n.holder_alt, &n.netname}) {
    if (key->empty()) continue;
    auto it = book_by_key_.find(book_key(*key));
    if (it == book_by_key_.end()) continue;
    const BookEntry* best = nullptr;  // the newest import of that row
    for (uint32_t i : it->second) {
      if (!best || data_.book[i].snapshot > best->snapshot) best = &data_.book[i];
    }
    return best;
  }
  return nullptr;
}

std::vector<RegistryIndex::AbuseCandidate> RegistryIndex::published_abuse(const Network& n) const {
  std::vector<AbuseCandidate> published;
  for (const auto& m : n.abuse_mailboxes) {
    published.push_back({m, n.source == "JPNIC" ? "[Abuse] on the JPNIC record"
                                                : "abuse address published with the " + n.source + " record",
                         ""});
  }
  auto from_contact = [&](const ContactRef& ref, const std::string& via) {
    const Contact* c = find_contact(ref.handle, n.snapshot);
    if (!c) return;
    bool dedicated = !c->abuse_mailboxes.empty();
    for (const auto& m : dedicated ? c->abuse_mailboxes : c->emails) {
      published.push_back({m, via + " " + ref.handle + (dedicated ? " (abuse-mailbox)" : " (e-mail)"),
                           c->handle});
    }
  };
  for (const auto& ref : n.refs) {
    if (is_abuse_role(ref.role)) from_contact(ref, ref.role);
  }
  for (const auto& ref : n.refs) {
    if (ref.role == "mnt-irt") from_contact(ref, "mnt-irt");
  }
  for (const auto& ref : n.refs) {
    if (!is_org_role(ref.role)) continue;
    if (const Contact* org = find_contact(ref.handle, n.snapshot)) {
      for (const auto& inner : org->refs) {
        if (is_abuse_role(inner.role)) from_contact(inner, inner.role + " of " + ref.handle);
      }
    }
  }
  return published;
}

namespace {

// The registry owning an address, unless it is the holder itself.
std::string foreign_registry(const std::string& mailbox, const std::string& handle,
                             const std::string& holder_registry) {
  std::string r = registry_of_mailbox(mailbox);
  if (r.empty()) r = registry_of_handle(handle);
  return r == holder_registry ? std::string() : r;
}

}  // namespace

bool RegistryIndex::holders_own_abuse(const Network& n, const std::string& holder_registry,
                                      AbuseContact* out) const {
  auto from_remarks = [&](const std::vector<std::string>& remarks, const std::string& where) {
    for (const auto& line : remarks) {
      if (!mentions_abuse(line)) continue;
      for (auto& m : find_emails(line)) {
        if (!foreign_registry(m, "", holder_registry).empty()) continue;
        out->mailbox = m;
        out->basis = where + ": \"" + std::string(trim(line)) + "\"";
        return true;
      }
    }
    return false;
  };
  if (from_remarks(n.remarks, "remarks of the network")) return true;
  std::vector<const Contact*> staff;  // the holder's admin / tech contacts, not a registry's
  for (const auto& ref : n.refs) {
    const Contact* c = is_staff_role(ref.role) ? find_contact(ref.handle, n.snapshot) : nullptr;
    if (c && registry_of_handle(c->handle).empty() &&
        std::find(staff.begin(), staff.end(), c) == staff.end()) {
      staff.push_back(c);
    }
  }
  for (const Contact* c : staff) {
    for (const auto& m : c->abuse_mailboxes) {
      if (!foreign_registry(m, c->handle, holder_registry).empty()) continue;
      out->mailbox = m;
      out->basis = "abuse-mailbox of contact " + c->handle;
      return true;
    }
  }
  for (const Contact* c : staff) {
    if (from_remarks(c->remarks, "remarks of contact " + c->handle)) return true;
  }
  return false;
}

AbuseContact RegistryIndex::choose_abuse(const Network& n, const std::string& holder_registry) const {
  AbuseContact out;
  for (const auto& c : published_abuse(n)) {
    // Rule 2: a registry's mailbox is named as the registry's, and the
    // search goes on for the holder's own.
    if (std::string r = foreign_registry(c.mailbox, c.handle, holder_registry); !r.empty()) {
      if (out.registry_mailbox.empty()) {
        out.registry_mailbox = c.mailbox;
        out.registry = r + " (" + c.basis + ")";
      }
      continue;
    }
    out.mailbox = c.mailbox;
    out.basis = c.basis;
    return out;
  }
  holders_own_abuse(n, holder_registry, &out);
  return out;
}

ChainLink RegistryIndex::make_link(const Network& n) const {
  ChainLink link;
  link.network = &n;
  link.snapshot = &data_.snapshots[n.snapshot];
  link.holder = n.holder;
  if (!n.holder_handle.empty()) {
    const Contact* org = find_contact(n.holder_handle, n.snapshot);
    if (org && !org->name.empty()) link.holder = org->name;
  }
  // ARIN bulk networks name only the OrgID; some objects only a netname.
  if (link.holder.empty()) link.holder = n.holder_handle.empty() ? n.netname : n.holder_handle;
  link.held_by_registry = registry_holding(n, link.holder);
  std::string nir = managing_nir(n.maintainers, n.remarks);
  if (!iequals(nir, n.source)) link.managed_by_nir = nir;
  link.abuse = choose_abuse(n, link.held_by_registry);
  link.book = find_book(link);
  return link;
}

WhoisAnswer RegistryIndex::whois(const IpAddress& ip) const {
  WhoisAnswer a;
  a.ip = ip;
  for (uint32_t id : best_per_record(covering(ip))) a.chain.push_back(make_link(data_.networks[id]));

  bool have_registry_data = false;
  for (int i = 0; i < static_cast<int>(a.chain.size()); ++i) {
    const ChainLink& l = a.chain[i];
    if (l.snapshot->kind == SourceKind::kDelegatedStats) continue;
    have_registry_data = true;
    if (!l.held_by_registry.empty()) continue;
    const Delegation d = l.network->delegation;
    if (d == Delegation::kAllocation) a.provider = i;
    if (d == Delegation::kAssignment) a.end_user = i;
  }
  if (a.chain.empty()) {
    a.notes.push_back("no imported registry data covers this address");
    return a;
  }
  if (!have_registry_data) {
    a.notes.push_back("only RIR statistics cover this address: they name the registry and country, "
                      "not the holder; import that registry's whois data");
  }
  if (a.provider < 0 && a.end_user >= 0) {
    a.provider = a.end_user;
    a.notes.push_back("no allocation below the registries covers this address: the most specific "
                      "assignment's holder is taken as the access provider");
  } else if (a.provider < 0) {
    for (int i = static_cast<int>(a.chain.size()) - 1; i >= 0 && a.provider < 0; --i) {
      const ChainLink& l = a.chain[i];
      if (l.snapshot->kind != SourceKind::kDelegatedStats && l.held_by_registry.empty()) a.provider = i;
    }
    if (a.provider >= 0) {
      a.notes.push_back("no record says allocation or assignment: the most specific holder that is "
                        "not a registry, " + a.chain[a.provider].holder + ", is taken as the access provider");
    } else if (have_registry_data) {
      a.notes.push_back("every record covering this address is held by a registry: no access provider "
                        "is named in the imported data");
    }
  } else if (a.provider >= 0) {
    a.notes.push_back("access provider: the most specific allocation (割り振り) not held by a "
                      "registry, " + a.chain[a.provider].holder);
    if (a.end_user > a.provider) {
      a.notes.push_back("the address is assigned (割り当て) further to " + a.chain[a.end_user].holder +
                        ", the network using it (may be the provider's customer or a downstream provider)");
    }
  }
  for (const ChainLink& l : a.chain) {
    if (l.managed_by_nir.empty()) continue;
    bool have_nir = std::any_of(a.chain.begin(), a.chain.end(),
                                [&](const ChainLink& o) { return iequals(o.network->source, l.managed_by_nir); });
    if (!have_nir) {
      a.notes.push_back(format_range(l.network->range) + " is managed by " + l.managed_by_nir + ": " +
                        l.managed_by_nir + "'s own data is authoritative for the holder and its "
                        "contacts; import it (for JPNIC: whois -h whois.nic.ad.jp ADDRESS)");
      break;
    }
  }
  if (a.provider >= 0) {
    const ChainLink& p = a.chain[a.provider];
    if (p.abuse.mailbox.empty()) {
      a.notes.push_back("no abuse address of " + p.holder + " was found in the imported data");
    }
    if (!p.book) a.notes.push_back("the address book has no postal address or disclosure desk for " + p.holder);
  }
  return a;
}

}  // namespace alcor::registry
