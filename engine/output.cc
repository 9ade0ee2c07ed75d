#include "engine/output.h"

#include <algorithm>
#include <cstdlib>

#include "index/json_writer.h"

namespace alcor {
namespace {

// The fields every output format carries, as text; null fields are empty
// strings with the matching flag unset.
struct HitFields {
  std::string time, time_utc, ip, port, method, url, host, status, path, sha256, line, offset, raw;
  bool has_ip = false, has_port = false, has_host = false, has_status = false;
};

HitFields fields_of(const Hit& h) {
  const StoredRecord& r = h.record;
  HitFields f;
  f.time = format_rfc3339(r.time);
  f.time_utc = format_rfc3339_utc(r.time);
  if (r.client_kind == ClientKind::kAddress) {
    f.ip = r.client.to_string();
    f.has_ip = true;
  } else if (r.client_kind == ClientKind::kHostname) {
    f.ip = r.client_text;
    f.has_ip = true;
  }
  if (r.client_port != kPortNotLogged) {
    f.port = std::to_string(r.client_port);
    f.has_port = true;
  }
  f.method = r.method;
  f.url = r.target;
  f.host = r.host;
  f.has_host = !f.host.empty();
  if (r.status >= 0) {
    f.status = std::to_string(r.status);
    f.has_status = true;
  }
  f.path = h.source ? h.source->path : "";
  f.sha256 = h.source ? h.source->sha256 : "";
  f.line = std::to_string(r.source.line);
  if (r.offset_exact()) f.offset = std::to_string(r.source.offset);
  f.raw = r.raw;
  return f;
}

}  // namespace

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void write_text_table(FILE* out, const std::vector<std::string>& headers,
                      const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(headers.size());
  for (size_t c = 0; c < width.size(); ++c) {
    width[c] = headers[c].size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    for (size_t c = 0; c < width.size(); ++c) {
      if (c + 1 == width.size()) {
        std::fprintf(out, "%s\n", row[c].c_str());
      } else {
        std::fprintf(out, "%-*s  ", static_cast<int>(width[c]), row[c].c_str());
      }
    }
  };
  print_row(headers);
  for (const auto& row : rows) print_row(row);
}

std::string seconds_text(int64_t us) {
  std::string out = us < 0 ? "-" : "";
  uint64_t a = us < 0 ? 0 - static_cast<uint64_t>(us) : static_cast<uint64_t>(us);
  out += std::to_string(a / 1'000'000);
  if (uint64_t frac = a % 1'000'000) {
    std::string f = std::to_string(frac);
    f.insert(0, 6 - f.size(), '0');
    while (f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

namespace {

void write_table(FILE* out, const std::vector<Hit>& hits) {
  if (hits.empty()) {
    std::fputs("no match\n", out);
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const Hit& h : hits) rows.push_back(hit_table_cells(h));
  write_text_table(out, hit_table_header(), rows);
  for (const Hit& h : hits) {
    if (!h.evidence_error.empty()) {
      std::fprintf(out, "warning: no evidence line for %s line %llu: %s\n", h.source ? h.source->path.c_str() : "?",
                   static_cast<unsigned long long>(h.record.source.line), h.evidence_error.c_str());
    }
  }
}

}  // namespace

const std::vector<std::string>& hit_table_header() {
  static const std::vector<std::string> kHeader = {"time", "ip", "port", "method", "status", "host", "url", "source"};
  return kHeader;
}

std::vector<std::string> hit_table_cells(const Hit& h) {
  HitFields f = fields_of(h);
  return {f.time, f.has_ip ? f.ip : "-", f.has_port ? f.port : "-", f.method, f.has_status ? f.status : "-",
          f.has_host ? f.host : "-", f.url, f.path + ":" + f.line};
}

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "jsonl" || name == "json") return OutputFormat::kJsonl;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "table") return OutputFormat::kTable;
  return std::nullopt;
}

void write_all(FILE* out, std::string_view bytes) { std::fwrite(bytes.data(), 1, bytes.size(), out); }

std::string csv_row(const std::vector<std::string>& fields) {
  std::string row;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) row.push_back(',');
    row += csv_field(fields[i]);
  }
  row.push_back('\n');
  return row;
}

const std::vector<std::string>& hit_csv_header() {
  static const std::vector<std::string> kHeader = {
      "time", "time_utc", "ip", "port", "method", "url", "host", "status", "source_path", "source_sha256",
      "source_line", "source_offset", "raw", "evidence_error"};
  return kHeader;
}

std::vector<std::string> hit_csv_values(const Hit& h) {
  HitFields f = fields_of(h);
  return {f.time, f.time_utc, f.ip, f.port, f.method, f.url, f.host,
          f.status, f.path, f.sha256, f.line, f.offset, f.raw, h.evidence_error};
}

namespace {

std::string_view offset_source_name(OffsetSource s) {
  switch (s) {
    case OffsetSource::kLogged: return "logged";
    case OffsetSource::kZone: return "zone";
    case OffsetSource::kAmbiguous: return "ambiguous";
    case OffsetSource::kNonexistent: return "nonexistent";
  }
  return "?";
}

std::string_view precision_name(TimePrecision p) {
  switch (p) {
    case TimePrecision::kSecond: return "s";
    case TimePrecision::kMilli: return "ms";
    case TimePrecision::kMicro: return "us";
    case TimePrecision::kMinute: return "min";
  }
  return "?";
}

// A JSON number of seconds with up to microsecond digits.
void seconds_value(JsonWriter& w, int64_t us) {
  if (us % 1'000'000 == 0) {
    w.value(us / 1'000'000);
  } else {
    w.value(static_cast<double>(us) / 1e6);
  }
}

}  // namespace

void write_hit_json(JsonWriter& w, const Hit& h, bool ranked) {
  HitFields f = fields_of(h);
  const StoredRecord& r = h.record;
  w.begin_object();
  w.field("time", f.time).field("time_utc", f.time_utc);
  w.key("ip");
  f.has_ip ? w.value(f.ip) : w.null();
  w.key("port");
  f.has_port ? w.value(static_cast<int64_t>(r.client_port)) : w.null();
  w.field("method", f.method).field("url", f.url);
  w.key("host");
  f.has_host ? w.value(f.host) : w.null();
  w.key("status");
  f.has_status ? w.value(static_cast<int64_t>(r.status)) : w.null();
  w.key("source").begin_object();
  w.field("path", f.path).field("sha256", f.sha256);
  // A source read only up to damage: a gzip member or zstd frame is checked
  // at its end, so lines before a failed check were not verified.
  if (h.source && !h.source->error.empty()) w.field("damage", h.source->error);
  w.field("line", r.source.line).key("offset");
  r.offset_exact() ? w.value(r.source.offset) : w.null();  // unknown without evidence
  w.field("format", h.source ? h.source->format : "");
  if (h.source && !h.source->format_note.empty()) w.field("format_note", h.source->format_note);
  w.end_object();
  if (h.evidence_error.empty()) {
    w.field("raw", f.raw);
    if (!is_valid_utf8(f.raw)) w.field("raw_base64", base64_encode(f.raw));
  } else {
    w.key("raw").null();
    w.field("evidence_error", h.evidence_error);
  }
  w.field("user_agent", r.user_agent);
  w.field("time_offset", offset_source_name(r.time.offset_source));
  w.field("time_precision", precision_name(r.time.precision));
  w.field("time_meaning", r.time_meaning == TimeMeaning::kLogWrite ? "log_write" : "request_start");
  w.key("duration_s");
  r.duration_us >= 0 ? seconds_value(w, r.duration_us) : void(w.null());
  if (ranked) {
    w.key("distance_s");
    seconds_value(w, h.distance_us);
    w.key("offset_s");
    seconds_value(w, h.offset_us);
    w.key("widened_by_s");
    seconds_value(w, std::max<int64_t>(0, std::llabs(h.offset_us) - h.distance_us));
  }
  w.end_object();
}

std::string hit_to_json(const Hit& h, bool ranked) {
  JsonWriter w;
  write_hit_json(w, h, ranked);
  return w.take();
}

void write_hits(FILE* out, const std::vector<Hit>& hits, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJsonl:
      for (const Hit& h : hits) {
        write_all(out, hit_to_json(h) + "\n");
      }
      return;
    case OutputFormat::kCsv:
      write_all(out, csv_row(hit_csv_header()));
      for (const Hit& h : hits) write_all(out, csv_row(hit_csv_values(h)));
      return;
    case OutputFormat::kTable:
      write_table(out, hits);
      return;
  }
}

std::string write_address_answer(FILE* out, FILE* note, const AddressAnswer& a, const AddressQuery& q,
                                 OutputFormat format) {
  write_hits(out, a.hits, format);
  const uint64_t shown = a.hits.size();
  const bool partial = a.offset > 0 || a.offset + shown < a.total;
  if (!partial && q.evidence) return "";
  const uint64_t next = a.offset + shown;
  std::string text = std::to_string(a.total) + " matches; shown " +
                     (shown == 0 ? "none" : std::to_string(a.offset + 1) + "-" + std::to_string(next)) +
                     (q.evidence ? ", each line read back from its source and re-verified"
                                 : ", as indexed: lines not read back from the sources (--no-evidence)");
  if (next < a.total) text += "; next page: --offset " + std::to_string(next) + ", all: --limit 0";
  switch (format) {
    case OutputFormat::kJsonl: {
      JsonWriter w;
      w.begin_object().key("summary").begin_object();
      w.field("total_matches", a.total).field("offset", a.offset).field("shown", shown);
      w.field("limit", q.limit).field("evidence", q.evidence);
      next < a.total ? w.field("next_offset", next) : (w.key("next_offset"), w.null());
      w.field("text", text).end_object().end_object();
      write_all(out, w.str() + "\n");
      break;
    }
    case OutputFormat::kTable: std::fprintf(out, "%s\n", text.c_str()); break;
    case OutputFormat::kCsv: std::fprintf(note, "%s\n", text.c_str()); break;
  }
  return text;
}

}  // namespace alcor
