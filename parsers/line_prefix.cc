#include "parsers/line_prefix.h"

#include <array>
#include <cctype>
#include <string>

#include "parsers/ascii.h"
#include "parsers/civil_time.h"
#include "parsers/time_text.h"

namespace alcor {
namespace {

constexpr std::array<std::string_view, 3> kNames = {"cri", "compose", "syslog"};

// The word at the start of `s` (up to a space) and what follows that space.
std::string_view first_word(std::string_view s, std::string_view* rest) {
  const size_t sp = s.find(' ');
  *rest = sp == std::string_view::npos ? std::string_view() : s.substr(sp + 1);
  return s.substr(0, sp);
}

bool is_rfc3339(std::string_view word) {
  TimeFields f;
  return word.size() >= 20 && word[10] == 'T' && parse_iso8601(word, &f);
}

bool is_digit_or_space(char c) { return c == ' ' || (c >= '0' && c <= '9'); }

// "Feb  6 12:14:14 " (BSD syslog, RFC 3164): the rest after it.
std::optional<std::string_view> after_bsd_time(std::string_view s) {
  if (s.size() < 16 || month_from_abbrev(s.data()) == 0 || s[3] != ' ' || !is_digit_or_space(s[4]) ||
      s[6] != ' ' || s[9] != ':' || s[12] != ':' || s[15] != ' ') {
    return std::nullopt;
  }
  int v;
  if (!parse_digits(s.data() + 5, 1, &v) || !parse_digits(s.data() + 7, 2, &v) || !parse_digits(s.data() + 10, 2, &v) ||
      !parse_digits(s.data() + 13, 2, &v)) {
    return std::nullopt;
  }
  return s.substr(16);
}

// A syslog tag, "nginx:" or "haproxy[123]:": a program name, an optional
// pid, a colon. The server's line never starts that way (an address with a
// port has no space after its colon).
bool is_tag(std::string_view word) {
  if (word.size() < 2 || word.back() != ':' || !((word[0] >= 'a' && word[0] <= 'z') || (word[0] >= 'A' && word[0] <= 'Z'))) {
    return false;
  }
  for (char c : word.substr(0, word.size() - 1)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                    c == '.' || c == '/' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

std::optional<PrefixedLine> strip_cri(std::string_view line) {
  std::string_view rest;
  if (!is_rfc3339(first_word(line, &rest))) return std::nullopt;
  const std::string_view stream = first_word(rest, &rest);
  if (stream != "stdout" && stream != "stderr") return std::nullopt;
  const std::string_view tag = first_word(rest, &rest);
  if (tag != "F" && tag != "P") return std::nullopt;
  return PrefixedLine{rest, tag == "P"};
}

std::optional<PrefixedLine> strip_compose(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' || line[i] == '-' ||
                             line[i] == '.')) {
    ++i;
  }
  if (i == 0 || i >= line.size() || line[i] != ' ') return std::nullopt;
  while (i < line.size() && line[i] == ' ') ++i;
  if (line.substr(i, 2) != "| ") return std::nullopt;
  return PrefixedLine{line.substr(i + 2), false};
}

std::optional<PrefixedLine> strip_syslog(std::string_view line) {
  std::string_view rest;
  if (auto bsd = after_bsd_time(line)) {
    rest = *bsd;
  } else if (!is_rfc3339(first_word(line, &rest))) {
    return std::nullopt;
  }
  if (first_word(rest, &rest).empty()) return std::nullopt;  // the host
  std::string_view after_tag;
  if (is_tag(first_word(rest, &after_tag))) rest = after_tag;
  // rsyslog's file format puts a space after an empty tag too.
  return PrefixedLine{trim(rest, " "), false};
}

class PrefixedParser final : public LineParser {
 public:
  PrefixedParser(LinePrefix prefix, std::unique_ptr<LineParser> inner)
      : prefix_(prefix),
        inner_(std::move(inner)),
        definition_(std::string(line_prefix_name(prefix)) + ":" + inner_->definition()) {}

  RejectReason parse(std::string_view line, LogRecord* out) override {
    if (trim(line).empty()) {
      out->clear();
      return RejectReason::kEmpty;
    }
    const std::optional<PrefixedLine> inside = strip_line_prefix(prefix_, line);
    if (!inside) {
      out->clear();
      return RejectReason::kFormat;
    }
    if (inside->partial) {
      out->clear();
      return RejectReason::kTruncated;
    }
    return inner_->parse(inside->line, out);
  }
  const std::string& definition() const override { return definition_; }
  std::unique_ptr<LineParser> clone() const override {
    return std::make_unique<PrefixedParser>(prefix_, inner_->clone());
  }
  // The inner format sees its own lines (W3C directives), unprefixed.
  void carry_state(std::string_view text) override {
    if (!inner_->needs_earlier_lines()) return;
    std::string inner_text;
    while (!text.empty()) {
      const size_t nl = text.find('\n');
      if (auto inside = strip_line_prefix(prefix_, text.substr(0, nl))) {
        inner_text.append(inside->line);
        inner_text += '\n';
      }
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    }
    inner_->carry_state(inner_text);
  }
  bool needs_earlier_lines() const override { return inner_->needs_earlier_lines(); }

 private:
  LinePrefix prefix_;
  std::unique_ptr<LineParser> inner_;
  std::string definition_;
};

}  // namespace

std::string_view line_prefix_name(LinePrefix prefix) { return kNames[static_cast<size_t>(prefix)]; }

std::optional<LinePrefix> line_prefix_from_name(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<LinePrefix>(i);
  }
  return std::nullopt;
}

std::optional<PrefixedLine> strip_line_prefix(LinePrefix prefix, std::string_view line) {
  switch (prefix) {
    case LinePrefix::kCri: return strip_cri(line);
    case LinePrefix::kCompose: return strip_compose(line);
    case LinePrefix::kSyslog: return strip_syslog(line);
  }
  return std::nullopt;
}

std::optional<LinePrefix> common_line_prefix(const std::vector<std::string_view>& sample) {
  // CRI before syslog: a CRI prefix also reads as an RFC 3339 syslog line
  // from host "stdout".
  for (LinePrefix p : {LinePrefix::kCri, LinePrefix::kCompose, LinePrefix::kSyslog}) {
    size_t lines = 0, carrying = 0;
    for (std::string_view line : sample) {
      if (trim(line).empty()) continue;
      ++lines;
      carrying += strip_line_prefix(p, line).has_value();
    }
    if (lines > 0 && carrying * 2 > lines) return p;
  }
  return std::nullopt;
}

std::unique_ptr<LineParser> with_line_prefix(LinePrefix prefix, std::unique_ptr<LineParser> inner) {
  if (inner == nullptr) return nullptr;
  return std::make_unique<PrefixedParser>(prefix, std::move(inner));
}

}  // namespace alcor
