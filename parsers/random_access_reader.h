// Fetching decoded bytes, typically one evidence line, from an original
// source file by decoded offset, using the access points recorded when the
// file was ingested (access_index.h).
//
// A fetch resumes decoding at the last usable point at or before the offset
// and decodes forward, so its cost is bounded by the point spacing, not the
// file size. Nothing is handed out before the resumed decoder has reproduced
// the point's probe: a gzip snapshot from another ISA-L build, or one that
// does not restore, is skipped for an earlier point without state (member
// start, file start), never trusted.
//
// Consecutive fetches at ascending offsets reuse the open decoder, so
// fetching many lines of one file costs about one pass over the span. That
// decoder is state: use one reader per thread.
#ifndef ALCOR_PARSERS_RANDOM_ACCESS_READER_H_
#define ALCOR_PARSERS_RANDOM_ACCESS_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "parsers/access_index.h"
#include "parsers/source_reader.h"

namespace alcor {

class RandomAccessReader {
 public:
  // Longest line read_line() returns; longer ones are an error.
  static constexpr size_t kMaxLineBytes = size_t{1} << 20;

  // Checks, cheaply, that `path` still has the size and modification time
  // recorded in `index`; otherwise nullptr with *error "source changed since
  // indexed: ...". A full check of the content is verify_sha256().
  static std::unique_ptr<RandomAccessReader> open(std::string path, AccessIndex index, std::string* error);

  ~RandomAccessReader();
  RandomAccessReader(const RandomAccessReader&) = delete;
  RandomAccessReader& operator=(const RandomAccessReader&) = delete;

  // The decoded bytes [offset, offset + len), cut at the end of the stream.
  bool read_at(uint64_t offset, size_t len, std::string* out, std::string* error);

  // The bytes from `offset` up to the next '\n' (not included) or the end of
  // the stream.
  bool read_line(uint64_t offset, std::string* line, std::string* error);

  // Hashes the whole stored file and compares it with the recorded SHA-256
  // and size.
  bool verify_sha256(std::string* error) const;

  const AccessIndex& index() const { return index_; }

 private:
  struct Cursor;

  RandomAccessReader(std::string path, AccessIndex index);

  // Decodes from `offset` and passes the bytes to `take` until it returns
  // false or the stream ends; `take` sees only verified bytes.
  template <typename Take>
  bool fetch(uint64_t offset, Take&& take, std::string* error);

  // Index of the last point at or before `offset` that may be resumed.
  size_t best_point(uint64_t offset) const;
  // A cursor at points[point] (or, for plain files, at `offset` itself).
  std::unique_ptr<Cursor> start_cursor(size_t point, uint64_t offset, std::string* error);
  // Marks a point with state as not to be resumed and says whether the
  // fetch may retry from an earlier one.
  bool give_up_point(const Cursor& c, std::string* error);

  std::string path_;
  AccessIndex index_;
  std::vector<bool> unusable_;  // per point: state failed to reproduce the probe
  std::unique_ptr<Cursor> cursor_;
};

}  // namespace alcor

#endif  // ALCOR_PARSERS_RANDOM_ACCESS_READER_H_
