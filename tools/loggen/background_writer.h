// Runs a CompressedWriter on a thread of its own, so that drawing lines and
// compressing them use two cores: for multi-GB corpora the compressor is
// as busy as the generator.
#ifndef ALCOR_TOOLS_LOGGEN_BACKGROUND_WRITER_H_
#define ALCOR_TOOLS_LOGGEN_BACKGROUND_WRITER_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "tools/loggen/compressed_writer.h"

namespace alcor::loggen {

class BackgroundWriter {
 public:
  explicit BackgroundWriter(std::unique_ptr<CompressedWriter> sink);
  // Without finish() (an error elsewhere) the queued text is dropped and
  // the stream left unterminated.
  ~BackgroundWriter();
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  // Queues `chunk` (waiting while the queue is full) and returns an empty
  // string whose capacity can be reused for the next chunk.
  std::string write(std::string chunk);
  // Writes everything queued, ends the stream and returns the bytes on
  // disk; rethrows the first error the writer hit.
  uint64_t finish();

 private:
  static constexpr size_t kMaxQueued = 4;
  void run();

  std::unique_ptr<CompressedWriter> sink_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;
  std::deque<std::string> spare_;
  bool closing_ = false;
  bool abandoned_ = false;
  std::exception_ptr error_;
  std::thread worker_;
};

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_BACKGROUND_WRITER_H_
