#include "index/manifest.h"

#include <simdjson.h>

#include <algorithm>

#include "index/json_writer.h"

namespace alcor {
namespace fs = std::filesystem;
namespace {

void write_span(JsonWriter& w, const TimeSpan& s) {
  w.begin_object();
  w.field("min_us", s.min_us).field("max_us", s.max_us).field("records", s.records);
  w.end_object();
}

TimeSpan read_span(simdjson::dom::element e) {
  TimeSpan s;
  s.min_us = int64_t(e["min_us"]);
  s.max_us = int64_t(e["max_us"]);
  s.records = uint64_t(e["records"]);
  return s;
}

std::string str(simdjson::dom::element e) { return std::string(std::string_view(e)); }

}  // namespace

void TimeSpan::merge(const TimeSpan& o) {
  if (o.records == 0) return;
  if (records == 0 || o.min_us < min_us) min_us = o.min_us;
  if (records == 0 || o.max_us > max_us) max_us = o.max_us;
  records += o.records;
}

fs::path manifest_path(const fs::path& index_dir) { return index_dir / "MANIFEST"; }
fs::path segment_dir(const fs::path& index_dir) { return index_dir / "segments"; }
fs::path access_dir(const fs::path& index_dir) { return index_dir / "access"; }
fs::path access_index_path(const fs::path& index_dir, uint32_t source_id) {
  return access_dir(index_dir) / ("src-" + std::to_string(source_id) + ".aix");
}

std::string Manifest::to_json() const {
  JsonWriter w;
  w.begin_object();
  w.field("format", "alcor-index").field("version", kVersion);
  w.field("index_id", index_id).field("generation", generation);
  w.field("next_source_id", next_source_id).field("next_segment", next_segment);
  w.key("segments").begin_array();
  for (const auto& s : segments) {
    w.begin_object();
    w.field("file", s.file).field("records", s.records).field("blocks", s.blocks).field("bytes", s.bytes);
    w.field("time_min_us", s.time_min_us).field("time_max_us", s.time_max_us);
    w.end_object();
  }
  w.end_array();
  w.key("history").begin_array();
  for (const auto& h : history) w.value(h);
  w.end_array();
  w.key("sources").begin_array();
  for (const auto& s : sources) {
    w.begin_object();
    w.field("id", s.id).field("path", s.path).field("sha256", s.sha256).field("size", s.size);
    w.field("mtime_s", s.mtime_s).field("compression", s.compression).field("format", s.format);
    if (!s.format_note.empty()) w.field("format_note", s.format_note);
    w.field("tz", s.tz).field("host", s.host).field("lines_kept", s.lines_kept);
    w.key("trusted_proxies").begin_array();
    for (const auto& p : s.trusted_proxies) w.value(p);
    w.end_array();
    w.field("error", s.error).field("lines", s.lines);
    w.key("rejected").begin_object();
    for (const auto& [reason, n] : s.rejected) w.field(reason, n);
    w.end_object();
    w.key("span");
    write_span(w, s.span);
    w.key("hosts").begin_object();
    for (const auto& [host, span] : s.hosts) {
      w.key(host);
      write_span(w, span);
    }
    w.end_object();
    w.field("segment", s.segment).field("indexed_at_s", s.indexed_at_s);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  std::string out = w.take();
  out.push_back('\n');
  return out;
}

Manifest Manifest::parse(std::string_view json, std::string_view what) {
  Manifest m;
  try {
    simdjson::dom::parser parser;
    simdjson::padded_string padded(json);
    simdjson::dom::element doc = parser.parse(padded);
    if (std::string_view(doc["format"]) != "alcor-index") throw IndexError("not an alcor manifest");
    if (uint64_t(doc["version"]) != kVersion) throw IndexError("unsupported manifest version");
    m.index_id = str(doc["index_id"]);
    m.generation = uint64_t(doc["generation"]);
    m.next_source_id = static_cast<uint32_t>(uint64_t(doc["next_source_id"]));
    m.next_segment = uint64_t(doc["next_segment"]);
    for (simdjson::dom::element e : simdjson::dom::array(doc["segments"])) {
      SegmentStats s;
      s.file = str(e["file"]);
      s.records = uint64_t(e["records"]);
      s.blocks = uint64_t(e["blocks"]);
      s.bytes = uint64_t(e["bytes"]);
      s.time_min_us = int64_t(e["time_min_us"]);
      s.time_max_us = int64_t(e["time_max_us"]);
      m.segments.push_back(std::move(s));
    }
    for (simdjson::dom::element e : simdjson::dom::array(doc["history"])) m.history.push_back(str(e));
    for (simdjson::dom::element e : simdjson::dom::array(doc["sources"])) {
      SourceEntry s;
      s.id = static_cast<uint32_t>(uint64_t(e["id"]));
      s.path = str(e["path"]);
      s.sha256 = str(e["sha256"]);
      s.size = uint64_t(e["size"]);
      s.mtime_s = int64_t(e["mtime_s"]);
      s.compression = str(e["compression"]);
      s.format = str(e["format"]);
      if (std::string_view note; !e["format_note"].get(note)) s.format_note = std::string(note);  // newer indexes only
      s.tz = str(e["tz"]);
      s.host = str(e["host"]);
      s.lines_kept = bool(e["lines_kept"]);
      for (simdjson::dom::element p : simdjson::dom::array(e["trusted_proxies"])) s.trusted_proxies.push_back(str(p));
      s.error = str(e["error"]);
      s.lines = uint64_t(e["lines"]);
      for (auto [k, v] : simdjson::dom::object(e["rejected"])) s.rejected[std::string(k)] = uint64_t(v);
      s.span = read_span(e["span"]);
      for (auto [k, v] : simdjson::dom::object(e["hosts"])) s.hosts[std::string(k)] = read_span(v);
      s.segment = str(e["segment"]);
      s.indexed_at_s = int64_t(e["indexed_at_s"]);
      m.sources.push_back(std::move(s));
    }
  } catch (const simdjson::simdjson_error& e) {
    throw IndexError("damaged " + std::string(what) + ": " + e.what());
  } catch (const IndexError& e) {
    throw IndexError("damaged " + std::string(what) + ": " + e.what());
  }
  return m;
}

const SourceEntry* Manifest::find_sha256(std::string_view hex) const {
  auto it = std::find_if(sources.begin(), sources.end(), [&](const SourceEntry& s) { return s.sha256 == hex; });
  return it == sources.end() ? nullptr : &*it;
}

const SourceEntry* Manifest::find_id(uint32_t id) const {
  auto it = std::find_if(sources.begin(), sources.end(), [&](const SourceEntry& s) { return s.id == id; });
  return it == sources.end() ? nullptr : &*it;
}

Manifest load_manifest(const fs::path& index_dir, bool* exists) {
  fs::path p = manifest_path(index_dir);
  std::error_code ec;
  *exists = fs::exists(p, ec);
  if (!*exists) return Manifest{};
  return Manifest::parse(read_whole_file(p), p.string());
}

void commit_manifest(const fs::path& index_dir, const Manifest& m) {
  // Segments and access indexes renamed into place are durable first.
  fsync_directory(segment_dir(index_dir));
  fsync_directory(access_dir(index_dir));
  atomic_replace(manifest_path(index_dir), m.to_json());
}

}  // namespace alcor
