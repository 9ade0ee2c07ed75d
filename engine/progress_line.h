// The one-line progress display of `alcor index` on stderr.
#ifndef ALCOR_ENGINE_PROGRESS_LINE_H_
#define ALCOR_ENGINE_PROGRESS_LINE_H_

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/ingest.h"

namespace alcor {

// Redraws "files done/total, bytes read, lines, MB/s, ETA" twice a second
// from a thread of its own until destroyed, then erases the line.
class ProgressLine {
 public:
  ProgressLine(const IngestProgress& progress, const std::vector<std::string>& inputs);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

 private:
  void run();
  std::string render(double seconds) const;

  const IngestProgress& progress_;
  uint64_t files_total_;
  uint64_t stored_total_;  // sizes of the inputs as stored (0 when unknown)
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace alcor

#endif  // ALCOR_ENGINE_PROGRESS_LINE_H_
