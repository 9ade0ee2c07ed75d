#include "tools/loggen/log_format.h"

#include <charconv>

#include "tools/loggen/apache_escape.h"
#include "tools/loggen/civil_time.h"

namespace alcor::loggen {
namespace {

// mod_logio's %O counts the response headers too; a typical header block.
constexpr uint32_t kTypicalHeaderBytes = 231;

void append_number(std::string& out, uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

void append_quoted(std::string& out, std::string_view raw) {
  out += '"';
  append_apache_escaped(out, raw);
  out += '"';
}

}  // namespace

std::optional<LogFormat> parse_log_format(std::string_view name) {
  for (LogFormat f : {LogFormat::kCombinedPort, LogFormat::kVhostCombined, LogFormat::kCombined,
                      LogFormat::kCommon})
    if (log_format_name(f) == name) return f;
  return std::nullopt;
}

std::string_view log_format_name(LogFormat f) {
  switch (f) {
    case LogFormat::kCombinedPort: return "combined_port";
    case LogFormat::kVhostCombined: return "vhost_combined";
    case LogFormat::kCombined: return "combined";
    case LogFormat::kCommon: return "common";
  }
  return "?";
}

void LineFormatter::append_time(std::string& out, int64_t epoch) {
  CachedTime& slot = time_cache_[static_cast<uint64_t>(epoch) % time_cache_.size()];
  if (slot.epoch != epoch) {
    slot.text.clear();
    append_apache_time(slot.text, epoch, offset_s_);
    slot.epoch = epoch;
  }
  out += '[';
  out += slot.text;
  out += ']';
}

void LineFormatter::append(std::string& out, const Request& r) {
  if (format_ == LogFormat::kVhostCombined) {
    append_apache_escaped(out, r.vhost);
    out += ':';
    append_number(out, r.server_port);
    out += ' ';
  }
  out += r.client_ip;
  out += " - ";
  append_apache_escaped(out, r.user);
  out += ' ';
  append_time(out, r.start_time);
  out += " \"";
  append_apache_escaped(out, r.method);
  if (!r.target.empty()) {
    out += ' ';
    append_apache_escaped(out, r.target);
    out += ' ';
    append_apache_escaped(out, r.protocol);
  }
  out += "\" ";
  append_number(out, r.status);
  out += ' ';
  if (format_ == LogFormat::kVhostCombined) {
    append_number(out, uint64_t{r.body_bytes} + kTypicalHeaderBytes);
  } else if (r.body_bytes == 0) {
    out += '-';
  } else {
    append_number(out, r.body_bytes);
  }
  if (format_ != LogFormat::kCommon) {
    out += ' ';
    append_quoted(out, r.referer);
    out += ' ';
    append_quoted(out, r.user_agent);
  }
  if (format_ == LogFormat::kCombinedPort) {
    out += ' ';
    append_number(out, r.client_port);
  }
  out += '\n';
}

}  // namespace alcor::loggen
