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

// Forward-only line access to a decoded stream.
class LineCursor {
 public:
  explicit LineCursor(SourceReader& reader) : reader_(reader) {}

  uint64_t position() const { return start_ + pos_; }

  // Moves forward to stream offset `offset`; false when the stream ends first.
  bool skip_to(uint64_t offset) {
    while (start_ + buf_.size() < offset) {
      start_ += buf_.size();
      buf_.clear();
      pos_ = 0;
      if (!fill()) return false;
    }
    pos_ = static_cast<size_t>(offset - start_);
    return true;
  }

  // Reads the line at the current position (without its "\n" or "\r\n").
  bool next_line(std::string* line) {
    for (;;) {
      size_t nl = buf_.find('\n', pos_);
      if (nl != std::string::npos) {
        line->assign(buf_, pos_, nl - pos_);
        pos_ = nl + 1;
        break;
      }
      if (!fill()) {  // last line without '\n'
        if (pos_ == buf_.size()) return false;
        line->assign(buf_, pos_);
        pos_ = buf_.size();
        break;
      }
    }
    if (!line->empty() && line->back() == '\r') line->pop_back();
    return true;
  }

 private:
  // Appends decoded bytes, dropping what lies before the position.
  bool fill() {
    start_ += pos_;
    buf_.erase(0, pos_);
    pos_ = 0;
    char block[1 << 16];
    size_t n = reader_.read(block, sizeof block);
    buf_.append(block, n);
    return n > 0;
  }

  SourceReader& reader_;
  std::string buf_;
  uint64_t start_ = 0;  // stream offset of buf_[0]
  size_t pos_ = 0;
};

// Reads the raw line of every hit of source `s` (sorted by line), fixing each
// hit's exact byte offset on the way. Returns false and sets *error when the
// source cannot be read as it was indexed.
bool read_source_lines(const SourceEntry& s, const std::vector<Hit*>& hits, std::string* error) {
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
  LineCursor cursor(*reader);
  uint64_t line_no = 0;  // number of the line at the cursor; 0 before the first seek
  std::string line;
  for (Hit* h : hits) {
    StoredRecord& r = h->record;
    if (line_no == 0 || line_no > r.source.line || cursor.position() < r.source.offset) {
      if (cursor.position() > r.source.offset || !cursor.skip_to(r.source.offset)) {
        *error = "source " + s.path + " ends before offset " + std::to_string(r.source.offset) +
                 (reader->error().empty() ? "" : ": " + reader->error());
        return false;
      }
      line_no = r.offset_line;
    }
    for (;;) {
      uint64_t at = cursor.position();
      if (!cursor.next_line(&line)) {
        *error = "source " + s.path + " ends before line " + std::to_string(r.source.line) +
                 (reader->error().empty() ? "" : ": " + reader->error());
        return false;
      }
      if (line_no++ == r.source.line) {
        r.source.offset = at;
        r.offset_line = r.source.line;
        r.raw = line;
        break;
      }
    }
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
      std::sort(source_hits.begin(), source_hits.end(),
                [](const Hit* a, const Hit* b) { return a->record.source.line < b->record.source.line; });
      if (!read_source_lines(*s, source_hits, &error)) {
        fail_all(error);
        continue;
      }
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
