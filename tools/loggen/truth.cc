#include "tools/loggen/truth.h"

#include "index/json_writer.h"
#include "tools/loggen/civil_time.h"

namespace alcor::loggen {
namespace {

std::string_view client_kind_name(ClientKind k) {
  switch (k) {
    case ClientKind::kIpv4: return "ipv4";
    case ClientKind::kIpv6: return "ipv6";
    case ClientKind::kCgnat: return "cgnat";
    case ClientKind::kMappedIpv4: return "mapped_ipv4";
  }
  return "?";
}

void write_line_fields(JsonWriter& j, const PlantedLine& l, int32_t utc_offset_s) {
  const Request& r = l.request;
  j.field("time_utc", format_rfc3339_utc(r.start_time))
      .field("time_local", format_rfc3339_local(r.start_time, utc_offset_s))
      .field("epoch", r.start_time)
      .field("ip", r.client_ip)
      .field("port", uint64_t{r.client_port})
      .field("method", r.method)
      .field("file", l.placement.file)
      .field("line", l.placement.line);
}

void write_counts(JsonWriter& j, const FileStats& s) {
  j.field("lines", s.lines).field("planted_lines", s.planted_lines);
  uint64_t junk_total = 0;
  j.key("junk").begin_object();
  for (JunkKind k : kAllJunkKinds) {
    j.field(junk_kind_name(k), s.junk[static_cast<size_t>(k)]);
    junk_total += s.junk[static_cast<size_t>(k)];
  }
  j.field("total", junk_total).end_object();
  j.field("bytes_uncompressed", s.bytes_uncompressed).field("bytes_written", s.bytes_written);
}

}  // namespace

std::string truth_json_lines(const PlantingPlan& plan, int32_t utc_offset_s) {
  std::string out;
  for (const Plant& p : plan.plants()) {
    JsonWriter j;
    const std::string scheme = p.site->port == 443 ? "https://" : "http://";
    j.begin_object()
        .field("id", uint64_t{p.id})
        .field("host", p.site->host)
        .field("url", scheme + p.site->host + p.target)
        .field("path_and_query", p.target)
        .field("status", uint64_t{p.posting.request.status})
        .field("client_kind", client_kind_name(p.client_kind));
    write_line_fields(j, p.posting, utc_offset_s);
    j.key("decoys").begin_array();
    for (const PlantedLine& d : p.decoys) {
      j.begin_object().field("offset_s", d.request.start_time - p.posting.request.start_time);
      write_line_fields(j, d, utc_offset_s);
      j.end_object();
    }
    j.end_array().end_object();
    out += j.take();
    out += '\n';
  }
  return out;
}

std::string summary_json(const Options& o, uint64_t background_lines, const std::vector<FileStats>& files) {
  FileStats total;
  for (const FileStats& f : files) {
    total.lines += f.lines;
    total.planted_lines += f.planted_lines;
    for (size_t k = 0; k < total.junk.size(); ++k) total.junk[k] += f.junk[k];
    total.bytes_uncompressed += f.bytes_uncompressed;
    total.bytes_written += f.bytes_written;
  }
  JsonWriter j;
  j.begin_object()
      .field("seed", o.seed)
      .field("format", log_format_name(o.format))
      .field("start_utc", format_rfc3339_utc(o.start))
      .field("end_utc", format_rfc3339_utc(o.start + o.span_seconds))
      .field("utc_offset", format_rfc3339_local(o.start, o.utc_offset_s).substr(19))
      .field("background_lines", background_lines)
      .field("plants", uint64_t{o.plants});
  write_counts(j, total);
  j.key("files").begin_array();
  for (const FileStats& f : files) {
    j.begin_object().field("file", f.name).field("compression", compression_name(f.compression));
    write_counts(j, f);
    j.end_object();
  }
  j.end_array().end_object();
  return j.take() + '\n';
}

}  // namespace alcor::loggen
