#include "parsers/registry_jpnic.h"

#include <string>

#include "parsers/registry_text.h"

namespace alcor::registry {
namespace {

enum class Section { kNetwork, kLessSpecific, kMoreSpecific };

// The gateway wraps the port-43 text in <PRE> with links around handles.
std::string strip_html(std::string_view html) {
  std::string out;
  bool in_tag = false;
  for (size_t i = 0; i < html.size(); ++i) {
    char c = html[i];
    if (c == '<') in_tag = true;
    if (!in_tag) {
      if (c == '&') {
        static constexpr std::pair<std::string_view, char> kEntities[] = {
            {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&nbsp;", ' '}};
        bool decoded = false;
        for (auto [entity, ch] : kEntities) {
          if (html.substr(i, entity.size()) == entity) {
            out += ch;
            i += entity.size() - 1;
            decoded = true;
            break;
          }
        }
        if (decoded) continue;
      }
      out += c;
    }
    if (c == '>') in_tag = false;
  }
  return out;
}

// "a. [IPネットワークアドレス]     192.41.192.0/24" -> label, value
bool split_label(std::string_view line, std::string_view* label, std::string_view* value) {
  line = trim(line);
  if (line.size() > 3 && line[1] == '.' && line[2] == ' ' && line[0] >= 'a' && line[0] <= 'z') {
    line = trim(line.substr(3));  // old-style key letter
  }
  if (line.empty() || line.front() != '[') return false;
  size_t close = line.find(']');
  if (close == std::string_view::npos) return false;
  *label = line.substr(1, close - 1);
  *value = trim(line.substr(close + 1));
  return true;
}

bool is_any(std::string_view s, std::initializer_list<std::string_view> options) {
  for (auto o : options) {
    if (s == o) return true;
  }
  return false;
}

// JPNIC publishes Japanese networks only.
Network jpnic_network() {
  Network n;
  n.source = "JPNIC";
  n.country = "JP";
  return n;
}

// "KDDI株式会社 (KDDI CORPORATION)" -> holder "KDDI CORPORATION", alt "KDDI株式会社"
void split_org_line(std::string_view line, Network* n) {
  line = trim(line);
  size_t open = line.rfind('(');
  if (open != std::string_view::npos && line.back() == ')') {
    n->holder = std::string(trim(line.substr(open + 1, line.size() - open - 2)));
    n->holder_alt = std::string(trim(line.substr(0, open)));
  } else {
    n->holder = std::string(line);
  }
}

// "  KDDI-NET [割り振り] 27.80.0.0/12" under 上位情報 / 下位情報.
std::optional<Network> listed_network(std::string_view line, const std::string& org_line) {
  line = trim(line);
  size_t open = line.find('['), close = line.find(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return {};
  auto range = parse_range(line.substr(close + 1));
  if (!range) return {};
  Network n = jpnic_network();
  n.range = *range;
  n.netname = std::string(trim(line.substr(0, open)));
  n.status = std::string(line.substr(open + 1, close - open - 1));
  classify_status(n.status, &n.delegation, &n.portability);
  split_org_line(org_line, &n);
  return n;
}

void apply_label(std::string_view label, std::string_view value, Network* n) {
  std::string v(value);
  if (is_any(label, {"IPネットワークアドレス", "Network Number"})) {
    auto range = parse_range(value);
    if (!range) throw ParseError(0, "cannot read the network address '" + v + "'");
    n->range = *range;
  } else if (is_any(label, {"ネットワーク名", "Network Name"})) {
    n->netname = v;
  } else if (label == "組織名") {
    n->holder_alt = v;
  } else if (label == "Organization") {
    n->holder = v;
  } else if (is_any(label, {"管理者連絡窓口", "Administrative Contact"})) {
    if (!v.empty()) n->refs.push_back({"admin-c", v});
  } else if (is_any(label, {"技術連絡担当者", "Technical Contact"})) {
    if (!v.empty()) n->refs.push_back({"tech-c", v});
  } else if (label == "Abuse") {
    if (!v.empty()) n->abuse_mailboxes.push_back(v);
  } else if (is_any(label, {"割振年月日", "Allocated Date", "Allocation Date"})) {
    // The date label, even left empty, says which kind of record this is.
    n->status = "割り振り (allocation)";
    n->date = normalize_date(value);
  } else if (is_any(label, {"割当年月日", "Assigned Date", "Assignment Date"})) {
    n->status = "割り当て (assignment)";
    n->date = normalize_date(value);
  }
}

}  // namespace

bool looks_like_jpnic(std::string_view text) {
  text = text.substr(0, 16 * 1024);
  return text.find("[IPネットワークアドレス]") != std::string_view::npos ||
         text.find("[Network Number]") != std::string_view::npos;
}

ImportBatch parse_jpnic(std::string_view raw) {
  std::string html_free;
  if (raw.find("<PRE>") != std::string_view::npos || raw.find("<pre>") != std::string_view::npos) {
    html_free = strip_html(raw);
    raw = html_free;
  }
  ImportBatch batch;
  batch.kind = SourceKind::kJpnic;
  Network own = jpnic_network();
  bool have_range = false;
  Section section = Section::kNetwork;
  std::string org_line;
  std::vector<Network> listed;
  for_each_line(raw, [&](std::string_view line, size_t line_no) {
    std::string_view t = trim(line);
    if (t.starts_with("上位情報") || t.starts_with("Less Specific Info")) {
      section = Section::kLessSpecific;
      return;
    }
    if (t.starts_with("下位情報") || t.starts_with("More Specific Info")) {
      section = Section::kMoreSpecific;
      return;
    }
    if (section == Section::kNetwork) {
      std::string_view label, value;
      if (!split_label(line, &label, &value)) return;
      try {
        apply_label(label, value, &own);
      } catch (const ParseError& e) {
        throw ParseError(line_no, e.what());
      }
      if (is_any(label, {"IPネットワークアドレス", "Network Number"})) have_range = true;
      return;
    }
    if (t.empty() || t.starts_with("---") || t.starts_with("該当するデータがありません") ||
        t.starts_with("No match")) {
      return;
    }
    if (line.front() != ' ' && line.front() != '\t') {
      org_line = std::string(t);
    } else if (auto n = listed_network(line, org_line)) {
      listed.push_back(std::move(*n));
    }
  });
  if (!have_range) {
    throw ParseError(0, "no [IPネットワークアドレス] / [Network Number]: not a JPNIC network answer");
  }
  if (own.holder.empty()) std::swap(own.holder, own.holder_alt);
  classify_status(own.status, &own.delegation, &own.portability);
  batch.networks.push_back(std::move(own));
  for (auto& n : listed) batch.networks.push_back(std::move(n));
  return batch;
}

}  // namespace alcor::registry
