#include "engine/registry_report.h"

#include <cstdio>

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

// JSON string escaping (RFC 8259): quotes, backslash, control characters.
std::string jstr(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// A tiny ordered JSON object builder: keys are written as given.
class JsonObject {
 public:
  JsonObject& str(const char* key, std::string_view v) { return raw(key, jstr(v)); }
  JsonObject& raw(const char* key, const std::string& json) {
    if (!body_.empty()) body_ += ',';
    body_ += jstr(key);
    body_ += ':';
    body_ += json;
    return *this;
  }
  JsonObject& index(const char* key, int i) { return raw(key, i < 0 ? "null" : std::to_string(i)); }
  std::string done() const { return "{" + body_ + "}"; }

 private:
  std::string body_;
};

template <class T, class F>
std::string jarray(const std::vector<T>& items, F&& render) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += render(items[i]);
  }
  return out + "]";
}

std::string link_json(const ChainLink& l) {
  const Network& n = *l.network;
  const Snapshot& s = *l.snapshot;
  JsonObject abuse;
  abuse.str("mailbox", l.abuse.mailbox).str("basis", l.abuse.basis)
      .str("registry_mailbox", l.abuse.registry_mailbox).str("registry", l.abuse.registry);
  std::string book = "null";
  if (l.book) {
    book = JsonObject().str("key", l.book->key).str("organisation", l.book->organisation)
               .str("postal_address", l.book->postal_address)
               .str("disclosure_desk", l.book->disclosure_desk).str("note", l.book->note).done();
  }
  JsonObject snap;
  snap.str("file", s.file_name).str("kind", to_string(s.kind)).str("date", s.data_date)
      .str("date_origin", s.date_origin).str("sha256", s.sha256);
  return JsonObject()
      .str("first", format_ip(n.range.first)).str("last", format_ip(n.range.last))
      .raw("cidrs", jarray(range_to_cidrs(n.range), [](const std::string& c) { return jstr(c); }))
      .str("source", n.source).str("handle", n.handle).str("netname", n.netname)
      .str("holder", l.holder).str("holder_handle", n.holder_handle).str("country", n.country)
      .str("status", n.status).str("delegation", to_string(n.delegation))
      .str("portability", to_string(n.portability)).str("date", n.date)
      .str("held_by_registry", l.held_by_registry).str("managed_by_nir", l.managed_by_nir)
      .raw("abuse", abuse.done()).raw("address_book", book).raw("snapshot", snap.done())
      .done();
}

}  // namespace

std::string format_whois_text(const WhoisAnswer& a) {
  std::string out = format_ip(a.ip) + "\n";
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
  return JsonObject()
      .str("ip", format_ip(a.ip))
      .raw("chain", jarray(a.chain, link_json))
      .index("provider", a.provider)
      .index("end_user", a.end_user)
      .raw("notes", jarray(a.notes, [](const std::string& s) { return jstr(s); }))
      .done();
}

}  // namespace alcor::registry
