// alcor index --index DIR [--format SPEC] [--server apache|nginx] [--config FILE] [--tz ZONE] [--host HOST] [--trusted-proxy CIDR] PATH...
#include <date/tz.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>

#include "engine/cli_common.h"
#include "engine/ingest.h"
#include "engine/progress_line.h"
#include "parsers/forwarded_client.h"

namespace alcor {
namespace {

constexpr std::string_view kCommand = "index";
constexpr std::string_view kSynopsis =
    "alcor index --index DIR [--format SPEC] [--server apache|nginx] [--config FILE] [--tz ZONE] [--host HOST]\n"
    "                   [--trusted-proxy CIDR] [--threads N] [--segment-mb MB] [--progress|--no-progress] PATH...";

// Every chunk allocates and frees the same few buffers again (its text, the
// block's tables, the compressed frames). By default glibc hands blocks over
// 128 KiB back to the kernel when freed and trims the heap once 128 KiB at
// its top are free, so each chunk page-faults that memory in anew and each
// munmap interrupts the other workers. Freed memory kept for reuse instead
// costs a few MiB of peak RSS, still bounded by the threads
// (bench/RESULTS.md, session 9: 3.8% less wall time on zstd archives).
void keep_freed_memory_for_reuse() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

// The short name of a format for the summary.
std::string format_name(const std::string& definition) { return format_short_name(definition); }

std::string rejected_text(const std::map<std::string, uint64_t>& rejected) {
  std::string out;
  for (const auto& [reason, n] : rejected) {
    out += out.empty() ? "" : ", ";
    out += reason + " " + std::to_string(n);
  }
  return out;
}

bool show_progress(const po::variables_map& vm) {
  if (vm.count("no-progress")) return false;
  return vm.count("progress") > 0 || ::isatty(STDERR_FILENO);
}

void print_report(const FileReport& r) {
  static constexpr const char* kLabel[] = {"indexed", "damaged", "skipped", "FAILED", "moved"};
  std::string detail;
  switch (r.outcome) {
    case FileOutcome::kIndexed:
    case FileOutcome::kDamaged:
      detail = " (" + r.compression + ", " + format_name(r.format) + "): " + std::to_string(r.lines) + " lines, " +
               std::to_string(r.records) + " indexed";
      if (!r.rejected.empty()) detail += ", rejected: " + rejected_text(r.rejected);
      if (!r.reason.empty()) detail += "; " + r.reason;
      if (!r.note.empty()) detail += "; " + r.note;
      break;
    case FileOutcome::kSkipped:
    case FileOutcome::kFailed:
    case FileOutcome::kMoved:
      detail = ": " + r.reason;
      break;
  }
  std::fprintf(stderr, "  %-8s %s%s\n", kLabel[static_cast<int>(r.outcome)], r.path.c_str(), detail.c_str());
}

}  // namespace

int cmd_index(const Args& args) {
  IngestOptions options;
  std::string index_dir;
  uint64_t segment_mb = 256;
  std::vector<std::string> paths;
  std::vector<std::string> trusted_proxies;
  po::options_description desc("options");
  desc.add_options()
      ("index", po::value(&index_dir)->required(), "index directory (created if missing)")
      ("format", po::value(&options.format)->default_value("auto"),
       "log format: auto, a nickname or preset (combined, combined_port, nginx_combined, caddy, traefik, "
       "haproxy_httplog, aws_elb, w3c, ...), an Apache LogFormat or nginx log_format string or directive, "
       "json:key=path,..., or a config file (PATH or PATH:NAME)")
      ("tz", po::value(&options.parse.tz), "IANA time zone for logs whose times carry no offset")
      ("server", po::value(&options.parse.server),
       "apache or nginx: which server wrote lines both write alike (combined), for --format auto; default: "
       "from the file's path (/nginx/, /apache2/, /httpd/), else Apache, said in the summary")
      ("host", po::value(&options.parse.default_host), "virtual host for logs that do not record one")
      ("trusted-proxy", po::value(&trusted_proxies),
       "CIDR (or comma-separated CIDRs) of reverse proxies whose X-Forwarded-For / Forwarded names the client; repeatable")
      ("config", po::value(&options.parse.config_files),
       "httpd.conf / nginx.conf whose LogFormat / log_format names --format may use (repeatable)")
      ("threads", po::value(&options.threads)->default_value(0), "worker threads (0: one per core)")
      ("segment-mb", po::value(&segment_mb)->default_value(256),
       "commit the index each time this many MB of it have been written; a crash loses at most that much "
       "work (0: after every file)")
      ("progress", "show a progress line on stderr (default: when stderr is a terminal)")
      ("no-progress", "never show a progress line")
      ("path", po::value(&paths)->required(), "log files or directories; - for standard input");
  po::positional_options_description positional;
  positional.add("path", -1);
  po::variables_map vm;
  if (auto code = parse_command_line(kCommand, kSynopsis, args, desc, positional, &vm)) return *code;

  if (!options.parse.tz.empty()) {
    try {
      date::locate_zone(options.parse.tz);
    } catch (const std::exception&) {
      return fail(kCommand, "--tz: unknown time zone '" + options.parse.tz + "' (use an IANA name such as Asia/Tokyo)",
                  kExitUsage);
    }
  }
  if (!options.parse.server.empty() && options.parse.server != "apache" && options.parse.server != "nginx") {
    return fail(kCommand, "--server: '" + options.parse.server + "' is neither apache nor nginx", kExitUsage);
  }
  if (std::string error; !parse_trusted_proxies(trusted_proxies, &options.parse.trusted_proxies, &error)) {
    return fail(kCommand, error, kExitUsage);
  }
  if (options.format != "auto") {
    std::string error;
    if (!make_parser(options.format, options.parse, &error)) return fail(kCommand, "--format: " + error, kExitUsage);
  }

  std::vector<FileReport> reports;
  std::vector<std::string> inputs = expand_inputs(paths, &reports);
  keep_freed_memory_for_reuse();
  auto started = std::chrono::steady_clock::now();
  try {
    IndexWriter::Options writer_options;
    writer_options.segment_target_bytes = segment_mb << 20;
    IndexWriter writer(index_dir, writer_options);
    IngestProgress progress;
    std::optional<ProgressLine> line;
    if (show_progress(vm)) line.emplace(progress, inputs);
    std::vector<FileReport> indexed = ingest(writer, inputs, options, &progress);
    writer.commit();
    line.reset();
    reports.insert(reports.end(), std::make_move_iterator(indexed.begin()), std::make_move_iterator(indexed.end()));
  } catch (const IndexError& e) {
    return fail(kCommand, std::string(e.what()) + " (nothing of this run after the last commit was kept)", kExitIndex);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  size_t counts[5] = {};
  uint64_t lines = 0, records = 0, decoded = 0;
  std::map<std::string, uint64_t> rejected;
  for (const auto& r : reports) {
    ++counts[static_cast<int>(r.outcome)];
    if (r.outcome == FileOutcome::kIndexed || r.outcome == FileOutcome::kDamaged) {
      lines += r.lines;
      records += r.records;
      decoded += r.text_bytes;
      for (const auto& [reason, n] : r.rejected) rejected[reason] += n;
    }
  }
  std::fprintf(stderr, "alcor index: %zu files: %zu indexed, %zu damaged, %zu skipped, %zu failed%s\n",
               reports.size(), counts[0], counts[1], counts[2], counts[3],
               counts[4] > 0 ? (", " + std::to_string(counts[4]) + " moved (re-attached by SHA-256)").c_str() : "");
  // Every file is listed while the list stays readable; past that only the
  // ones with something to say (failures, damage, skips, rejected lines).
  constexpr size_t kListAll = 40;
  size_t quiet = 0;
  for (const auto& r : reports) {
    bool clean = r.outcome == FileOutcome::kIndexed && r.rejected.empty();
    if (reports.size() > kListAll && clean) {
      ++quiet;
    } else {
      print_report(r);
    }
  }
  if (quiet > 0) std::fprintf(stderr, "  (and %zu more files indexed with every line parsed)\n", quiet);
  std::fprintf(stderr, "lines: %llu read, %llu indexed, %llu rejected%s\n", static_cast<unsigned long long>(lines),
               static_cast<unsigned long long>(records), static_cast<unsigned long long>(lines - records),
               rejected.empty() ? "" : (" (" + rejected_text(rejected) + ")").c_str());
  std::fprintf(stderr, "time: %.2f s, %.1f MB/s of log text; 'alcor stats --index %s' shows the whole index\n",
               seconds, seconds > 0 ? decoded / seconds / 1e6 : 0.0, index_dir.c_str());
  return counts[1] + counts[3] > 0 ? kExitInput : kExitOk;
}

}  // namespace alcor
