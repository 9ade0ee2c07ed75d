#include "engine/evidence.h"

#include <sys/stat.h>

#include <algorithm>

#include "engine/query.h"
#include "index/bloom_filter.h"
#include "parsers/format_registry.h"
#include "parsers/source_reader.h"
#include "parsers/url.h"

namespace alcor {
namespace {

// Reads the lines starting at `offsets` (ascending) of a source by decoding
// it from the start. Returns false and sets *error when the source cannot be
// read as it was indexed.
bool read_lines_sequentially(const SourceEntry& s, const std::vector<uint64_t>& offsets,
                             std::map<uint64_t, std::string>* lines, std::string* error) {
  struct stat st;
  if (::stat(s.path.c_str(), &st) != 0) {
    *error = "source " + s.path + " is not there any more (moved or deleted since it was indexed)";
    return false;
  }
  if (static_cast<uint64_t>(st.st_size) != s.size || st.st_mtim.tv_sec != s.mtime_s) {
    *error = "source " + s.path + " changed since it was indexed (size or modification time differ)";
    return false;
  }
  std::unique_ptr<SourceReader> reader = SourceReader::open(s.path, error);
  if (!reader) return false;
  std::string buf;
  uint64_t buf_start = 0;  // stream offset of buf[0]
  char block[1 << 16];
  size_t next = 0;
  while (next < offsets.size()) {
    // Drop what lies before the next wanted offset, keep the rest.
    uint64_t want = offsets[next];
    if (want > buf_start) {
      size_t drop = static_cast<size_t>(std::min<uint64_t>(want - buf_start, buf.size()));
      buf.erase(0, drop);
      buf_start += drop;
    }
    if (buf_start == want) {
      size_t nl = buf.find('\n');
      if (nl != std::string::npos) {
        std::string line = buf.substr(0, nl);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        (*lines)[want] = std::move(line);
        ++next;
        continue;
      }
    }
    size_t n = reader->read(block, sizeof block);
    if (n == 0) {
      if (buf_start == want && !buf.empty()) {  // last line without '\n'
        (*lines)[want] = buf;
        ++next;
        continue;
      }
      *error = "source " + s.path + " ends before offset " + std::to_string(want) +
               (reader->error().empty() ? "" : ": " + reader->error());
      return false;
    }
    buf.append(block, n);
  }
  return true;
}

}  // namespace

LineParser* EvidenceReader::parser_for(const SourceEntry& s, std::string* error) {
  auto it = parsers_.find(s.id);
  if (it == parsers_.end()) {
    it = parsers_.emplace(s.id, make_parser(s.format, ParseOptions{s.tz, s.host}, error)).first;
  }
  return it->second.get();
}

void EvidenceReader::fill(std::vector<Hit>& hits) {
  std::map<uint32_t, std::vector<Hit*>> by_source;
  for (Hit& h : hits) by_source[h.record.source.source_id].push_back(&h);

  for (auto& [id, source_hits] : by_source) {
    const SourceEntry* s = manifest_.find_id(id);
    auto fail_all = [&](const std::string& why) {
      for (Hit* h : source_hits) h->evidence_error = why;
    };
    if (s == nullptr) {
      fail_all("source " + std::to_string(id) + " is not in the manifest");
      continue;
    }
    std::string error;
    if (!s->lines_kept) {
      std::vector<uint64_t> offsets;
      for (Hit* h : source_hits) offsets.push_back(h->record.source.offset);
      std::sort(offsets.begin(), offsets.end());
      offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
      std::map<uint64_t, std::string> lines;
      if (!read_lines_sequentially(*s, offsets, &lines, &error)) {
        fail_all(error);
        continue;
      }
      for (Hit* h : source_hits) h->record.raw = lines[h->record.source.offset];
    }
    LineParser* parser = parser_for(*s, &error);
    if (parser == nullptr) {
      fail_all("cannot rebuild the format of " + s->path + ": " + error);
      continue;
    }
    for (Hit* h : source_hits) {
      StoredRecord& r = h->record;
      LogRecord parsed;
      RejectReason why = parser->parse(r.raw, &parsed);
      CanonicalUrl url = canonicalize_target(parsed.target);
      bool agrees = why == RejectReason::kNone && parsed.time.utc_us == r.time.utc_us &&
                    parsed.client_kind == r.client_kind &&
                    (r.client_kind != ClientKind::kAddress || parsed.client == r.client) &&
                    parsed.client_port == r.client_port && url_path_key(url.path_query) == r.url_key;
      if (!agrees) {
        h->evidence_error = "line " + std::to_string(r.source.line) + " of " + s->path +
                            " no longer says what was indexed (the file was changed)";
        continue;
      }
      r.target = std::string(parsed.target);
      r.protocol = std::string(parsed.protocol);
      r.response_bytes = parsed.response_bytes;
      r.referer = std::string(parsed.referer);
      r.user_agent = std::string(parsed.user_agent);
    }
  }
}

}  // namespace alcor
