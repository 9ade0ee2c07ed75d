#include "parsers/registry_rdap.h"

#include <simdjson.h>

#include <algorithm>

#include "parsers/registry_text.h"

namespace alcor::registry {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

std::string str(element e, std::string_view key) {
  std::string_view v;
  if (e[key].get_string().get(v) != simdjson::SUCCESS) return {};
  return std::string(v);
}

// Calls f(item) for each item of the array e[key]; nothing when absent.
template <class F>
void each(element e, std::string_view key, F&& f) {
  array a;
  if (e[key].get_array().get(a) != simdjson::SUCCESS) return;
  for (element item : a) f(item);
}

// The vCard property list of an entity: vcardArray[1].
std::optional<array> vcard_props(element entity) {
  array props;
  if (entity["vcardArray"].at(1).get_array().get(props) != simdjson::SUCCESS) return std::nullopt;
  return props;
}

// "62.239.237.0/32" (RIPE, 2015) -> "62.239.237.0"
std::optional<IpAddress> rdap_address(const std::string& text) {
  return parse_ip(std::string_view(text).substr(0, text.find('/')));
}

// The text of the first vCard property `name` ("fn", "kind").
std::string vcard_text(element entity, std::string_view name) {
  auto props = vcard_props(entity);
  if (!props) return {};
  for (element prop : *props) {
    std::string_view n, v;
    if (prop.at(0).get_string().get(n) == simdjson::SUCCESS && n == name &&
        prop.at(3).get_string().get(v) == simdjson::SUCCESS) {
      return std::string(v);
    }
  }
  return {};
}

// The vCard fields a contact needs: fn, email, adr (label or components).
void read_vcard(element entity, Contact* c) {
  auto props = vcard_props(entity);
  if (!props) return;
  for (element prop : *props) {
    std::string_view name, value;
    if (prop.at(0).get_string().get(name) != simdjson::SUCCESS) continue;
    bool has_value = prop.at(3).get_string().get(value) == simdjson::SUCCESS;
    if (name == "fn" && has_value) {
      c->name = std::string(value);
    } else if (name == "email" && has_value) {
      c->emails.emplace_back(value);
    } else if (name == "adr") {
      std::string label = str(prop.at(1), "label");
      if (!label.empty()) {
        c->address.push_back(label);
        continue;
      }
      array parts;
      if (prop.at(3).get_array().get(parts) != simdjson::SUCCESS) continue;
      for (element part : parts) {
        std::string_view p;
        if (part.get_string().get(p) == simdjson::SUCCESS && !trim(p).empty()) {
          c->address.emplace_back(trim(p));
        }
      }
    }
  }
}

std::vector<std::string> roles_of(element entity) {
  std::vector<std::string> roles;
  each(entity, "roles", [&](element r) {
    std::string_view s;
    if (r.get_string().get(s) == simdjson::SUCCESS) roles.emplace_back(s);
  });
  return roles;
}

// Adds `entity` and the entities nested in it to the batch; returns the
// references from its parent (one per role).
std::vector<ContactRef> read_entity(element entity, ImportBatch* batch) {
  Contact c;
  c.object = "entity";
  c.handle = str(entity, "handle");
  read_vcard(entity, &c);
  each(entity, "entities", [&](element nested) {
    for (auto& ref : read_entity(nested, batch)) c.refs.push_back(std::move(ref));
  });
  std::vector<ContactRef> refs;
  for (auto& role : roles_of(entity)) refs.push_back({role, c.handle});
  // Entities that carry only a handle add nothing and could hide the full
  // object imported from another answer.
  if (!c.name.empty() || !c.emails.empty() || !c.refs.empty()) batch->contacts.push_back(std::move(c));
  return refs;
}

std::string registry_of_port43(const std::string& port43) {
  for (const char* rir : {"apnic", "ripe", "arin", "lacnic", "afrinic"}) {
    if (port43.find(rir) != std::string::npos) return ascii_upper(rir);
  }
  if (port43.find("nic.ad.jp") != std::string::npos) return "JPNIC";
  return ascii_upper(port43);
}

}  // namespace

ImportBatch parse_rdap(std::string_view json) {
  simdjson::dom::parser parser;
  element root;
  if (auto err = parser.parse(json.data(), json.size()).get(root)) {
    throw ParseError(0, std::string("not valid JSON: ") + simdjson::error_message(err));
  }
  if (!root.is_object()) throw ParseError(0, "RDAP answer is not a JSON object");
  std::string cls = str(root, "objectClassName");
  if (!cls.empty() && cls != "ip network") {
    throw ParseError(0, "RDAP object is a '" + cls + "', not an 'ip network'");
  }
  auto first = rdap_address(str(root, "startAddress"));
  auto last = rdap_address(str(root, "endAddress"));
  if (!first || !last || first->is_v4() != last->is_v4() || *last < *first) {
    throw ParseError(0, "RDAP startAddress/endAddress '" + str(root, "startAddress") + "' / '" +
                            str(root, "endAddress") + "' do not form a range");
  }
  ImportBatch batch;
  batch.kind = SourceKind::kRdap;
  Network n;
  n.range = {*first, *last};
  n.handle = str(root, "handle");
  // LACNIC answered with the queried address only; the handle may still
  // name the block.
  if (*first == *last) {
    if (auto r = parse_range(n.handle); r && r->first <= *first && *last <= r->last) n.range = *r;
  }
  n.source = registry_of_port43(str(root, "port43"));
  n.netname = str(root, "name");
  n.status = str(root, "type");
  classify_status(n.status, &n.delegation, &n.portability);
  n.country = ascii_upper(str(root, "country"));
  each(root, "events", [&](element ev) {
    if (str(ev, "eventAction") == "registration") n.date = normalize_date(str(ev, "eventDate"));
  });
  each(root, "remarks", [&](element remark) {
    each(remark, "description", [&](element line) {
      std::string_view s;
      if (line.get_string().get(s) == simdjson::SUCCESS) n.remarks.emplace_back(s);
    });
  });
  each(root, "entities", [&](element entity) {
    for (auto& ref : read_entity(entity, &batch)) n.refs.push_back(std::move(ref));
    // The registrant names the holder; AFRINIC gives an org entity without roles.
    auto roles = roles_of(entity);
    bool registrant = std::find(roles.begin(), roles.end(), "registrant") != roles.end();
    if (registrant || (roles.empty() && n.holder_handle.empty() && vcard_text(entity, "kind") == "org")) {
      n.holder = vcard_text(entity, "fn");
      n.holder_handle = str(entity, "handle");
    }
  });
  if (n.holder.empty() && !n.remarks.empty()) n.holder = n.remarks.front();  // APNIC "description"
  batch.networks.push_back(std::move(n));
  return batch;
}

}  // namespace alcor::registry
