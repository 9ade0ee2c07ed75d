#include "parsers/format_config.h"

#include "parsers/ascii.h"

namespace alcor {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Configuration text: lines end in LF (or CRLF).
std::string_view trim_config(std::string_view s) { return trim(s, " \t\r\n"); }

// --- Apache: one directive per (backslash-continued) line ---------------

// Reads one argument at the front of *s: "quoted", 'quoted' or bare.
// Returns false when a quote is not closed.
bool next_apache_word(std::string_view* s, std::string* word) {
  *s = trim_config(*s);
  if (s->empty()) return false;
  const char quote = s->front();
  if (quote != '"' && quote != '\'') {
    size_t sp = 0;
    while (sp < s->size() && !is_space((*s)[sp])) ++sp;
    *word = std::string(s->substr(0, sp));
    s->remove_prefix(sp);
    return true;
  }
  for (size_t i = 1; i < s->size(); ++i) {
    if ((*s)[i] == '\\') {
      ++i;
    } else if ((*s)[i] == quote) {
      *word = unquote_apache(s->substr(1, i - 1), quote);
      s->remove_prefix(i + 1);
      return true;
    }
  }
  return false;
}

bool starts_with_word(std::string_view line, std::string_view word) {
  return line.size() > word.size() && line.starts_with(word) && is_space(line[word.size()]);
}

// `LogFormat "format" [name]` or `CustomLog path "format"|name [env=...]`.
// A CustomLog that names a nickname defines nothing.
bool read_apache_directive(std::string_view line, std::vector<FormatDefinition>* out, std::string* error) {
  const bool custom = starts_with_word(line, "CustomLog");
  std::string_view rest = line.substr(custom ? 9 : 9);  // both words are 9 letters
  std::string first, second;
  if (!next_apache_word(&rest, &first) || (custom && !next_apache_word(&rest, &second))) {
    *error = "cannot read '" + std::string(line) + "' (unclosed quote?)";
    return false;
  }
  FormatDefinition d;
  if (custom) {
    if (second.find('%') == std::string::npos) return true;  // a nickname, defined elsewhere
    d.name = first;
    d.format = second;
  } else {
    d.format = first;
    if (!trim_config(rest).empty() && !next_apache_word(&rest, &d.name)) {
      *error = "cannot read the nickname of '" + std::string(line) + "'";
      return false;
    }
    if (!trim_config(rest).empty()) {
      *error = "unexpected text after the nickname of '" + std::string(line) + "': '" +
               std::string(trim_config(rest)) + "'";
      return false;
    }
  }
  out->push_back(std::move(d));
  return true;
}

void read_apache(std::string_view config, std::vector<FormatDefinition>* out, std::string* error) {
  std::string logical;
  while (!config.empty()) {
    const size_t nl = config.find('\n');
    std::string_view line = config.substr(0, nl);
    config.remove_prefix(nl == std::string_view::npos ? config.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.back() == '\\') {  // continued on the next line
      logical.append(line.substr(0, line.size() - 1));
      continue;
    }
    logical.append(line);
    const std::string_view directive = trim_config(logical);
    if (starts_with_word(directive, "LogFormat") || starts_with_word(directive, "CustomLog")) {
      if (!read_apache_directive(directive, out, error)) return;
    }
    logical.clear();
  }
}

// --- nginx: tokens up to ';' --------------------------------------------

// Reads one nginx configuration token at config[*i] the way ngx_conf_file
// does: quoted strings lose their quotes and have \" \' \\ \n \r \t undone.
// Returns false at the end of the text or on an unclosed quote (*bad set).
bool next_nginx_token(std::string_view config, size_t* i, std::string* token, bool* bad) {
  size_t p = *i;
  while (p < config.size()) {
    if (is_space(config[p])) {
      ++p;
    } else if (config[p] == '#') {
      while (p < config.size() && config[p] != '\n') ++p;
    } else {
      break;
    }
  }
  if (p == config.size()) return false;
  token->clear();
  const char c = config[p];
  if (c == ';' || c == '{' || c == '}') {
    *token = std::string(1, c);
    *i = p + 1;
    return true;
  }
  if (c != '"' && c != '\'') {
    while (p < config.size() && !is_space(config[p]) && config[p] != ';' && config[p] != '{' && config[p] != '}') {
      *token += config[p++];
    }
    *i = p;
    return true;
  }
  for (++p; p < config.size(); ++p) {
    if (config[p] == c) {
      *i = p + 1;
      return true;
    }
    if (config[p] == '\\' && p + 1 < config.size()) {
      const char e = config[++p];
      switch (e) {
        case 'n': *token += '\n'; break;
        case 'r': *token += '\r'; break;
        case 't': *token += '\t'; break;
        case '"': case '\'': case '\\': *token += e; break;
        default: *token += '\\', *token += e; break;
      }
      continue;
    }
    *token += config[p];
  }
  *bad = true;
  return false;
}

void read_nginx(std::string_view config, std::vector<FormatDefinition>* out, std::string* error) {
  size_t i = 0;
  std::string token;
  bool bad = false;
  bool at_directive = true;  // the next token starts a directive
  while (next_nginx_token(config, &i, &token, &bad)) {
    const bool starts = at_directive;
    at_directive = token == ";" || token == "{" || token == "}";
    if (!starts || token != "log_format") continue;
    FormatDefinition d;
    d.server = FormatDefinition::Server::kNginx;
    std::vector<std::string> args;
    bool closed = false;
    while (next_nginx_token(config, &i, &token, &bad)) {
      if (token == ";") {
        closed = true;
        break;
      }
      args.push_back(token);
    }
    if (!closed || args.size() < 2) {
      *error = bad ? "log_format: unclosed quote" : "log_format '" + (args.empty() ? "" : args[0]) +
                                                         "': no format strings or no closing ';'";
      return;
    }
    d.name = args[0];
    size_t first = 1;
    if (args[1].starts_with("escape=")) {
      const std::string mode = args[1].substr(7);
      if (mode == "json") {
        d.escape = NginxEscape::kJson;
      } else if (mode == "none") {
        d.escape = NginxEscape::kNone;
      } else if (mode != "default") {
        *error = "log_format " + d.name + ": unknown " + args[1] + " (default, json or none)";
        return;
      }
      first = 2;
    }
    for (size_t a = first; a < args.size(); ++a) d.format += args[a];
    out->push_back(std::move(d));
    at_directive = true;
  }
  // Only an nginx configuration's quotes matter here; an httpd.conf may
  // hold apostrophes the nginx reading trips over.
  if (bad && config.find("log_format") != std::string_view::npos) *error = "unclosed quote in the nginx configuration";
}

}  // namespace

std::string unquote_apache(std::string_view s, char quote) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == quote || s[i + 1] == '\\')) ++i;
    out += s[i];
  }
  return out;
}

std::string FormatDefinition::describe() const {
  // Quoted as the server's configuration reader expects, so that reading
  // the definition back (make_parser) yields the same format.
  std::string out;
  if (server == Server::kApache) {
    out = "LogFormat \"";
    for (char c : format) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
    if (!name.empty()) out += " " + name;
    return out;
  }
  out = "log_format " + (name.empty() ? std::string("unnamed") : name);
  if (escape == NginxEscape::kJson) out += " escape=json";
  if (escape == NginxEscape::kNone) out += " escape=none";
  out += " '";
  for (char c : format) {
    switch (c) {
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "';";
}

std::vector<FormatDefinition> read_format_definitions(std::string_view config, std::string* error) {
  std::vector<FormatDefinition> out;
  error->clear();
  read_apache(config, &out, error);
  if (error->empty()) read_nginx(config, &out, error);
  return out;
}

}  // namespace alcor
