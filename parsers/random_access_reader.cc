#include "parsers/random_access_reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <string_view>
#include <system_error>
#include <utility>

#include "parsers/decoding_reader.h"
#include "parsers/gzip_snapshot.h"
#include "parsers/stored_input.h"

namespace alcor {
namespace {

// Decoder output per read(): large while skipping towards the offset (fewer
// calls), small near it (a line is rarely longer than a few hundred bytes).
constexpr size_t kSkipReadBytes = size_t{256} << 10;
constexpr size_t kNearReadBytes = size_t{16} << 10;
// A plain file is reopened at the offset rather than read forward further.
constexpr uint64_t kPlainReuseBytes = size_t{1} << 20;

constexpr size_t kNoPoint = static_cast<size_t>(-1);

enum class Step { kOk, kRetry, kFail };

}  // namespace

// A decoder positioned in the stream, with the last bytes it produced.
struct RandomAccessReader::Cursor {
  std::unique_ptr<SourceReader> reader;
  size_t point = kNoPoint;   // the access point it started at (none: plain)
  std::string chunk;         // the latest decoded bytes
  uint64_t chunk_start = 0;  // decoded offset of chunk[0]
  uint64_t probe_left = 0;   // bytes after the point not yet checked
  uint32_t probe_crc = 0;
  bool at_end = false;

  uint64_t end() const { return chunk_start + chunk.size(); }
};

RandomAccessReader::RandomAccessReader(std::string path, AccessIndex index)
    : path_(std::move(path)), index_(std::move(index)), unusable_(index_.points.size(), false) {
  // Snapshots from another decoder build are never restored.
  if (index_.decoder_format != inflate_snapshot_format()) {
    for (size_t i = 0; i < index_.points.size(); ++i) unusable_[i] = !index_.points[i].state.empty();
  }
}

RandomAccessReader::~RandomAccessReader() = default;

std::unique_ptr<RandomAccessReader> RandomAccessReader::open(std::string path, AccessIndex index,
                                                             std::string* error) {
  if (index.points.empty()) {
    *error = "no access points recorded for " + path;
    return nullptr;
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    *error = "cannot open " + path + ": " + std::error_code(errno, std::generic_category()).message();
    return nullptr;
  }
  const int64_t mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  if (!S_ISREG(st.st_mode) || size != index.stored_bytes || mtime_ns != index.mtime_ns) {
    *error = "source changed since indexed: " + path + " has " + std::to_string(size) + " bytes, mtime " +
             std::to_string(mtime_ns) + " ns; indexed " + std::to_string(index.stored_bytes) + " bytes, mtime " +
             std::to_string(index.mtime_ns) + " ns";
    return nullptr;
  }
  return std::unique_ptr<RandomAccessReader>(new RandomAccessReader(std::move(path), std::move(index)));
}

size_t RandomAccessReader::best_point(uint64_t offset) const {
  const auto& pts = index_.points;
  auto after = std::upper_bound(pts.begin(), pts.end(), offset,
                                [](uint64_t off, const AccessPoint& p) { return off < p.decoded_offset; });
  size_t i = static_cast<size_t>(after - pts.begin()) - 1;  // points[0] is at 0
  while (unusable_[i]) --i;  // points without state are never unusable
  return i;
}

std::unique_ptr<RandomAccessReader::Cursor> RandomAccessReader::start_cursor(size_t point, uint64_t offset,
                                                                           std::string* error) {
  auto c = std::make_unique<Cursor>();
  const bool plain = index_.compression == Compression::kPlain;
  const AccessPoint& p = index_.points[point];
  std::unique_ptr<StoredInput> input = StoredInput::open_at(path_, plain ? offset : p.stored_offset, error);
  if (!input) return nullptr;
  switch (index_.compression) {
    case Compression::kPlain: c->reader = make_plain_reader(std::move(input)); break;
    case Compression::kGzip:
      c->reader = resume_gzip_reader(std::move(input), p.decoded_offset, p.state, error);
      break;
    case Compression::kZstd: c->reader = make_zstd_reader(std::move(input)); break;
    case Compression::kBzip2: c->reader = make_bzip2_reader(std::move(input)); break;
    case Compression::kXz: c->reader = make_xz_reader(std::move(input)); break;
  }
  if (!c->reader) return nullptr;
  if (plain) {
    c->chunk_start = offset;  // stored bytes are the stream: no probe needed
  } else {
    c->point = point;
    c->chunk_start = p.decoded_offset;
    c->probe_left = index_.probe_bytes(point);
  }
  return c;
}

bool RandomAccessReader::give_up_point(const Cursor& c, std::string* error) {
  // Only a snapshot can fail to resume while the file is unchanged; a fresh
  // decoder that disagrees with the index means the content changed.
  if (c.point == kNoPoint || index_.points[c.point].state.empty()) return false;
  unusable_[c.point] = true;
  error->clear();
  return true;
}

template <typename Take>
bool RandomAccessReader::fetch(uint64_t offset, Take&& take, std::string* error) {
  if (offset > index_.decoded_bytes) {
    *error = "offset " + std::to_string(offset) + " is past the end of " + path_ + " (" +
             std::to_string(index_.decoded_bytes) + " decoded bytes)";
    return false;
  }
  for (;;) {
    const size_t point = best_point(offset);
    const bool reuse =
        cursor_ && cursor_->probe_left == 0 && cursor_->chunk_start <= offset &&
        (index_.compression == Compression::kPlain ? offset - cursor_->chunk_start < kPlainReuseBytes
                                                   : index_.points[point].decoded_offset <= cursor_->end());
    if (!reuse) cursor_ = start_cursor(point, offset, error);
    Step step = cursor_ ? Step::kOk : give_up_point(Cursor{nullptr, point}, error) ? Step::kRetry : Step::kFail;
    uint64_t at = offset;  // next byte to hand to `take`
    bool wanted = true;
    while (step == Step::kOk) {
      Cursor& c = *cursor_;
      if (c.probe_left == 0 && wanted && at >= c.chunk_start && at < c.end()) {
        wanted = take(std::string_view(c.chunk).substr(at - c.chunk_start));
        at = c.end();
      }
      if ((!wanted || c.at_end) && c.probe_left == 0) return true;
      // Read towards the offset in large steps, near it in small ones.
      const uint64_t gap = at > c.end() ? at - c.end() : 0;
      const size_t cap = static_cast<size_t>(std::clamp<uint64_t>(gap, kNearReadBytes, kSkipReadBytes));
      // Until the probe is checked, chunks accumulate: none is handed out yet.
      const bool keep = c.probe_left > 0;
      const uint64_t start = c.end();
      const size_t old = keep ? c.chunk.size() : 0;
      c.chunk.resize(old + cap);
      const size_t n = c.reader->read(c.chunk.data() + old, cap);
      c.chunk.resize(old + n);
      if (!keep) c.chunk_start = start;

      if (n > 0 && c.probe_left > 0) {
        const size_t k = static_cast<size_t>(std::min<uint64_t>(n, c.probe_left));
        c.probe_crc = access_crc32c(std::string_view(c.chunk).substr(old, k), c.probe_crc);
        c.probe_left -= k;
        if (c.probe_left == 0 && c.probe_crc != index_.points[c.point].probe_crc) {
          *error = "source changed since indexed: " + path_ + " decodes differently after offset " +
                   std::to_string(index_.points[c.point].decoded_offset);
          step = give_up_point(c, error) ? Step::kRetry : Step::kFail;
        }
      }
      if (n == 0 && step == Step::kOk) {
        c.at_end = true;
        if (!c.reader->error().empty()) {
          *error = "cannot decode " + path_ + ": " + c.reader->error();
        } else if (c.end() != index_.decoded_bytes) {
          *error = "source changed since indexed: " + path_ + " decodes to " + std::to_string(c.end()) +
                   " bytes at least, indexed " + std::to_string(index_.decoded_bytes);
        } else {
          continue;  // the end of the stream, as indexed
        }
        step = c.probe_left > 0 && give_up_point(c, error) ? Step::kRetry : Step::kFail;
      }
    }
    cursor_.reset();
    if (step == Step::kFail) return false;
    // kRetry: the point is marked unusable; an earlier one is tried.
  }
}

bool RandomAccessReader::read_at(uint64_t offset, size_t len, std::string* out, std::string* error) {
  out->clear();
  if (len == 0) return true;
  return fetch(
      offset,
      [&](std::string_view b) {
        out->append(b.substr(0, len - out->size()));
        return out->size() < len;
      },
      error);
}

bool RandomAccessReader::read_line(uint64_t offset, std::string* line, std::string* error) {
  line->clear();
  bool too_long = false;
  bool ok = fetch(
      offset,
      [&](std::string_view b) {
        size_t nl = b.find('\n');
        line->append(b.substr(0, nl));
        too_long = line->size() > kMaxLineBytes;
        return nl == std::string_view::npos && !too_long;
      },
      error);
  if (ok && too_long) {
    *error = "line at offset " + std::to_string(offset) + " of " + path_ + " is longer than " +
             std::to_string(kMaxLineBytes) + " bytes";
    return false;
  }
  return ok;
}

bool RandomAccessReader::verify_sha256(std::string* error) const {
  std::unique_ptr<StoredInput> input = StoredInput::open(path_, error);
  if (!input) return false;
  input->drain();
  if (!input->io_error().empty()) {
    *error = input->io_error();
    return false;
  }
  if (input->stored_bytes() != index_.stored_bytes || input->sha256() != index_.sha256) {
    *error = "source changed since indexed: " + path_ + " has SHA-256 " + to_hex(input->sha256()) + " (" +
             std::to_string(input->stored_bytes()) + " bytes), indexed " + to_hex(index_.sha256) + " (" +
             std::to_string(index_.stored_bytes) + " bytes)";
    return false;
  }
  return true;
}

}  // namespace alcor
