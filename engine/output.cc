#include "engine/output.h"

#include <algorithm>

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

void write_table(FILE* out, const std::vector<Hit>& hits) {
  if (hits.empty()) {
    std::fputs("no match\n", out);
    return;
  }
  const char* headers[] = {"time", "ip", "port", "method", "status", "host", "url", "source"};
  std::vector<std::vector<std::string>> rows;
  for (const Hit& h : hits) {
    HitFields f = fields_of(h);
    rows.push_back({f.time, f.has_ip ? f.ip : "-", f.has_port ? f.port : "-", f.method,
                    f.has_status ? f.status : "-", f.has_host ? f.host : "-", f.url,
                    f.path + ":" + f.line});
  }
  std::vector<size_t> width(std::size(headers));
  for (size_t c = 0; c < width.size(); ++c) {
    width[c] = std::string_view(headers[c]).size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  auto print_row = [&](auto get) {
    for (size_t c = 0; c < width.size(); ++c) {
      std::string cell = get(c);
      if (c + 1 == width.size()) {
        std::fprintf(out, "%s\n", cell.c_str());
      } else {
        std::fprintf(out, "%-*s  ", static_cast<int>(width[c]), cell.c_str());
      }
    }
  };
  print_row([&](size_t c) { return std::string(headers[c]); });
  for (const auto& row : rows) print_row([&](size_t c) { return row[c]; });
  for (const Hit& h : hits) {
    if (!h.evidence_error.empty()) {
      std::fprintf(out, "warning: no evidence line for %s line %llu: %s\n", h.source ? h.source->path.c_str() : "?",
                   static_cast<unsigned long long>(h.record.source.line), h.evidence_error.c_str());
    }
  }
}

}  // namespace

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "jsonl" || name == "json") return OutputFormat::kJsonl;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "table") return OutputFormat::kTable;
  return std::nullopt;
}

std::string hit_to_json(const Hit& h) {
  HitFields f = fields_of(h);
  JsonWriter w;
  w.begin_object();
  w.field("time", f.time).field("time_utc", f.time_utc);
  w.key("ip");
  f.has_ip ? w.value(f.ip) : w.null();
  w.key("port");
  f.has_port ? w.value(static_cast<int64_t>(h.record.client_port)) : w.null();
  w.field("method", f.method).field("url", f.url);
  w.key("host");
  f.has_host ? w.value(f.host) : w.null();
  w.key("status");
  f.has_status ? w.value(static_cast<int64_t>(h.record.status)) : w.null();
  w.key("source").begin_object();
  w.field("path", f.path).field("sha256", f.sha256);
  // A source read only up to damage: a gzip member or zstd frame is checked
  // at its end, so lines before a failed check were not verified.
  if (h.source && !h.source->error.empty()) w.field("damage", h.source->error);
  w.field("line", h.record.source.line).key("offset");
  h.record.offset_exact() ? w.value(h.record.source.offset) : w.null();  // unknown without evidence
  w.end_object();
  if (h.evidence_error.empty()) {
    w.field("raw", f.raw);
    if (!is_valid_utf8(f.raw)) w.field("raw_base64", base64_encode(f.raw));
  } else {
    w.key("raw").null();
    w.field("evidence_error", h.evidence_error);
  }
  w.end_object();
  return w.take();
}

void write_hits(FILE* out, const std::vector<Hit>& hits, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJsonl:
      for (const Hit& h : hits) {
        std::string line = hit_to_json(h);
        line.push_back('\n');
        std::fwrite(line.data(), 1, line.size(), out);
      }
      return;
    case OutputFormat::kCsv:
      std::fputs(
          "time,time_utc,ip,port,method,url,host,status,source_path,source_sha256,source_line,source_offset,raw,"
          "evidence_error\n",
          out);
      for (const Hit& h : hits) {
        HitFields f = fields_of(h);
        std::string row;
        const char* sep = "";
        for (const std::string* v : std::initializer_list<const std::string*>{&f.time, &f.time_utc, &f.ip, &f.port, &f.method, &f.url, &f.host,
                                     &f.status, &f.path, &f.sha256, &f.line, &f.offset, &f.raw,
                                     &h.evidence_error}) {
          row += sep;
          row += csv_field(*v);
          sep = ",";
        }
        row.push_back('\n');
        std::fwrite(row.data(), 1, row.size(), out);
      }
      return;
    case OutputFormat::kTable:
      write_table(out, hits);
      return;
  }
}

}  // namespace alcor
