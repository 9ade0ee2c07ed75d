#include "parsers/registry_jpnic.h"

#include <iconv.h>

#include <string>

#include "parsers/registry_text.h"

namespace alcor::registry {
namespace {

enum class Section { kNetwork, kLessSpecific, kMoreSpecific };

// The text in UTF-8 when it converts cleanly from `charset`.
std::optional<std::string> convert(std::string_view text, const char* charset) {
  iconv_t cd = iconv_open("UTF-8", charset);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(text.size() * 3 + 16, '\0');
  char* in = const_cast<char*>(text.data());
  size_t in_left = text.size(), out_left = out.size();
  char* dst = out.data();
  size_t rc = iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += n;
  }
  return true;
}

// whois.nic.ad.jp answers on port 43 in ISO-2022-JP, the web gateway in
// Shift_JIS; saved files keep those bytes. The labels are matched in UTF-8.
std::string japanese_to_utf8(std::string_view text) {
  if (text.find("\x1b$B") != std::string_view::npos) {
    if (auto u = convert(text, "ISO-2022-JP")) return *u;
  }
  if (valid_utf8(text)) return std::string(text);
  for (const char* charset : {"EUC-JP", "CP932"}) {
    auto u = convert(text, charset);
    if (u && u->find("ネットワーク") != std::string::npos) return *u;
  }
  throw ParseError(0, "JPNIC answer is neither UTF-8, ISO-2022-JP, EUC-JP nor Shift_JIS");
}

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
  return text.find("Network Information:") != std::string_view::npos ||
         text.find("[IPネットワークアドレス]") != std::string_view::npos ||
         text.find("[Network Number]") != std::string_view::npos;
}

ImportBatch parse_jpnic(std::string_view encoded) {
  const std::string utf8 = japanese_to_utf8(encoded);
  std::string_view raw = utf8;
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
