#include "engine/evidence.h"

#include <sys/stat.h>

#include <algorithm>

#include "engine/query.h"
#include "index/bloom_filter.h"
#include "parsers/format_registry.h"
#include "parsers/random_access_reader.h"
#include "parsers/source_reader.h"
#include "parsers/url.h"

namespace alcor {
namespace {

// Decoded bytes of a source, read at ascending offsets.
class ForwardBytes {
 public:
  virtual ~ForwardBytes() = default;
  // Up to `len` bytes at `offset` (fewer at the end of the stream); false
  // with *error when they cannot be read.
  virtual bool read_at(uint64_t offset, size_t len, std::string* out, std::string* error) = 0;
};

// Through the access points recorded at ingest, with a reader the
// EvidenceReader keeps. The bytes last read are kept and further bytes are
// always asked for where they end, so the reader's decoder runs on: the hits
// of one source, taken in file order, cost one forward pass over their span
// (skipping ahead through an access point only across a gap longer than the
// point spacing), not a decode from an access point per hit.
class RandomAccessBytes final : public ForwardBytes {
 public:
  explicit RandomAccessBytes(RandomAccessReader& r) : reader_(r) {}
  bool read_at(uint64_t offset, size_t len, std::string* out, std::string* error) override {
    if (offset < start_ || offset > start_ + buf_.size()) {
      buf_.clear();
      start_ = offset;
    } else {
      buf_.erase(0, static_cast<size_t>(offset - start_));
      start_ = offset;
    }
    std::string more;
    while (buf_.size() < len) {
      if (!reader_.read_at(start_ + buf_.size(), std::max(len - buf_.size(), kStepBytes), &more, error)) {
        return false;
      }
      if (more.empty()) break;  // the end of the stream
      buf_ += more;
    }
    out->assign(buf_, 0, std::min(len, buf_.size()));
    return true;
  }

 private:
  static constexpr size_t kStepBytes = 64 << 10;
  RandomAccessReader& reader_;
  std::string buf_;     // decoded bytes from start_
  uint64_t start_ = 0;
};

// By decoding from the start (sources indexed without access points).
class SequentialBytes final : public ForwardBytes {
 public:
  explicit SequentialBytes(std::unique_ptr<SourceReader> r) : reader_(std::move(r)) {}
  bool read_at(uint64_t offset, size_t len, std::string* out, std::string* error) override {
    if (offset < start_) {
      *error = "internal: evidence read backwards";
      return false;
    }
    while (start_ + buf_.size() < offset) {  // skip whole buffers before `offset`
      start_ += buf_.size();
      buf_.clear();
      if (!fill()) break;
    }
    size_t drop = static_cast<size_t>(std::min<uint64_t>(offset - start_, buf_.size()));
    buf_.erase(0, drop);
    start_ += drop;
    while (buf_.size() < len && fill()) {
    }
    out->assign(buf_, 0, std::min(len, buf_.size()));
    if (out->empty() && !reader_->error().empty()) {
      *error = reader_->error();
      return false;
    }
    return true;
  }

 private:
  bool fill() {
    char block[1 << 16];
    size_t n = reader_->read(block, sizeof block);
    buf_.append(block, n);
    return n > 0;
  }

  std::unique_ptr<SourceReader> reader_;
  std::string buf_;
  uint64_t start_ = 0;  // stream offset of buf_[0]
};

// Finds line `target` by walking forward from line `line` at `offset`
// (a line start); on success *line_offset is the target's exact offset and
// *raw its text without "\n" / "\r\n".
bool find_line(ForwardBytes& bytes, uint64_t offset, uint64_t line, uint64_t target, std::string* raw,
               uint64_t* line_offset, std::string* error) {
  constexpr size_t kWindow = 64 << 10;
  std::string window;
  std::string text;  // the target line, possibly over several windows
  while (true) {
    if (!bytes.read_at(offset, kWindow, &window, error)) return false;
    if (window.empty()) {
      if (line == target && !text.empty()) break;  // last line without '\n'
      *error = "the source ends before line " + std::to_string(target);
      return false;
    }
    size_t pos = 0;
    while (line < target) {
      size_t nl = window.find('\n', pos);
      if (nl == std::string::npos) break;
      pos = nl + 1;
      ++line;
    }
    if (line < target) {  // no newline left in this window
      offset += window.size();
      continue;
    }
    if (text.empty()) *line_offset = offset + pos;
    size_t nl = window.find('\n', pos);
    text.append(window, pos, nl == std::string::npos ? std::string::npos : nl - pos);
    if (nl != std::string::npos) break;
    offset += window.size();
  }
  if (!text.empty() && text.back() == '\r') text.pop_back();
  *raw = std::move(text);
  return true;
}

// False with *error when the file of `s` is gone.
bool still_there(const SourceEntry& s, struct stat* st, std::string* error) {
  if (::stat(s.path.c_str(), st) == 0) return true;
  *error = "source " + s.path + " is not there any more (moved or deleted since it was indexed)";
  return false;
}

// A source indexed without access points, decoded from its start.
std::unique_ptr<ForwardBytes> sequential_bytes(const SourceEntry& s, std::string* error) {
  struct stat st;
  if (!still_there(s, &st, error)) return nullptr;
  if (!s.looks_unchanged(static_cast<uint64_t>(st.st_size), st.st_mtim.tv_sec)) {
    *error = "source changed since indexed: " + s.path + " (size or modification time differ)";
    return nullptr;
  }
  auto reader = SourceReader::open(s.path, error);
  if (!reader) return nullptr;
  return std::make_unique<SequentialBytes>(std::move(reader));
}

// Reads the raw line of every hit of source `s` (sorted by line) from
// `bytes`, fixing each hit's exact byte offset on the way. Returns false and
// sets *error when the source cannot be read as it was indexed.
bool read_source_lines(ForwardBytes& bytes, const SourceEntry& s, const std::vector<Hit*>& hits,
                       std::string* error) {
  // Walk on from the previous hit when it lies between the anchor and the
  // target: one pass over the span for many hits of one source.
  uint64_t at_offset = 0, at_line = 0;
  for (Hit* h : hits) {
    StoredRecord& r = h->record;
    uint64_t offset = r.source.offset, line = r.offset_line;
    if (at_line != 0 && at_line > line && at_line <= r.source.line) {
      offset = at_offset;
      line = at_line;
    }
    uint64_t exact = 0;
    std::string raw;
    if (!find_line(bytes, offset, line, r.source.line, &raw, &exact, error)) {
      *error = "source " + s.path + ": " + *error;
      return false;
    }
    r.raw = std::move(raw);
    r.source.offset = exact;
    r.offset_line = r.source.line;
    at_offset = exact;
    at_line = r.source.line;
  }
  return true;
}

}  // namespace

EvidenceReader::EvidenceReader(const IndexReader& index, size_t kept_archives)
    : index_(index), kept_archives_(kept_archives) {}

EvidenceReader::~EvidenceReader() = default;

RandomAccessReader* EvidenceReader::archive(const SourceEntry& s, std::string* error) {
  error->clear();
  auto kept = std::find_if(archives_.begin(), archives_.end(), [&](const auto& a) { return a.first == s.id; });
  if (kept != archives_.end()) {
    // An open file is the one that was opened and checked, even if renamed
    // or deleted since.
    std::rotate(kept, kept + 1, archives_.end());
    return archives_.back().second.get();
  }
  struct stat st;
  if (!still_there(s, &st, error)) return nullptr;
  std::string why_not;
  auto access = index_.access_index(s.id, &why_not);
  if (!access) return nullptr;  // no access points: decoded from the start
  auto reader = RandomAccessReader::open(s.path, std::move(*access), error);
  if (!reader) return nullptr;
  if (archives_.size() >= std::max<size_t>(kept_archives_, 1)) archives_.erase(archives_.begin());
  archives_.emplace_back(s.id, std::move(reader));
  return archives_.back().second.get();
}

LineParser* EvidenceReader::parser_for(const SourceEntry& s, std::string* error) {
  auto it = parsers_.find(s.id);
  if (it == parsers_.end()) {
    ParseOptions options{s.tz, s.host, {}, {}};
    for (const std::string& p : s.trusted_proxies) {
      if (auto prefix = IpPrefix::parse(p)) options.trusted_proxies.push_back(*prefix);
    }
    it = parsers_.emplace(s.id, make_parser(s.format, options, error)).first;
  }
  return it->second.get();
}

void EvidenceReader::fill(std::vector<Hit>& hits) {
  fill_each(hits);
  std::erase_if(hits, [](const Hit& h) { return h.url_key_collision; });
}

void EvidenceReader::fill_each(std::vector<Hit>& hits) {
  std::map<uint32_t, std::vector<Hit*>> by_source;
  for (Hit& h : hits) by_source[h.record.source.source_id].push_back(&h);

  for (auto& [id, hits_of_source] : by_source) {
    const SourceEntry* s = index_.manifest().find_id(id);
    // Named again: lambdas may not capture structured bindings before clang 16 (the fuzz build).
    std::vector<Hit*>& source_hits = hits_of_source;
    auto fail_all = [&](const std::string& why) {
      for (Hit* h : source_hits) h->evidence_error = why;
    };
    if (s == nullptr) {
      fail_all("source " + std::to_string(id) + " is not in the manifest");
      continue;
    }
    std::string error;
    std::sort(source_hits.begin(), source_hits.end(),
              [](const Hit* a, const Hit* b) { return a->record.source.line < b->record.source.line; });
    if (!s->lines_kept) {
      std::unique_ptr<ForwardBytes> bytes;
      if (RandomAccessReader* a = archive(*s, &error)) {
        bytes = std::make_unique<RandomAccessBytes>(*a);
      } else if (error.empty()) {
        bytes = sequential_bytes(*s, &error);
      }
      if (!bytes || !read_source_lines(*bytes, *s, source_hits, &error)) {
        fail_all(error);
        continue;
      }
    }
    LineParser* parser = parser_for(*s, &error);
    if (parser == nullptr) {
      fail_all("cannot rebuild the format of " + s->path + ": " + error);
      continue;
    }
    // A format whose lines depend on earlier ones (W3C #Fields) is replayed
    // from the start of the file up to each hit.
    std::unique_ptr<LineParser> replay;
    std::unique_ptr<ForwardBytes> earlier;
    uint64_t replayed = 0;
    if (parser->needs_earlier_lines()) {
      replay = parser->clone();
      auto reader = s->lines_kept ? nullptr : SourceReader::open(s->path, &error);
      if (!reader) {
        fail_all("cannot replay the header lines of " + s->path + (error.empty() ? "" : ": " + error));
        continue;
      }
      earlier = std::make_unique<SequentialBytes>(std::move(reader));
      parser = replay.get();
    }
    for (Hit* h : source_hits) {
      StoredRecord& r = h->record;
      if (earlier) {
        std::string text;
        while (replayed < r.source.offset) {
          size_t want = static_cast<size_t>(std::min<uint64_t>(r.source.offset - replayed, 1 << 20));
          if (!earlier->read_at(replayed, want, &text, &error) || text.empty()) break;
          // Whole lines only: a header line cut in two would be missed.
          size_t end = text.size() == want && replayed + want < r.source.offset ? text.rfind('\n') + 1 : text.size();
          if (end == 0) end = text.size();
          replay->carry_state(std::string_view(text).substr(0, end));
          replayed += end;
        }
      }
      LogRecord parsed;
      RejectReason why = parser->parse(r.raw, &parsed);
      CanonicalUrl url = canonicalize_target(parsed.target);
      bool agrees = why == RejectReason::kNone && parsed.time.utc_us == r.time.utc_us &&
                    parsed.client_kind == r.client_kind &&
                    (r.client_kind != ClientKind::kAddress || parsed.client == r.client) &&
                    parsed.client_port == r.client_port;
      if (!agrees) {
        h->evidence_error = "line " + std::to_string(r.source.line) + " of " + s->path +
                            " no longer says what was indexed (the file was changed)";
        continue;
      }
      if (url_record_key(url_path_key(url.path_query)) != r.url_key) {
        // The line is the indexed one, but its URL only shared the 32-bit key
        // of the asked one: not a match.
        h->url_key_collision = true;
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
