// LogFormat string -> apache::Format, following mod_log_config's own
// grammar: %[modifiers][{arg}]X where modifiers are a status list
// ("!200,304"), '<' or '>' in any order, and X is one letter or "^ti"/"^to".
#include <strings.h>

#include <array>

#include "parsers/apache_steps.h"

namespace alcor::apache {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

class Compiler {
 public:
  Compiler(std::string_view format, std::string* error) : format_(format), error_(error) {}

  std::optional<Format> run() {
    std::string literal;
    for (size_t i = 0; i < format_.size();) {
      const char c = format_[i];
      if (c == '\\' && i + 1 < format_.size() && (format_[i + 1] == 'n' || format_[i + 1] == 't')) {
        literal += format_[i + 1] == 'n' ? '\n' : '\t';  // mod_log_config's own two escapes
        i += 2;
      } else if (c != '%') {
        literal += c;
        ++i;
      } else if (i + 1 < format_.size() && format_[i + 1] == '%') {
        literal += '%';
        i += 2;
      } else {
        flush_literal(&literal);
        if (!item(&i)) return std::nullopt;
      }
    }
    flush_literal(&literal);
    if (!finish_format("LogFormat \"" + std::string(format_) + "\"", &out_, error_)) return std::nullopt;
    return std::move(out_);
  }

 private:
  bool fail(size_t at, const std::string& what) {
    *error_ = "LogFormat \"" + std::string(format_) + "\": " + what + " at offset " + std::to_string(at);
    return false;
  }

  void flush_literal(std::string* literal) {
    if (literal->empty()) return;
    Step s;
    s.text = std::move(*literal);
    out_.steps.push_back(std::move(s));
    literal->clear();
  }

  // Reads one item starting at the '%' at *i.
  bool item(size_t* i) {
    const size_t start = *i;
    size_t p = start + 1;
    Step s;
    std::string_view arg;
    char redirect = 0;
    std::string directive;
    while (directive.empty()) {
      if (p >= format_.size()) return fail(start, "unfinished item '" + std::string(format_.substr(start)) + "'");
      const char c = format_[p];
      if (c == '!' || c == ',' || (c >= '0' && c <= '9')) {
        s.conditional = true;  // status list: the item logs "-" for other statuses
        ++p;
      } else if (c == '<' || c == '>') {
        redirect = c;
        ++p;
      } else if (c == '{') {
        const size_t close = format_.find('}', p);
        if (close == std::string_view::npos) return fail(start, "'{' without '}'");
        arg = format_.substr(p + 1, close - p - 1);
        p = close + 1;
      } else if (c == '^') {
        directive = std::string(format_.substr(p, 3));
        p += 3;
      } else {
        directive = std::string(1, c);
        ++p;
      }
    }
    s.item = std::string(format_.substr(start, p - start));
    *i = p;
    if (!describe(directive, arg, redirect, &s)) {
      return fail(start, error_->empty() ? "unsupported item '" + s.item + "'" : *error_ + " in item '" + s.item + "'");
    }
    if (s.kind == StepKind::kText && s.field == Field::kRequest) out_.has_request = true;
    out_.steps.push_back(std::move(s));
    return true;
  }

  // Fills kind/field/rank for a directive; false for an unknown one.
  bool describe(std::string_view d, std::string_view arg, char redirect, Step* s) {
    auto text = [&](Field f) {
      s->kind = StepKind::kText;
      s->field = f;
      return true;
    };
    auto number = [&](Field f, int rank, int64_t scale = 1) {
      s->kind = StepKind::kNumber;
      s->field = f;
      s->rank = rank;
      s->scale = scale;
      return true;
    };
    if (d == "^ti" || d == "^to") return text(Field::kIgnored);
    if (d.size() != 1) return false;
    switch (d[0]) {
      // %{c}a: the connection's peer when mod_remoteip took %a from a header.
      case 'a': s->rank = 2; return text(arg == "c" ? Field::kPeerAddr : Field::kClientAddr);
      case 'h': s->rank = 1; return text(arg == "c" ? Field::kIgnored : Field::kClientHost);
      case 'A': case 'C': case 'e': case 'f': case 'l': case 'L': case 'n': case 'o':
      case 'P': case 'R': case 'u': case 'X': case 'x': case 'c':
        return text(Field::kIgnored);
      case 'b': s->dash_value = 0; return number(Field::kBytes, 2);  // CLF: "-" is zero bytes
      case 'B': return number(Field::kBytes, 2);
      case 'O': return number(Field::kBytes, 1);
      case 'I': case 'S': case 'k': return number(Field::kIgnored, 0);
      case 'D': return number(Field::kDuration, 3);
      case 'T':
        if (arg.empty() || arg == "s") return number(Field::kDuration, 1, kMicrosPerSecond);
        if (arg == "ms") return number(Field::kDuration, 2, 1000);
        if (arg == "us") return number(Field::kDuration, 3, 1);
        return false;
      case 's': return number(Field::kStatus, redirect == '>' ? 2 : redirect == '<' ? 0 : 1);
      case 'p':
        if (arg == "remote") return number(Field::kClientPort, 1);
        if (arg.empty() || arg == "canonical" || arg == "local") return number(Field::kServerPort, 1);
        return false;
      case 'H': return text(Field::kProtocol);
      case 'm': return text(Field::kMethod);
      case 'q': return text(Field::kQuery);
      case 'r': return text(Field::kRequest);
      case 'U': return text(Field::kPath);
      case 'v': case 'V': return text(Field::kHost);
      case 'i':
        if (iequals(arg, "Referer")) return text(Field::kReferer);
        if (iequals(arg, "User-Agent")) return text(Field::kUserAgent);
        if (iequals(arg, "X-Forwarded-For")) return text(Field::kForwardedFor);
        if (iequals(arg, "Forwarded")) return text(Field::kForwarded);
        return text(Field::kIgnored);
      case 't': return time_item(arg, s);
      default: return false;
    }
  }

  bool time_item(std::string_view arg, Step* s) {
    s->field = Field::kTime;
    if (arg.starts_with("begin:")) {
      arg.remove_prefix(6);
    } else if (arg.starts_with("end:")) {
      arg.remove_prefix(4);
      s->log_write = true;
    }
    if (arg.empty()) {
      s->kind = StepKind::kRequestTime;
      return true;
    }
    static constexpr std::array<std::pair<std::string_view, TimeNumber>, 5> kNumbers = {{
        {"sec", TimeNumber::kSec},
        {"msec", TimeNumber::kMsec},
        {"usec", TimeNumber::kUsec},
        {"msec_frac", TimeNumber::kMsecFrac},
        {"usec_frac", TimeNumber::kUsecFrac},
    }};
    for (const auto& [name, n] : kNumbers) {
      if (arg == name) {
        s->kind = StepKind::kTimeNumber;
        s->time_number = n;
        return true;
      }
    }
    std::string pattern_error;
    auto pattern = TimePattern::compile(arg, &pattern_error);
    if (!pattern) {
      *error_ = pattern_error;
      return false;
    }
    s->kind = StepKind::kTimePattern;
    s->pattern = int(out_.patterns.size());
    out_.patterns.push_back(std::move(*pattern));
    return true;
  }

  std::string_view format_;
  std::string* error_;
  Format out_;
};

// Tells each item how it ends: by a quote, by the literal that follows,
// by the end of the line, or by its own syntax (times).
bool link_steps(std::string_view label, Format* f, std::string* error) {
  auto& steps = f->steps;
  auto self_delimited = [](const Step& s) {
    return s.kind == StepKind::kRequestTime || s.kind == StepKind::kTimePattern || s.kind == StepKind::kTimeNumber ||
           s.kind == StepKind::kClfTime || s.kind == StepKind::kIsoTime;
  };
  for (size_t i = 0; i < steps.size(); ++i) {
    Step& s = steps[i];
    if (s.kind == StepKind::kLiteral || self_delimited(s)) continue;
    const Step* prev = i > 0 ? &steps[i - 1] : nullptr;
    const Step* next = i + 1 < steps.size() ? &steps[i + 1] : nullptr;
    // "%U%q": the query string is empty or starts with '?', so the path
    // ends at the first '?' or where the query would end.
    s.before_query = next != nullptr && next->item.starts_with('%') && next->item.ends_with('q') && next->kind == StepKind::kText;
    if (s.before_query) next = i + 2 < steps.size() ? &steps[i + 2] : nullptr;
    s.last = next == nullptr;
    if (next != nullptr && next->kind == StepKind::kLiteral) {
      s.text = next->text;
      s.before_last_literal = next == &steps.back();
      // %t writes its own '[': "%u %t" ends the user at " [", so a user
      // name with a space in it is still read whole.
      const Step* after = next + 1 < steps.data() + steps.size() ? next + 1 : nullptr;
      if (after != nullptr && after->kind == StepKind::kRequestTime) s.text += '[';
    }
    if (s.text == ":" && i + 2 < steps.size() && steps[i + 2].kind == StepKind::kNumber) {
      s.before_colon_number = true;
      if (i + 3 < steps.size() && steps[i + 3].kind == StepKind::kLiteral) s.number_end = steps[i + 3].text;
    }
    // Unescaped output (nginx escape=none) may hold raw quotes: such an
    // item ends only where the whole following literal does.
    s.quoted = f->escape != Escape::kNone && !s.before_query && prev != nullptr &&
               prev->kind == StepKind::kLiteral && prev->text.back() == '"' && !s.text.empty() &&
               s.text.front() == '"';
    if (!s.last && s.text.empty()) {
      *error = std::string(label) + ": item '" + s.item + "' is followed directly by '" + next->item +
               "': no text between them tells where '" + s.item + "' ends";
      return false;
    }
  }
  return true;
}

// Of several items for one record field, only the best is stored: the
// highest rank, the earliest on a tie.
void keep_best_items(Format* f) {
  auto slot = [](Field x) { return x == Field::kClientAddr ? Field::kClientHost : x; };
  auto stored = [](const Step& s) {
    return s.kind != StepKind::kLiteral && s.field != Field::kIgnored && s.field != Field::kTime;
  };
  for (Step& s : f->steps) {
    if (!stored(s)) continue;
    const bool from_request = s.field == Field::kMethod || s.field == Field::kPath || s.field == Field::kQuery ||
                              s.field == Field::kProtocol || s.field == Field::kTarget || s.field == Field::kArgs;
    bool beaten = from_request && f->has_request;
    for (const Step& other : f->steps) {
      if (&other == &s || !stored(other)) continue;
      // $request_uri beats $uri$args: both give the target.
      const bool same = slot(other.field) == slot(s.field) ||
                        (other.field == Field::kTarget && (s.field == Field::kPath || s.field == Field::kArgs));
      if (!same) continue;
      beaten |= other.field == Field::kTarget && s.field != Field::kTarget;
      beaten |= slot(other.field) == slot(s.field) && (other.rank > s.rank || (other.rank == s.rank && &other < &s));
    }
    if (beaten) s.field = Field::kIgnored;
    f->has_path |= s.field == Field::kPath;
    f->has_host |= s.field == Field::kHost;
  }
}

}  // namespace

bool finish_format(std::string_view label, Format* f, std::string* error) {
  if (!link_steps(label, f, error)) return false;
  bool has_time = false;
  for (const Step& s : f->steps) has_time |= s.field == Field::kTime;
  if (!has_time) {
    *error = std::string(label) + " has no time item: its lines cannot be placed in time";
    return false;
  }
  keep_best_items(f);
  return true;
}

std::optional<Format> compile(std::string_view format, std::string* error) {
  error->clear();
  return Compiler(format, error).run();
}

}  // namespace alcor::apache
