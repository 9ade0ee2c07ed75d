#include "engine/ingest.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <memory>

#include "parsers/line_splitter.h"
#include "parsers/source_reader.h"

namespace alcor {
namespace fs = std::filesystem;
namespace {

using RejectCounts = std::array<uint64_t, static_cast<size_t>(RejectReason::kCount_)>;

std::map<std::string, uint64_t> name_counts(const RejectCounts& counts) {
  std::map<std::string, uint64_t> out;
  for (size_t i = 1; i < counts.size(); ++i) {
    if (counts[i] > 0) out[std::string(reject_reason_name(static_cast<RejectReason>(i)))] = counts[i];
  }
  return out;
}

// Resolves the parser for a file: the explicit --format, or the candidate
// that parses the most of the first chunk's lines.
std::unique_ptr<LineParser> choose_parser(const IngestOptions& options, const TextChunk& first, std::string* why) {
  if (options.format != "auto") return make_parser(options.format, options.parse, why);
  std::vector<std::string_view> sample;
  for_each_line(first, [&](const Line& line) {
    if (sample.size() < options.detect_sample_lines && !line.text.empty() && !line.too_long) {
      sample.push_back(line.text);
    }
  });
  Detection d = detect_format(sample, options.parse);
  if (!d.parser) {
    *why = "no supported format parses this file (best: " + (d.name.empty() ? std::string("none") : d.name) +
           ", " + std::to_string(d.parsed) + " of " + std::to_string(d.sampled) +
           " sample lines); give --format";
  }
  return std::move(d.parser);
}

std::string absolute_path(const std::string& path) {
  if (path == "-") return path;
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

}  // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& args, std::vector<FileReport>* failed) {
  std::vector<std::string> out;
  for (const auto& arg : args) {
    if (arg == "-") {
      out.push_back(arg);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      FileReport r;
      r.path = arg;
      r.outcome = FileOutcome::kFailed;
      r.reason = "no such file or directory";
      failed->push_back(std::move(r));
      continue;
    }
    if (!fs::is_directory(st)) {
      out.push_back(arg);
      continue;
    }
    std::vector<std::string> found;
    // Directory symlinks are not followed, so a symlink loop cannot recurse.
    for (fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      std::error_code sec;
      if (fs::is_regular_file(it->path(), sec)) found.push_back(it->path().string());
    }
    if (ec) {
      FileReport r;
      r.path = arg;
      r.outcome = FileOutcome::kFailed;
      r.reason = "cannot list directory: " + ec.message();
      failed->push_back(std::move(r));
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

FileReport ingest_file(IndexWriter& writer, const std::string& path, const IngestOptions& options) {
  FileReport report;
  report.path = absolute_path(path);

  std::string error;
  std::unique_ptr<SourceReader> src = SourceReader::open(path, &error);
  if (!src) {
    report.outcome = FileOutcome::kFailed;
    report.reason = error;
    return report;
  }
  report.compression = std::string(compression_name(src->compression()));

  SourceEntry entry;
  entry.id = writer.begin_source();
  entry.path = report.path;
  entry.compression = report.compression;
  if (path != "-") {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) entry.mtime_s = st.st_mtim.tv_sec;
  }

  ChunkReader chunks(*src, options.chunk_bytes, options.max_line_bytes);
  std::unique_ptr<LineParser> parser;
  RejectCounts rejected{};
  LogRecord record;
  TextChunk chunk;
  std::string_view last_host;
  TimeSpan* last_span = nullptr;  // span of last_host, to skip most map lookups

  while (chunks.next(&chunk)) {
    if (!parser) {
      parser = choose_parser(options, chunk, &error);
      if (!parser) {
        writer.discard_source();
        report.outcome = FileOutcome::kFailed;
        report.reason = error;
        return report;
      }
      report.format = parser->definition();
    }
    report.decoded_bytes += chunk.data.size();
    for_each_line(chunk, [&](const Line& line) {
      ++report.lines;
      RejectReason why = line.too_long ? RejectReason::kTooLong : parser->parse(line.text, &record);
      if (why != RejectReason::kNone) {
        ++rejected[static_cast<size_t>(why)];
        return;
      }
      writer.add(record, Provenance{entry.id, line.number, line.offset}, line.text);
      ++report.records;
      entry.span.add(record.time.utc_us);
      if (last_span == nullptr || record.host != last_host) {
        auto it = entry.hosts.find(record.host);
        if (it == entry.hosts.end()) it = entry.hosts.emplace(std::string(record.host), TimeSpan{}).first;
        last_span = &it->second;
        last_host = it->first;
      }
      last_span->add(record.time.utc_us);
    });
  }

  report.stored_bytes = src->stored_bytes();
  report.rejected = name_counts(rejected);
  std::string sha = to_hex(src->sha256());
  if (const SourceEntry* same = writer.find_sha256(sha)) {
    writer.discard_source();
    report.outcome = FileOutcome::kSkipped;
    report.reason = "already indexed (same SHA-256 as " + same->path + ")";
    return report;
  }
  if (!src->error().empty()) {
    report.outcome = FileOutcome::kDamaged;
    report.reason = src->error();
  } else if (report.lines == 0) {
    report.reason = "empty file";
  }
  entry.sha256 = sha;
  entry.size = src->stored_bytes();
  entry.format = report.format;
  entry.error = src->error();
  entry.lines = report.lines;
  entry.rejected = report.rejected;
  entry.indexed_at_s = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count();
  writer.end_source(std::move(entry));
  return report;
}

}  // namespace alcor
