#include "engine/progress_line.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

namespace alcor {
namespace {

std::string human_bytes(double b) {
  static constexpr const char* kUnits[] = {"B", "kB", "MB", "GB", "TB"};
  int u = 0;
  while (b >= 1000 && u < 4) {
    b /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", b, kUnits[u]);
  return buf;
}

std::string human_duration(double s) {
  char buf[32];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%.0fs", s);
  } else if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%dm%02ds", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%dh%02dm", static_cast<int>(s) / 3600, static_cast<int>(s) / 60 % 60);
  }
  return buf;
}

}  // namespace

ProgressLine::ProgressLine(const IngestProgress& progress, const std::vector<std::string>& inputs)
    : progress_(progress), files_total_(inputs.size()), stored_total_(0) {
  for (const auto& path : inputs) {
    std::error_code ec;
    if (path != "-") stored_total_ += std::filesystem::file_size(path, ec) * !ec;
  }
  thread_ = std::thread([this] { run(); });
}

ProgressLine::~ProgressLine() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  std::fputs("\r\033[K", stderr);
}

std::string ProgressLine::render(double seconds) const {
  double stored = static_cast<double>(progress_.stored_bytes.load());
  double text = static_cast<double>(progress_.text_bytes.load());
  char head[96];
  std::snprintf(head, sizeof head, "[%llu/%llu files] ", static_cast<unsigned long long>(progress_.files_done.load()),
                static_cast<unsigned long long>(files_total_));
  std::string line = head;
  line.append(human_bytes(stored)).append(" read, ").append(std::to_string(progress_.lines.load()));
  line.append(" lines, ").append(human_bytes(seconds > 0 ? text / seconds : 0)).append("/s of text");
  if (stored_total_ > 0 && stored > 0 && seconds > 1) {
    double left = (static_cast<double>(stored_total_) - stored) / (stored / seconds);
    line.append(", ETA ").append(human_duration(std::max(left, 0.0)));
  }
  return line;
}

void ProgressLine::run() {
  auto start = std::chrono::steady_clock::now();
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, std::chrono::milliseconds(500), [&] { return stop_; })) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "\r\033[K%s", render(seconds).c_str());
    std::fflush(stderr);
  }
}

}  // namespace alcor
