// What every SourceReader implementation shares: the StoredInput below it,
// the error, and the read() contract around a decoder.
//
// A concrete reader only implements decode(). DecodingReader::read() turns
// exceptions into error text, and once decoding ends (cleanly or at damage)
// it reads the rest of the stored file so sha256() and stored_bytes() always
// cover the whole file. The factories below are the only way to build one;
// SourceReader::open() picks among them.
#ifndef ALCOR_PARSERS_DECODING_READER_H_
#define ALCOR_PARSERS_DECODING_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "parsers/access_index.h"
#include "parsers/source_reader.h"
#include "parsers/stored_input.h"

namespace alcor {

class DecodingReader : public SourceReader {
 public:
  size_t read(char* buf, size_t cap) final;
  Compression compression() const final { return kind_; }
  const std::string& error() const final { return error_; }
  bool changed_while_read() const final { return !input_->changed_error().empty(); }
  Sha256 sha256() const final { return input_->sha256(); }
  uint64_t stored_bytes() const final { return input_->stored_bytes(); }
  void set_access_point_spacing(uint64_t decoded_bytes) final;
  AccessIndex take_access_index() final;

 protected:
  DecodingReader(Compression kind, std::unique_ptr<StoredInput> input)
      : kind_(kind), input_(std::move(input)) {}

  // Writes up to `cap` (> 0) decoded bytes to `buf` and returns how many;
  // 0 only at the end of the stream. On damage it calls fail() and returns
  // the bytes it decoded before the damage; it is not called again.
  virtual size_t decode(char* buf, size_t cap) = 0;

  // Records damage. The first message wins: it is closest to the cause.
  void fail(std::string message);

  StoredInput& input() { return *input_; }

  // Null unless access points are being recorded. A decoder adds a point
  // where a later reader can resume; the first point {0, 0} is there
  // already, and the probes are computed here from what read() hands out.
  AccessPointRecorder* access_points() { return recorder_.get(); }
  // Identifies the format of the states the decoder puts into its points.
  virtual std::string access_state_format() const { return ""; }

 private:
  // Reads the rest of the file and settles error() once decoding is over.
  void finish();

  Compression kind_;
  std::unique_ptr<StoredInput> input_;
  std::string error_;
  bool done_ = false;
  std::unique_ptr<AccessPointRecorder> recorder_;
};

// One factory per compression kind, each in its own file.
std::unique_ptr<SourceReader> make_plain_reader(std::unique_ptr<StoredInput> input);
std::unique_ptr<SourceReader> make_gzip_reader(std::unique_ptr<StoredInput> input);
std::unique_ptr<SourceReader> make_zstd_reader(std::unique_ptr<StoredInput> input);
std::unique_ptr<SourceReader> make_bzip2_reader(std::unique_ptr<StoredInput> input);
std::unique_ptr<SourceReader> make_xz_reader(std::unique_ptr<StoredInput> input);

// A gzip decoder resuming at an access point: `input` is positioned at the
// point's stored offset, `decoded_offset` is the point's decoded offset (for
// error messages), and `state` its snapshot (empty at a member start).
// Returns nullptr with *error when the snapshot cannot be restored.
std::unique_ptr<SourceReader> resume_gzip_reader(std::unique_ptr<StoredInput> input, uint64_t decoded_offset,
                                                 std::string_view state, std::string* error);

}  // namespace alcor

#endif  // ALCOR_PARSERS_DECODING_READER_H_
