#include "engine/registry_operators.h"

#include "parsers/registry_text.h"

namespace alcor::registry {
namespace {

struct Operator {
  const char* name;
  std::vector<std::string_view> domains;
  std::vector<std::string_view> handles;       // exact handles, upper case
  std::vector<std::string_view> handle_marks;  // substrings of their IRT / maintainer names
  std::vector<std::string_view> names;         // organisation names
};

// NIRs first: their marks are more specific than the RIRs'.
const std::vector<Operator>& operators() {
  static const std::vector<Operator> kOperators = {
      {"JPNIC", {"nic.ad.jp"}, {"JNIC1-AP"}, {"JPNIC"},
       {"Japan Network Information Center", "日本ネットワークインフォメーションセンター"}},
      {"KRNIC", {"nic.or.kr", "krnic.net", "kisa.or.kr"}, {}, {"KRNIC"}, {"Korea Internet & Security Agency"}},
      {"TWNIC", {"twnic.net.tw", "twnic.tw"}, {}, {"TWNIC"}, {"Taiwan Network Information Center"}},
      {"CNNIC", {"cnnic.cn", "cnnic.net.cn"}, {}, {"CNNIC"}, {"China Internet Network Information Center"}},
      {"IDNIC", {"idnic.net"}, {}, {"IDNIC"}, {"Indonesia Network Information Center"}},
      {"VNNIC", {"vnnic.vn", "vnnic.net.vn"}, {}, {"VNNIC"}, {"Vietnam Internet Network Information Center"}},
      {"IRINN", {"irinn.in"}, {}, {"IRINN"}, {"Indian Registry for Internet Names and Numbers"}},
      {"NIC.br", {"nic.br", "registro.br"}, {}, {"NICBR"}, {"Núcleo de Informação e Coordenação do Ponto BR"}},
      {"NIC Mexico", {"nic.mx"}, {}, {"NICMX"}, {}},
      {"APNIC", {"apnic.net"}, {}, {"APNIC"}, {"Asia Pacific Network Information Centre"}},
      {"RIPE NCC", {"ripe.net"}, {}, {"RIPE-NCC"}, {"RIPE Network Coordination Centre"}},
      {"ARIN", {"arin.net"}, {}, {}, {"American Registry for Internet Numbers"}},
      {"LACNIC", {"lacnic.net"}, {}, {"LACNIC"}, {"Latin American and Caribbean IP address Regional Registry"}},
      {"AFRINIC", {"afrinic.net"}, {}, {"AFRINIC"}, {"African Network Information Center"}},
      {"IANA", {"iana.org"}, {}, {"IANA"},
       {"Internet Assigned Numbers Authority", "General placeholder reference", "whole IPv4 address space",
        "whole IPv6 address space"}},
  };
  return kOperators;
}

}  // namespace

std::string registry_of_mailbox(std::string_view email) {
  const std::string domain = email_domain(email);
  for (const auto& op : operators()) {
    for (auto d : op.domains) {
      if (domain == d || (domain.size() > d.size() && domain.ends_with(d) &&
                          domain[domain.size() - d.size() - 1] == '.')) {
        return op.name;
      }
    }
  }
  return {};
}

std::string registry_of_handle(std::string_view handle) {
  const std::string h = ascii_upper(handle);
  for (const auto& op : operators()) {
    for (auto exact : op.handles) {
      if (h == exact) return op.name;
    }
    // Only registry-run objects carry the registry in an IRT or maintainer
    // name (IRT-JPNIC-JP, IRT-KRNIC-KR, APNIC-HM); a member's handle does not.
    if (h.starts_with("IRT-") || h.starts_with("MAINT-") || h.ends_with("-HM")) {
      for (auto mark : op.handle_marks) {
        if (h.find(mark) != std::string::npos) return op.name;
      }
    }
  }
  return {};
}

std::string registry_of_name(std::string_view name) {
  for (const auto& op : operators()) {
    for (auto n : op.names) {
      if (icontains(name, n)) return op.name;
    }
  }
  return {};
}

std::string registry_holding(const Network& n, const std::string& holder) {
  for (const std::string* name : {&holder, &n.holder_alt}) {
    if (std::string r = registry_of_name(*name); !r.empty()) return r;
  }
  if (ascii_upper(n.netname).starts_with("IANA-")) return "IANA";
  if (icontains(n.status, "UNSPECIFIED")) return "an RIR (" + n.status + ")";
  return {};
}

std::string managing_nir(const std::vector<std::string>& maintainers,
                         const std::vector<std::string>& remarks) {
  for (const auto& m : maintainers) {
    std::string r = registry_of_handle(m);
    if (!r.empty() && r != "APNIC") return r;
  }
  for (const auto& line : remarks) {
    const std::string upper = ascii_upper(line);
    if (upper.find("ALLOCATION BLOCK") == std::string::npos) continue;
    for (const auto& op : operators()) {
      if (upper.find(ascii_upper(op.name) + " ALLOCATION BLOCK") != std::string::npos) return op.name;
    }
  }
  return {};
}

}  // namespace alcor::registry
