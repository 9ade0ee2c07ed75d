// alcor stats --index DIR [--output text|json]
#include <cstdio>

#include "engine/cli_common.h"
#include "index/index_reader.h"
#include "parsers/timestamp.h"

namespace alcor {
namespace {

constexpr std::string_view kCommand = "stats";
constexpr std::string_view kSynopsis = "alcor stats --index DIR [--output text|json]";

std::string utc(int64_t us) {
  Timestamp t;
  t.utc_us = us;
  return format_rfc3339_utc(t);
}

std::string span_text(const TimeSpan& s) {
  if (s.records == 0) return "no records";
  return utc(s.min_us) + " .. " + utc(s.max_us) + " (" + std::to_string(s.records) + " records)";
}

}  // namespace

int cmd_stats(const Args& args) {
  std::string index_dir, output = "text";
  po::options_description desc("options");
  desc.add_options()
      ("index", po::value(&index_dir)->required(), "index directory")
      ("output", po::value(&output)->default_value("text"), "text or json (the manifest)");
  po::positional_options_description positional;
  po::variables_map vm;
  if (auto code = parse_command_line(kCommand, kSynopsis, args, desc, positional, &vm)) return *code;
  if (output != "text" && output != "json") return fail(kCommand, "--output: use text or json", kExitUsage);

  try {
    IndexReader index(index_dir);
    const Manifest& m = index.manifest();
    if (output == "json") {
      std::fputs(m.to_json().c_str(), stdout);
      return kExitOk;
    }
    uint64_t lines = 0, records = 0, stored = 0, index_bytes = 0;
    std::map<std::string, uint64_t> rejected;
    std::map<std::string, TimeSpan> hosts;
    TimeSpan all;
    size_t damaged = 0;
    for (const auto& s : m.sources) {
      lines += s.lines;
      records += s.span.records;
      stored += s.size;
      for (const auto& [reason, n] : s.rejected) rejected[reason] += n;
      for (const auto& [host, span] : s.hosts) hosts[host].merge(span);
      all.merge(s.span);
      damaged += !s.error.empty();
    }
    for (const auto& seg : m.segments) index_bytes += seg.bytes;
    uint64_t fields = 0, lines_kept = 0, url_filters = 0, ip_filters = 0, blocks = 0;
    for (const SegmentReader& seg : index.segments()) {
      for (const BlockRef& b : seg.blocks()) {
        fields += b.fields.size();
        lines_kept += b.lines.size();
        url_filters += b.url_filter.size();
        ip_filters += b.ip_filter.size();
        ++blocks;
      }
    }
    std::printf("index %s (id %s, generation %llu)\n", index_dir.c_str(), m.index_id.c_str(),
                static_cast<unsigned long long>(m.generation));
    std::printf("sources: %zu files (%zu damaged), %.1f MB as stored\n", m.sources.size(), damaged, stored / 1e6);
    std::printf("segments: %zu, %.1f MB in %llu blocks: fields %.1f MB, URL filters %.1f MB, address filters %.1f MB, "
                "kept lines %.1f MB\n",
                m.segments.size(), index_bytes / 1e6, static_cast<unsigned long long>(blocks), fields / 1e6,
                url_filters / 1e6, ip_filters / 1e6, lines_kept / 1e6);
    std::printf("lines: %llu, indexed %llu, rejected %llu\n", static_cast<unsigned long long>(lines),
                static_cast<unsigned long long>(records), static_cast<unsigned long long>(lines - records));
    for (const auto& [reason, n] : rejected) std::printf("  rejected %-14s %llu\n", reason.c_str(), static_cast<unsigned long long>(n));
    std::printf("time span: %s\n", span_text(all).c_str());
    std::printf("per host:\n");
    for (const auto& [host, span] : hosts) {
      std::printf("  %-30s %s\n", host.empty() ? "(no host logged)" : host.c_str(), span_text(span).c_str());
    }
  } catch (const IndexError& e) {
    return fail(kCommand, e.what(), kExitIndex);
  }
  return kExitOk;
}

}  // namespace alcor
