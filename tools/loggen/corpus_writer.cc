#include "tools/loggen/corpus_writer.h"

#include <limits>

#include "tools/loggen/background_writer.h"
#include "tools/loggen/rotation.h"

namespace alcor::loggen {
namespace {

constexpr size_t kFlushBytes = 1 << 20;
constexpr size_t kBufferBytes = kFlushBytes + 64 * 1024;  // room for the line that crosses it
constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

}  // namespace

uint64_t lines_for_size(const TrafficModel& model, const Options& o) {
  constexpr uint64_t kSample = 8192;
  TrafficModel scratch = model;  // the sample must not touch the clients' connections
  Rng rng(o.seed, RngStream::kSizeSample);
  LineFormatter formatter(o.format, o.utc_offset_s);
  std::string text;
  for (uint64_t i = 0; i < kSample; ++i) formatter.append(text, scratch.next(rng, o.start));
  return std::max<uint64_t>(1, o.target_bytes * kSample / text.size());
}

std::vector<FileStats> write_corpus(const Options& o, TrafficModel& model, PlantingPlan& plan,
                                    uint64_t background_lines) {
  Rng rng(o.seed, RngStream::kTraffic);
  LineFormatter formatter(o.format, o.utc_offset_s);
  JunkWriter junk;
  const std::vector<PlantedLine*> planted = plan.lines_by_write_time();
  size_t next_planted = 0;
  uint64_t next_background = 0;
  // Background lines are written at evenly spaced times across the span;
  // the %t they log is earlier by the request's duration.
  auto background_time = [&](uint64_t i) {
    if (i >= background_lines) return kNever;
    __extension__ using I128 = __int128;
    return o.start + static_cast<int64_t>(static_cast<I128>(i) * o.span_seconds / background_lines);
  };

  const std::vector<RotatedFile> files = plan_rotation(o.basename, o.files, o.compression, o.plain_newest);
  std::vector<FileStats> stats;
  std::string buffer;
  buffer.reserve(kBufferBytes);
  for (size_t f = 0; f < files.size(); ++f) {
    // logrotate cuts by the time lines are written.
    const int64_t file_end = f + 1 == files.size() ? kNever
                                                    : o.start + o.span_seconds * static_cast<int64_t>(f + 1) /
                                                                    static_cast<int64_t>(files.size());
    FileStats& s = stats.emplace_back();
    s.name = files[f].name;
    s.compression = files[f].compression;
    BackgroundWriter out(CompressedWriter::open(o.out_dir / s.name, s.compression, o.level));
    auto flush = [&] {
      s.bytes_uncompressed += buffer.size();
      buffer = out.write(std::move(buffer));
      buffer.reserve(kBufferBytes);
    };
    for (;;) {
      const int64_t bg_time = background_time(next_background);
      // At equal times the planted line goes first: it was written no
      // later than the background line.
      const bool take_planted =
          next_planted < planted.size() && planted[next_planted]->request.write_time <= bg_time;
      const int64_t time = take_planted ? planted[next_planted]->request.write_time : bg_time;
      if (time == kNever || time >= file_end) break;
      ++s.lines;
      if (take_planted) {
        PlantedLine& p = *planted[next_planted++];
        formatter.append(buffer, p.request);
        p.placement = {s.name, s.lines};
        ++s.planted_lines;
      } else {
        const Request r = model.next(rng, bg_time);
        ++next_background;
        if (o.junk_rate > 0 && rng.chance(o.junk_rate)) {
          ++s.junk[static_cast<size_t>(junk.append(rng, formatter, r, buffer))];
        } else {
          formatter.append(buffer, r);
        }
      }
      if (buffer.size() >= kFlushBytes) flush();
    }
    flush();
    s.bytes_written = out.finish();
  }
  return stats;
}

}  // namespace alcor::loggen
