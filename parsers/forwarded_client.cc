#include "parsers/forwarded_client.h"

#include <optional>

#include "parsers/ascii.h"

namespace alcor {
namespace {

bool trusted_address(const std::vector<IpPrefix>& trusted, const IpAddress& a) {
  for (const IpPrefix& p : trusted) {
    if (p.contains(a)) return true;
  }
  return false;
}

// One X-Forwarded-For entry: "ip", "ip:port" or "[v6]:port" (some proxies
// add ports).
std::optional<Endpoint> xff_entry(std::string_view e) {
  e = trim(e);
  if (auto a = IpAddress::parse(e)) return Endpoint{*a, std::nullopt};
  return parse_endpoint(e, /*port_expected=*/false);
}

// The for= parameter of one Forwarded element ("for=192.0.2.60;proto=http",
// "for=\"[2001:db8::1]:4711\""); nullopt when absent or not an address.
std::optional<Endpoint> forwarded_for(std::string_view element) {
  while (!element.empty()) {
    const size_t semi = element.find(';');
    std::string_view pair = trim(element.substr(0, semi));
    element.remove_prefix(semi == std::string_view::npos ? element.size() : semi + 1);
    if (pair.size() < 4 || (pair.substr(0, 4) != "for=" && pair.substr(0, 4) != "For=" &&
                            pair.substr(0, 4) != "FOR=")) {
      continue;
    }
    std::string_view v = pair.substr(4);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    if (auto a = IpAddress::parse(v)) return Endpoint{*a, std::nullopt};
    return parse_endpoint(v, /*port_expected=*/true);
  }
  return std::nullopt;
}

class TrustedProxyParser final : public LineParser {
 public:
  TrustedProxyParser(std::unique_ptr<LineParser> inner, std::vector<IpPrefix> trusted)
      : inner_(std::move(inner)), trusted_(std::move(trusted)) {}

  RejectReason parse(std::string_view line, LogRecord* out) override {
    const RejectReason r = inner_->parse(line, out);
    if (r == RejectReason::kNone) derive_forwarded_client(trusted_, out);
    return r;
  }
  const std::string& definition() const override { return inner_->definition(); }
  std::unique_ptr<LineParser> clone() const override {
    return std::make_unique<TrustedProxyParser>(inner_->clone(), trusted_);
  }
  void carry_state(std::string_view text) override { inner_->carry_state(text); }
  bool needs_earlier_lines() const override { return inner_->needs_earlier_lines(); }

 private:
  std::unique_ptr<LineParser> inner_;
  std::vector<IpPrefix> trusted_;
};

}  // namespace

bool parse_trusted_proxies(const std::vector<std::string>& values, std::vector<IpPrefix>* out, std::string* error) {
  for (const std::string& value : values) {
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      const std::string_view item = trim(rest.substr(0, comma));
      rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
      if (item.empty()) continue;
      auto p = IpPrefix::parse(item);
      if (!p) {
        *error = "--trusted-proxy: '" + std::string(item) +
                 "' is not an address or CIDR prefix without host bits (e.g. 10.0.0.0/8, 2001:db8::/32)";
        return false;
      }
      out->push_back(*p);
    }
  }
  return true;
}

void derive_forwarded_client(const std::vector<IpPrefix>& trusted, LogRecord* r) {
  if (r->client_kind != ClientKind::kAddress || !trusted_address(trusted, r->client)) return;
  const bool use_xff = !r->forwarded_for.empty();
  std::string_view list = use_xff ? r->forwarded_for : r->forwarded;
  std::optional<Endpoint> client;
  // Right to left: each proxy appended the address it was handed the
  // request by.
  while (!list.empty()) {
    const size_t comma = list.rfind(',');
    const std::string_view entry = comma == std::string_view::npos ? list : list.substr(comma + 1);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(0, comma);
    if (trim(entry).empty()) continue;
    auto e = use_xff ? xff_entry(entry) : forwarded_for(entry);
    if (!e) break;  // "unknown", "_hidden", junk: nothing further left can be trusted
    client = e;
    if (!trusted_address(trusted, e->address)) break;
  }
  if (!client) return;
  r->has_peer = true;
  r->peer = r->client;
  r->peer_port = r->client_port;
  r->client = client->address;
  r->client_port = client->port ? int32_t(*client->port) : kPortNotLogged;
  r->client_text = {};
  r->client_source = use_xff ? ClientSource::kXForwardedFor : ClientSource::kForwarded;
}

std::unique_ptr<LineParser> with_trusted_proxies(std::unique_ptr<LineParser> inner, std::vector<IpPrefix> trusted) {
  if (trusted.empty() || inner == nullptr) return inner;
  return std::make_unique<TrustedProxyParser>(std::move(inner), std::move(trusted));
}

}  // namespace alcor
