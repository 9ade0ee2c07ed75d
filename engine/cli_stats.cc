// alcor stats --index DIR [--output text|json] [--sizes]
#include <cstdio>
#include <filesystem>

#include "engine/cli_common.h"
#include "index/index_reader.h"
#include "parsers/format_registry.h"
#include "parsers/timestamp.h"

namespace alcor {
namespace {

constexpr std::string_view kCommand = "stats";
constexpr std::string_view kSynopsis = "alcor stats --index DIR [--output text|json] [--sizes]";

std::string utc(int64_t us) {
  Timestamp t;
  t.utc_us = us;
  return format_rfc3339_utc(t);
}

std::string span_text(const TimeSpan& s) {
  if (s.records == 0) return "no records";
  return utc(s.min_us) + " .. " + utc(s.max_us) + " (" + std::to_string(s.records) + " records)";
}

// Where the index's bytes go: each field column (decodes every block), the
// filters, the segment directories and the access sidecars.
void print_sizes(const IndexReader& index, uint64_t index_bytes) {
  std::vector<ColumnSize> columns;
  uint64_t frames = 0, url_filters = 0, address_sets = 0, lines = 0, estimated = 0;
  for (const SegmentReader& seg : index.segments()) {
    for (size_t i = 0; i < seg.blocks().size(); ++i) {
      const BlockRef& b = seg.blocks()[i];
      seg.check_block(i);
      std::vector<ColumnSize> sizes =
          block_column_sizes(b.fields, b.fields_raw_size, "segment " + seg.name() + " block " + std::to_string(i), 3);
      if (columns.empty()) columns = sizes;
      else
        for (size_t c = 0; c < sizes.size(); ++c) {
          columns[c].raw += sizes[c].raw;
          columns[c].compressed += sizes[c].compressed;
        }
      frames += b.fields.size();
      url_filters += b.url_filter.size();
      address_sets += b.addresses.size();
      lines += b.lines.size();
    }
  }
  for (const ColumnSize& c : columns) estimated += c.compressed;
  uint64_t access = 0;
  for (const SourceEntry& s : index.manifest().sources) {
    std::error_code ec;
    uint64_t n = std::filesystem::file_size(access_index_path(index.dir(), s.id), ec);
    if (!ec) access += n;
  }
  const double total = static_cast<double>(index_bytes + access);
  auto line = [&](const char* what, uint64_t bytes) {
    std::printf("  %-28s %10.2f MB %5.1f%%\n", what, bytes / 1e6, total > 0 ? 100.0 * bytes / total : 0.0);
  };
  std::printf("sizes (%.2f MB: segments %.2f MB, access sidecars %.2f MB):\n", total / 1e6, index_bytes / 1e6,
              access / 1e6);
  line("field frames (zstd)", frames);
  for (const ColumnSize& c : columns) {
    // Each column's share of the frames, apportioned by its size compressed alone.
    uint64_t share = estimated > 0 ? frames * c.compressed / estimated : 0;
    std::printf("    %-26s %10.2f MB %5.1f%%  (encoded %.2f MB, alone %.2f MB)\n", std::string(c.name).c_str(),
                share / 1e6, total > 0 ? 100.0 * share / total : 0.0, c.raw / 1e6, c.compressed / 1e6);
  }
  line("URL filters", url_filters);
  line("address sets", address_sets);
  line("kept lines (zstd)", lines);
  line("directories and headers", index_bytes - frames - url_filters - address_sets - lines);
  line("access sidecars", access);
}

}  // namespace

int cmd_stats(const Args& args) {
  std::string index_dir, output = "text";
  bool sizes = false;
  po::options_description desc("options");
  desc.add_options()
      ("index", po::value(&index_dir)->required(), "index directory")
      ("output", po::value(&output)->default_value("text"), "text or json (the manifest)")
      ("sizes", po::bool_switch(&sizes), "where the index's bytes go, column by column (reads every block)");
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
    // (format, what detection assumed) -> files: an assumed client port
    // must be visible before anyone answers from these sources.
    std::map<std::pair<std::string, std::string>, size_t> formats;
    for (const auto& s : m.sources) {
      ++formats[{format_short_name(s.format), s.format_note}];
      lines += s.lines;
      records += s.span.records;
      stored += s.size;
      for (const auto& [reason, n] : s.rejected) rejected[reason] += n;
      for (const auto& [host, span] : s.hosts) hosts[host].merge(span);
      all.merge(s.span);
      damaged += !s.error.empty();
    }
    for (const auto& seg : m.segments) index_bytes += seg.bytes;
    uint64_t fields = 0, lines_kept = 0, url_filters = 0, address_sets = 0, blocks = 0;
    for (const SegmentReader& seg : index.segments()) {
      for (const BlockRef& b : seg.blocks()) {
        fields += b.fields.size();
        lines_kept += b.lines.size();
        url_filters += b.url_filter.size();
        address_sets += b.addresses.size();
        ++blocks;
      }
    }
    std::printf("index %s (id %s, generation %llu)\n", index_dir.c_str(), m.index_id.c_str(),
                static_cast<unsigned long long>(m.generation));
    std::printf("sources: %zu files (%zu damaged), %.1f MB as stored\n", m.sources.size(), damaged, stored / 1e6);
    std::printf("segments: %zu, %.1f MB in %llu blocks: fields %.1f MB, URL filters %.1f MB, address sets %.1f MB, "
                "kept lines %.1f MB\n",
                m.segments.size(), index_bytes / 1e6, static_cast<unsigned long long>(blocks), fields / 1e6,
                url_filters / 1e6, address_sets / 1e6, lines_kept / 1e6);
    std::printf("lines: %llu, indexed %llu, rejected %llu\n", static_cast<unsigned long long>(lines),
                static_cast<unsigned long long>(records), static_cast<unsigned long long>(lines - records));
    for (const auto& [reason, n] : rejected) std::printf("  rejected %-14s %llu\n", reason.c_str(), static_cast<unsigned long long>(n));
    std::printf("formats:\n");
    for (const auto& [format, files] : formats) {
      std::printf("  %-30s %zu files%s%s\n", format.first.c_str(), files, format.second.empty() ? "" : "; detected, assuming: ",
                  format.second.c_str());
    }
    std::printf("time span: %s\n", span_text(all).c_str());
    std::printf("per host:\n");
    for (const auto& [host, span] : hosts) {
      std::printf("  %-30s %s\n", host.empty() ? "(no host logged)" : host.c_str(), span_text(span).c_str());
    }
    if (sizes) print_sizes(index, index_bytes);
  } catch (const IndexError& e) {
    return fail(kCommand, e.what(), kExitIndex);
  }
  return kExitOk;
}

}  // namespace alcor
