#include "parsers/registry_rpsl.h"

#include <cctype>
#include <utility>
#include <vector>

#include "parsers/registry_text.h"

namespace alcor::registry {
namespace {

struct Attribute {
  std::string name;  // lower case: RPSL is case-insensitive, ARIN writes "NetRange"
  std::string value;
};

struct RpslObject {
  size_t line = 0;
  std::vector<Attribute> attrs;

  const std::string& cls() const { return attrs.front().name; }
  std::string get(std::string_view name) const {
    for (const auto& a : attrs) {
      if (a.name == name) return a.value;
    }
    return {};
  }
  std::vector<std::string> all(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& a : attrs) {
      if (a.name == name && !a.value.empty()) out.push_back(a.value);
    }
    return out;
  }
  bool has(std::string_view name) const {
    for (const auto& a : attrs) {
      if (a.name == name) return true;
    }
    return false;
  }
};

// "netname:", "State/Prov:", "*xxset:" (IRR dumps hide objects that way)
std::optional<size_t> attribute_colon(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) ||
                             line[i] == '-' || line[i] == '_' || line[i] == '/' || line[i] == '*')) {
    ++i;
  }
  if (i == 0 || i >= line.size() || line[i] != ':') return std::nullopt;
  return i;
}

// Splits the text into objects. Comment lines ('%' or '#' in column 0) are
// skipped; a blank line ends an object; continuation lines start with a
// space, a tab or '+'.
std::vector<RpslObject> split_objects(std::string_view text) {
  std::vector<RpslObject> objects;
  RpslObject cur;
  auto flush = [&] {
    if (!cur.attrs.empty()) objects.push_back(std::move(cur));
    cur = RpslObject();
  };
  for_each_line(text, [&](std::string_view line, size_t line_no) {
    if (trim(line).empty()) return flush();
    if (line.front() == '%' || line.front() == '#') return;
    if (line.front() == ' ' || line.front() == '\t' || line.front() == '+') {
      if (cur.attrs.empty()) throw ParseError(line_no, "continuation line outside an object");
      std::string_view more = trim(line.front() == '+' ? line.substr(1) : line);
      auto& v = cur.attrs.back().value;
      if (!more.empty()) v += v.empty() ? std::string(more) : " " + std::string(more);
      return;
    }
    auto colon = attribute_colon(line);
    if (!colon) {
      throw ParseError(line_no, "expected 'attribute: value', found '" +
                                    std::string(line.substr(0, 60)) + "'");
    }
    if (cur.attrs.empty()) cur.line = line_no;
    cur.attrs.push_back({ascii_lower(line.substr(0, *colon)), std::string(trim(line.substr(*colon + 1)))});
  });
  flush();
  return objects;
}

// "RIPE # Filtered" -> "RIPE"
std::string without_comment(std::string v) {
  if (size_t hash = v.find('#'); hash != std::string::npos) v = std::string(trim(v.substr(0, hash)));
  return v;
}

void add_refs(const RpslObject& o, std::initializer_list<const char*> roles,
              std::vector<ContactRef>* refs) {
  for (const char* role : roles) {
    for (auto& h : o.all(role)) refs->push_back({role, without_comment(h)});
  }
}

Network rpsl_network(const RpslObject& o) {
  auto range = parse_range(o.attrs.front().value);
  if (!range) {
    throw ParseError(o.line, "cannot read the range of " + o.cls() + " '" + o.attrs.front().value + "'");
  }
  const bool lacnic = o.has("owner");
  if (!lacnic && !o.has("source")) {
    throw ParseError(o.line, o.cls() + " " + o.attrs.front().value +
                                 " ends before its 'source:' attribute (truncated object)");
  }
  Network n;
  n.range = *range;
  n.source = ascii_upper(without_comment(o.get("source")));
  if (n.source.empty() && lacnic) n.source = "LACNIC";
  n.netname = o.get("netname");
  n.remarks = o.all("descr");
  for (auto& r : o.all("remarks")) n.remarks.push_back(std::move(r));
  n.holder = lacnic ? o.get("owner") : (n.remarks.empty() ? "" : n.remarks.front());
  n.holder_handle = lacnic ? o.get("ownerid") : o.get("org");
  n.country = ascii_upper(o.get("country"));
  n.status = o.get("status");
  classify_status(n.status, &n.delegation, &n.portability);
  // "changed: hm-changed@apnic.net 20000308": the first one dates the object
  const std::string changed = o.get("changed");
  n.date = normalize_date(o.has("created") ? o.get("created") : changed.substr(changed.rfind(' ') + 1));
  n.abuse_mailboxes = o.all("abuse-mailbox");
  add_refs(o, {"abuse-c", "mnt-irt", "org", "admin-c", "tech-c", "owner-c"}, &n.refs);
  n.maintainers = o.all("mnt-by");
  return n;
}

// ARIN bulk ("NetHandle:"/"V6NetHandle:") and port-43 ("NetRange:" first).
Network arin_network(const RpslObject& o) {
  auto range = parse_range(o.get("netrange"));
  if (!range) throw ParseError(o.line, "cannot read NetRange '" + o.get("netrange") + "'");
  Network n;
  n.range = *range;
  n.source = "ARIN";
  n.handle = o.has("nethandle") ? o.get("nethandle") : o.get("v6nethandle");
  n.netname = o.get("netname");
  n.status = o.get("nettype");
  classify_status(n.status, &n.delegation, &n.portability);
  n.holder_handle = o.get("orgid");
  n.holder = o.get("orgname");
  if (n.holder.empty()) n.holder = o.get("organization");
  n.date = normalize_date(o.get("regdate"));
  n.remarks = o.all("comment");
  add_refs(o, {"orgabusehandle", "techhandle"}, &n.refs);
  for (auto& r : n.refs) r.role = r.role == "techhandle" ? "tech-c" : "abuse-c";
  if (!n.holder_handle.empty()) n.refs.push_back({"org", n.holder_handle});
  n.abuse_mailboxes = o.all("orgabuseemail");
  return n;
}

Contact rpsl_contact(const RpslObject& o) {
  Contact c;
  const std::string& cls = o.cls();
  c.object = cls == "nic-hdl" ? "person" : cls;
  c.handle = (cls == "role" || cls == "person") ? o.get("nic-hdl") : o.attrs.front().value;
  c.name = cls == "organisation" ? o.get("org-name")
           : cls == "nic-hdl"    ? o.get("person")
                                 : o.attrs.front().value;
  c.abuse_mailboxes = o.all("abuse-mailbox");
  c.emails = o.all("e-mail");
  c.address = o.all("address");
  c.remarks = o.all("remarks");
  add_refs(o, {"abuse-c"}, &c.refs);
  return c;
}

Contact arin_contact(const RpslObject& o) {
  Contact c;
  const bool poc = o.cls() == "pochandle";
  c.object = poc ? "poc" : "organisation";
  c.handle = o.attrs.front().value;
  c.name = poc ? std::string(trim(o.get("firstname") + " " + o.get("lastname"))) : o.get("orgname");
  c.emails = o.all("mailbox");
  c.address = o.all("street");
  for (const char* part : {"city", "state/prov", "postalcode", "country"}) {
    if (auto v = o.get(part); !v.empty()) c.address.push_back(v);
  }
  c.remarks = o.all("comment");
  add_refs(o, {"orgabusehandle"}, &c.refs);
  for (auto& r : c.refs) r.role = "abuse-c";
  return c;
}

// "# 20130123 23:06:23" in APNIC's dump banner, "%  2015-10-31 02:43:56" in
// LACNIC's answer: a comment that is only a timestamp dates the file.
void read_banner_date(std::string_view text, ImportBatch* batch) {
  for_each_line(text.substr(0, 8192), [&](std::string_view line, size_t) {
    if (!batch->data_date.empty() || line.empty() || (line[0] != '#' && line[0] != '%')) return;
    std::string_view body = trim(line.substr(1));
    if (body.size() < 8 || !std::isdigit(static_cast<unsigned char>(body[0]))) return;
    batch->data_date = normalize_date(body);
    if (!batch->data_date.empty()) batch->date_origin = "comment banner";
  });
}

// "% Abuse contact for '62.239.237.0 - 62.239.237.255' is 'protect@bt.com'":
// the registry's own answer to "whom to write", printed above the object.
void attach_abuse_lines(std::string_view text, std::vector<Network>* networks) {
  constexpr std::string_view kLead = "% Abuse contact for '";
  for_each_line(text, [&](std::string_view line, size_t) {
    if (!line.starts_with(kLead)) return;
    line.remove_prefix(kLead.size());
    size_t mid = line.find("' is '");
    if (mid == std::string_view::npos || !line.ends_with("'")) return;
    auto range = parse_range(line.substr(0, mid));
    std::string mailbox(line.substr(mid + 6, line.size() - mid - 7));
    for (auto& n : *networks) {
      if (range && n.range == *range && !mailbox.empty()) n.abuse_mailboxes.push_back(mailbox);
    }
  });
}

}  // namespace

ImportBatch parse_rpsl(std::string_view text) {
  ImportBatch batch;
  batch.kind = SourceKind::kRpsl;
  read_banner_date(text, &batch);
  for (const RpslObject& o : split_objects(text)) {
    const std::string& cls = o.cls();
    if (cls == "inetnum" || cls == "inet6num") {
      batch.networks.push_back(rpsl_network(o));
    } else if (cls == "nethandle" || cls == "v6nethandle" || cls == "netrange") {
      batch.networks.push_back(arin_network(o));
    } else if (cls == "irt" || cls == "role" || cls == "person" || cls == "organisation" ||
               (cls == "nic-hdl" && o.has("person"))) {
      batch.contacts.push_back(rpsl_contact(o));
    } else if (cls == "pochandle" || (cls == "orgid" && o.has("orgname"))) {
      batch.contacts.push_back(arin_contact(o));
    }
    // Routing objects (as-block, aut-num, route, mntner, ...) name no holder.
  }
  attach_abuse_lines(text, &batch.networks);
  return batch;
}

}  // namespace alcor::registry
