#include "engine/registry_report.h"

#include "index/json_writer.h"

namespace alcor::registry {
namespace {

std::string short_sha(const std::string& sha) { return sha.substr(0, 16); }

std::string status_text(const Network& n) {
  std::string s = n.status.empty() ? "(no status)" : n.status;
  return s + " (" + to_string(n.delegation) + ", " + to_string(n.portability) + ")";
}

std::string snapshot_text(const Snapshot& s) {
  return s.file_name + " [" + to_string(s.kind) + "], data of " + s.data_date + " (" +
         s.date_origin + "), sha256 " + short_sha(s.sha256);
}

void line(std::string* out, const std::string& indent, const std::string& label,
          const std::string& value) {
  if (!value.empty()) *out += indent + label + value + "\n";
}

void write_link(JsonWriter& w, const ChainLink& l) {
  const Network& n = *l.network;
  const Snapshot& s = *l.snapshot;
  w.begin_object().field("first", n.range.first.to_string()).field("last", n.range.last.to_string());
  w.key("cidrs").begin_array();
  for (const std::string& cidr : range_to_cidrs(n.range)) w.value(cidr);
  w.end_array()
      .field("source", n.source).field("handle", n.handle).field("netname", n.netname)
      .field("holder", l.holder).field("holder_handle", n.holder_handle).field("country", n.country)
      .field("status", n.status).field("delegation", to_string(n.delegation))
      .field("portability", to_string(n.portability)).field("date", n.date)
      .field("held_by_registry", l.held_by_registry).field("managed_by_nir", l.managed_by_nir);
  w.key("abuse").begin_object()
      .field("mailbox", l.abuse.mailbox).field("basis", l.abuse.basis)
      .field("registry_mailbox", l.abuse.registry_mailbox).field("registry", l.abuse.registry)
      .end_object();
  w.key("address_book");
  if (l.book) {
    w.begin_object().field("key", l.book->key).field("organisation", l.book->organisation)
        .field("postal_address", l.book->postal_address)
        .field("disclosure_desk", l.book->disclosure_desk).field("note", l.book->note).end_object();
  } else {
    w.null();
  }
  w.key("snapshot").begin_object()
      .field("file", s.file_name).field("kind", to_string(s.kind)).field("date", s.data_date)
      .field("date_origin", s.date_origin).field("sha256", s.sha256)
      .end_object();
  w.end_object();
}

// A chain position, or null when the answer has none (-1).
void write_index(JsonWriter& w, std::string_view key, int i) {
  w.key(key);
  if (i < 0) {
    w.null();
  } else {
    w.value(i);
  }
}

}  // namespace

std::string format_whois_text(const WhoisAnswer& a) {
  std::string out = a.ip.to_string() + "\n";
  for (size_t i = 0; i < a.chain.size(); ++i) {
    const ChainLink& l = a.chain[i];
    const Network& n = *l.network;
    const std::string in = "     ";
    out += "  [" + std::to_string(i + 1) + "] " + format_range(n.range) + "\n";
    if (l.snapshot->kind == SourceKind::kDelegatedStats) {
      out += in + "RIR block: " + n.source + (n.country.empty() ? "" : ", " + n.country) + ", " +
             status_text(n) + (n.date.empty() ? "" : " on " + n.date) + "\n";
    } else {
      out += in + n.source + (n.netname.empty() ? "" : " " + n.netname) +
             (n.country.empty() ? "" : " (" + n.country + ")") + ": " + status_text(n) +
             (n.date.empty() ? "" : " on " + n.date) + "\n";
      line(&out, in, "holder: ", l.holder + (n.holder_handle.empty() ? "" : " [" + n.holder_handle + "]"));
      line(&out, in, "holder is a registry: ", l.held_by_registry);
      line(&out, in, "managed by: ", l.managed_by_nir.empty() ? "" : l.managed_by_nir + " (its data is authoritative)");
      if (!l.abuse.mailbox.empty()) {
        out += in + "abuse: " + l.abuse.mailbox + " (" + l.abuse.basis + ")\n";
      } else {
        out += in + "abuse: none of the holder's own found\n";
      }
      if (!l.abuse.registry_mailbox.empty()) {
        out += in + "registry mailbox in the abuse slot: " + l.abuse.registry_mailbox + " belongs to " +
               l.abuse.registry + ", not to the holder\n";
      }
      if (l.book) {
        line(&out, in, "postal address (address book): ", l.book->postal_address);
        line(&out, in, "disclosure desk (address book): ", l.book->disclosure_desk);
        line(&out, in, "address book note: ", l.book->note);
      }
    }
    out += in + "snapshot: " + snapshot_text(*l.snapshot) + "\n";
  }
  if (a.provider >= 0) {
    const ChainLink& p = a.chain[a.provider];
    out += "  access provider: [" + std::to_string(a.provider + 1) + "] " + p.holder +
           (p.abuse.mailbox.empty() ? "" : ", abuse " + p.abuse.mailbox) + "\n";
  }
  if (a.end_user >= 0 && a.end_user != a.provider) {
    out += "  assigned to: [" + std::to_string(a.end_user + 1) + "] " + a.chain[a.end_user].holder + "\n";
  }
  for (const auto& note : a.notes) out += "  note: " + note + "\n";
  return out;
}

std::string format_whois_json(const WhoisAnswer& a) {
  JsonWriter w;
  w.begin_object().field("ip", a.ip.to_string());
  w.key("chain").begin_array();
  for (const ChainLink& l : a.chain) write_link(w, l);
  w.end_array();
  write_index(w, "provider", a.provider);
  write_index(w, "end_user", a.end_user);
  w.key("notes").begin_array();
  for (const std::string& note : a.notes) w.value(note);
  w.end_array().end_object();
  return w.take();
}

}  // namespace alcor::registry
