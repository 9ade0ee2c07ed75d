#include "parsers/decoding_reader.h"

#include <exception>
#include <utility>

namespace alcor {

size_t DecodingReader::read(char* buf, size_t cap) {
  if (done_ || cap == 0) return 0;
  size_t n = 0;
  try {
    n = decode(buf, cap);
  } catch (const std::exception& e) {
    // Whatever the decoder wrote before throwing is not accounted for, so it
    // is not handed out either.
    fail(std::string("decoder failed: ") + e.what());
    n = 0;
  } catch (...) {
    fail("decoder failed with an unknown exception");
    n = 0;
  }
  if (recorder_ && n > 0) recorder_->on_decoded(std::string_view(buf, n));
  if (n == 0 || !error_.empty()) finish();
  return n;
}

void DecodingReader::set_access_point_spacing(uint64_t decoded_bytes) {
  recorder_ = std::make_unique<AccessPointRecorder>(decoded_bytes);
}

AccessIndex DecodingReader::take_access_index() {
  // Before the end the stored size and digest are not known yet.
  if (!recorder_ || !done_) return AccessIndex{};
  AccessIndex index = recorder_->finish(kind_, input_->stored_bytes(), input_->mtime_ns(), input_->sha256(),
                                        access_state_format());
  recorder_.reset();
  return index;
}

void DecodingReader::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

void DecodingReader::finish() {
  done_ = true;
  input_->drain();
  // A failed read(2) looks like a truncated stream to the decoder; the I/O
  // error is the cause, the decoder's view is kept as context.
  const std::string& io = input_->io_error();
  if (!io.empty()) error_ = error_.empty() ? io : io + " (decoder: " + error_ + ")";
  // A file cut short under the decoder looks truncated to it; the change is
  // the cause.
  const std::string& changed = input_->changed_error();
  if (!changed.empty()) error_ = error_.empty() ? changed : changed + " (decoder: " + error_ + ")";
}

}  // namespace alcor
