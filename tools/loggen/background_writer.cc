#include "tools/loggen/background_writer.h"

namespace alcor::loggen {

BackgroundWriter::BackgroundWriter(std::unique_ptr<CompressedWriter> sink)
    : sink_(std::move(sink)), worker_([this] { run(); }) {}

BackgroundWriter::~BackgroundWriter() {
  if (!worker_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    closing_ = abandoned_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

std::string BackgroundWriter::write(std::string chunk) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queue_.size() < kMaxQueued || error_; });
  if (error_) std::rethrow_exception(error_);
  queue_.push_back(std::move(chunk));
  std::string spare;
  if (!spare_.empty()) {
    spare = std::move(spare_.front());
    spare_.pop_front();
  }
  lock.unlock();
  changed_.notify_all();
  return spare;
}

uint64_t BackgroundWriter::finish() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  worker_.join();
  if (error_) std::rethrow_exception(error_);
  return sink_->bytes_written();
}

void BackgroundWriter::run() {
  for (;;) {
    std::string chunk;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return !queue_.empty() || closing_; });
      if (abandoned_ || error_ || queue_.empty()) break;
      chunk = std::move(queue_.front());
      queue_.pop_front();
    }
    changed_.notify_all();
    try {
      sink_->write(chunk);
    } catch (...) {
      std::lock_guard lock(mutex_);
      error_ = std::current_exception();
      break;
    }
    chunk.clear();
    std::lock_guard lock(mutex_);
    spare_.push_back(std::move(chunk));
  }
  // Unblock a producer waiting for room after an error.
  changed_.notify_all();
  {
    std::lock_guard lock(mutex_);
    if (abandoned_ || error_) return;
  }
  try {
    sink_->finish();
  } catch (...) {
    std::lock_guard lock(mutex_);
    error_ = std::current_exception();
  }
}

}  // namespace alcor::loggen
