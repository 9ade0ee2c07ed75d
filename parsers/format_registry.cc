#include "parsers/format_registry.h"

#include <array>

#include "parsers/apache_format.h"
#include "parsers/ascii.h"

namespace alcor {
namespace {

struct Nickname {
  std::string_view name;
  std::string_view format;
};

// Apache's stock formats, plus the Debian/Ubuntu vhost_combined and the
// combined_port alcor recommends (the client's source port is what lets an
// access provider tell apart subscribers behind one carrier-grade NAT).
constexpr std::array<Nickname, 6> kNicknames = {{
    {"common", R"(%h %l %u %t "%r" %>s %b)"},
    {"vhost_common", R"(%v %h %l %u %t "%r" %>s %b)"},
    {"combined", R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i")"},
    {"vhost_combined", R"(%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i")"},
    {"combinedio", R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i" %I %O)"},
    {"combined_port", R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i" %{remote}p)"},
}};

// A spec may come from a configuration file line, with its line end.
std::string_view trim_spec(std::string_view s) { return trim(s, " \t\r\n"); }

// Undoes the quoting of Apache's configuration reader: inside a quoted
// argument \<quote> and \\ stand for the character itself.
std::string unquote_config(std::string_view s, char quote) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == quote || s[i + 1] == '\\')) ++i;
    out += s[i];
  }
  return out;
}

// Reads one configuration word at the front of *s: "quoted", 'quoted' or
// bare. Returns false when a quote is not closed.
bool next_config_word(std::string_view* s, std::string* word) {
  *s = trim_spec(*s);
  if (s->empty()) return false;
  const char quote = s->front();
  if (quote != '"' && quote != '\'') {
    const size_t sp = s->find_first_of(" \t");
    *word = std::string(s->substr(0, sp));
    s->remove_prefix(sp == std::string_view::npos ? s->size() : sp);
    return true;
  }
  for (size_t i = 1; i < s->size(); ++i) {
    if ((*s)[i] == '\\') {
      ++i;
    } else if ((*s)[i] == quote) {
      *word = unquote_config(s->substr(1, i - 1), quote);
      s->remove_prefix(i + 1);
      return true;
    }
  }
  return false;
}

// The definition a parser reports: the LogFormat line an operator would
// recognise, which make_parser() also accepts, so the parser of a source can
// be rebuilt exactly from what the index recorded.
std::string logformat_line(std::string_view format, std::string_view name) {
  std::string line = "LogFormat \"";
  for (char c : format) {
    if (c == '"' || c == '\\') line += '\\';
    line += c;
  }
  line += '"';
  if (!name.empty()) {
    line += ' ';
    line += name;
  }
  return line;
}

std::unique_ptr<LineParser> from_logformat_line(std::string_view line, const ParseOptions& options,
                                                std::string* error) {
  std::string_view rest = line.substr(std::string_view("LogFormat").size());
  std::string format, name;
  if (!next_config_word(&rest, &format)) {
    *error = "cannot read the format string of '" + std::string(line) + "' (unclosed quote?)";
    return nullptr;
  }
  if (!trim_spec(rest).empty() && !next_config_word(&rest, &name)) {
    *error = "cannot read the nickname of '" + std::string(line) + "'";
    return nullptr;
  }
  if (!trim_spec(rest).empty()) {
    *error = "unexpected text after the nickname of '" + std::string(line) + "': '" + std::string(trim_spec(rest)) + "'";
    return nullptr;
  }
  return compile_apache_format(format, logformat_line(format, name), options, error);
}

}  // namespace

std::unique_ptr<LineParser> make_parser(std::string_view spec, const ParseOptions& options, std::string* error) {
  spec = trim_spec(spec);
  for (const Nickname& n : kNicknames) {
    if (spec == n.name) {
      return compile_apache_format(n.format, logformat_line(n.format, n.name), options, error);
    }
  }
  if (spec.starts_with("LogFormat ") || spec.starts_with("LogFormat\t")) {
    return from_logformat_line(spec, options, error);
  }
  if (spec.find('%') != std::string_view::npos) {
    // As typed on a command line, possibly copied from a configuration file
    // with its \" quoting.
    std::string format = unquote_config(spec, '"');
    return compile_apache_format(format, logformat_line(format, ""), options, error);
  }
  std::string known;
  for (const Nickname& n : kNicknames) known += (known.empty() ? "" : ", ") + std::string(n.name);
  if (spec == "auto") {
    *error = "format 'auto' is chosen from sample lines, not built directly";
  } else {
    *error = "unknown format '" + std::string(spec) + "': not a nickname (" + known +
             ") and not a LogFormat string (no '%')";
  }
  return nullptr;
}

const std::vector<std::string>& auto_candidates() {
  static const std::vector<std::string> kCandidates = {"combined_port", "vhost_combined", "combinedio",
                                                       "combined",      "vhost_common",   "common"};
  return kCandidates;
}

Detection detect_format(const std::vector<std::string_view>& sample, const ParseOptions& options) {
  Detection best;
  LogRecord record;
  for (const std::string& name : auto_candidates()) {
    std::string error;
    std::unique_ptr<LineParser> parser = make_parser(name, options, &error);
    if (!parser) continue;  // only a bad --tz fails here, and then every candidate does
    size_t parsed = 0, sampled = 0;
    for (std::string_view line : sample) {
      const RejectReason r = parser->parse(line, &record);
      if (r == RejectReason::kEmpty) continue;
      ++sampled;
      parsed += r == RejectReason::kNone;
    }
    // Strictly more: on a tie the earlier, more specific candidate stays.
    if (best.name.empty() || parsed > best.parsed) {
      best.name = name;
      best.parsed = parsed;
      best.sampled = sampled;
      best.parser = std::move(parser);
    }
  }
  // Half or less is not a format match but a file of something else.
  if (best.parsed == 0 || best.parsed * 2 < best.sampled) best.parser.reset();
  return best;
}

}  // namespace alcor
