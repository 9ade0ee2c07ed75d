#include "engine/ingest.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "parsers/access_index.h"
#include "parsers/line_splitter.h"
#include "parsers/source_reader.h"
#include "parsers/timestamp.h"

namespace alcor {
namespace fs = std::filesystem;
namespace {

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Why the path `s` was indexed at no longer holds that archive, or "" when
// it may still. logrotate renames access.log to access.log.1 and starts a
// new access.log: the recorded path then holds other content, and the file
// with the indexed SHA-256 is the one to quote. A copy made while the
// original stays untouched (same size and modification time) is not a move.
std::string how_source_left(const SourceEntry& s) {
  struct stat st;
  if (::stat(s.path.c_str(), &st) != 0) return "which is no longer there";
  if (!s.looks_unchanged(static_cast<uint64_t>(st.st_size), st.st_mtim.tv_sec)) {
    return "which now holds other content (its size or modification time changed: rotated?)";
  }
  return "";
}

// One input on its way through the pipeline. Fields marked (lock) are only
// touched under Pipeline::mu_; the reader objects belong to whichever worker
// holds `reading`.
struct SourceJob {
  std::string path;
  FileReport report;
  uint32_t source_id = 0;
  int64_t mtime_s = 0;

  std::unique_ptr<SourceReader> reader;
  std::unique_ptr<ChunkReader> chunks;
  std::unique_ptr<LineParser> parser;  // prototype; each chunk task gets a clone

  bool reading = false;      // (lock) a worker is reading the next chunk
  bool read_done = false;    // (lock) no more chunks will come
  bool failed = false;       // (lock) nothing of it is indexed
  bool begun = false;        // (lock) its records are being committed
  uint64_t chunks_read = 0;  // (lock)
  uint64_t chunks_committed = 0;
  std::map<uint64_t, IndexedChunk> parsed;  // (lock) awaiting commit, by sequence
  // (lock) The buffer of the last chunk read, once indexed: its source may
  // have decoded the next chunk's bytes from it, so it is not reused until
  // the next chunk has been read (ChunkReader's keeps_last_chunk).
  std::optional<ByteBuffer> last_chunk_buffer;
  IndexedChunk totals;
  std::string sha256;
  std::string error;
  std::string access_index;  // serialized AccessIndex, empty for standard input
};

struct ChunkTask {
  SourceJob* job = nullptr;
  uint64_t seq = 0;
  TextChunk chunk;
  std::unique_ptr<LineParser> parser;
};

class Pipeline {
 public:
  Pipeline(IndexWriter& writer, const std::vector<std::string>& inputs, const IngestOptions& options,
           IngestProgress* progress)
      : writer_(writer), options_(options), progress_(progress) {
    unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    threads_ = options.threads == 0 ? hw : options.threads;
    // Chunks read and not yet indexed hold 4 MiB of text each: their number
    // bounds memory. Indexed chunks waiting for the sources before theirs
    // to commit hold only their encoded blocks (about 4% of the text), so
    // many more may wait: reading ahead into the next files keeps every
    // worker busy while the head source finishes (3-5% less wall time over
    // 8 files on 2 cores, bench/RESULTS.md).
    max_unparsed_ = 2 * threads_ + 2;
    max_in_flight_ = max_unparsed_ + 32;
    max_open_ = threads_ + 1;
    jobs_.reserve(inputs.size());
    for (const auto& path : inputs) {
      auto job = std::make_unique<SourceJob>();
      job->path = path;
      job->report.path = source_path(path);
      jobs_.push_back(std::move(job));
    }
  }

  std::vector<FileReport> run() {
    {
      std::lock_guard lock(mu_);
      open_window();
    }
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < threads_; ++i) workers.emplace_back([this] { work(); });
    for (auto& t : workers) t.join();
    if (failure_) std::rethrow_exception(failure_);
    std::vector<FileReport> out;
    out.reserve(jobs_.size());
    for (auto& job : jobs_) out.push_back(std::move(job->report));
    return out;
  }

 private:
  void work() {
    ChunkIndexer indexer;
    std::unique_lock lock(mu_);
    while (!failure_ && head_ < jobs_.size()) {
      if (!tasks_.empty()) {
        ChunkTask task = std::move(tasks_.front());
        tasks_.pop_front();
        lock.unlock();
        IndexedChunk done = guarded([&] {
          BlockLimits limits = options_.blocks;
          limits.keep_lines = task.job->path == "-";  // standard input cannot be read again
          return indexer.index(task.chunk, *task.parser, task.job->source_id, limits);
        });
        lock.lock();
        --unparsed_;
        SourceJob& job = *task.job;
        if (!job.read_done && task.seq + 1 == job.chunks_read) {
          job.last_chunk_buffer = std::move(task.chunk.data);
        } else {
          recycle(std::move(task.chunk.data));
        }
        job.parsed.emplace(task.seq, std::move(done));
        commit_ready_or_stop();
        cv_.notify_all();
        continue;
      }
      if (SourceJob* job = next_readable()) {
        job->reading = true;
        ByteBuffer buffer;
        if (!spare_chunk_buffers_.empty()) {
          buffer = std::move(spare_chunk_buffers_.back());
          spare_chunk_buffers_.pop_back();
        }
        lock.unlock();
        std::optional<ChunkTask> task = guarded([&] { return read_step(*job, std::move(buffer)); });
        lock.lock();
        job->reading = false;
        // The chunk before the one just read (if any) is free now.
        if (job->last_chunk_buffer) {
          recycle(std::move(*job->last_chunk_buffer));
          job->last_chunk_buffer.reset();
        }
        if (task) {
          ++job->chunks_read;
          ++in_flight_;
          ++unparsed_;
          tasks_.push_back(std::move(*task));
        }
        commit_ready_or_stop();
        cv_.notify_all();
        continue;
      }
      cv_.wait(lock);
    }
    cv_.notify_all();
  }

  // Under the lock: keeps an indexed chunk's buffer for a later chunk.
  void recycle(ByteBuffer buffer) {
    if (spare_chunk_buffers_.size() < max_unparsed_) spare_chunk_buffers_.push_back(std::move(buffer));
  }

  // Runs fn; a throw stops the whole pipeline and is rethrown by run().
  template <typename Fn>
  auto guarded(Fn&& fn) -> decltype(fn()) {
    try {
      return fn();
    } catch (...) {
      std::lock_guard lock(mu_);
      if (!failure_) failure_ = std::current_exception();
      cv_.notify_all();
      return {};
    }
  }

  // The open job whose next chunk should be read: the head always may (so it
  // can never starve), the others while chunks in flight and chunks not yet
  // indexed are below their bounds.
  SourceJob* next_readable() {
    const bool ahead = in_flight_ < max_in_flight_ && unparsed_ < max_unparsed_;
    for (size_t i = head_; i < opened_; ++i) {
      SourceJob& job = *jobs_[i];
      if (job.reading || job.read_done) continue;
      if (i == head_ || ahead) return &job;
    }
    return nullptr;
  }

  void open_window() {
    while (opened_ < jobs_.size() && opened_ < head_ + max_open_) {
      jobs_[opened_]->source_id = writer_.allocate_source_id();
      ++opened_;
    }
  }

  // Reads the next chunk of `job` (opening it first). Runs without the lock:
  // only the worker that set job.reading touches the job's reader objects.
  // Sets read_done/failed through the returned state under the lock.
  // `buffer` is a spare chunk buffer (or empty) for the chunk's text.
  std::optional<ChunkTask> read_step(SourceJob& job, ByteBuffer buffer) {
    FileReport& r = job.report;
    if (!job.reader) {
      std::string error;
      job.reader = SourceReader::open(job.path, &error);
      if (!job.reader) return finish_reading(job, error, /*failed=*/true);
      r.compression = std::string(compression_name(job.reader->compression()));
      if (job.path != "-") job.reader->set_access_point_spacing(options_.access_point_spacing);
      if (job.path != "-") {
        struct stat st;
        if (::stat(job.path.c_str(), &st) == 0) job.mtime_s = st.st_mtim.tv_sec;
      }
      // work() keeps each chunk's buffer until the next chunk has been read.
      job.chunks = std::make_unique<ChunkReader>(*job.reader, options_.chunk_bytes, options_.max_line_bytes,
                                                 /*keeps_last_chunk=*/true);
    }
    ChunkTask task;
    task.chunk.data = std::move(buffer);
    uint64_t stored_before = job.reader->stored_bytes();
    bool more = job.chunks->next(&task.chunk);
    if (progress_) progress_->stored_bytes += job.reader->stored_bytes() - stored_before;
    if (!more) return finish_reading(job, "", /*failed=*/false);
    if (!job.parser) {
      std::string why;
      job.parser = choose_parser(task.chunk, job.path, &r.note, &why);
      if (!job.parser) return finish_reading(job, why, /*failed=*/true);
      r.format = job.parser->definition();
    }
    task.job = &job;
    task.seq = job.chunks_read;  // stable: only this reader advances it
    task.parser = job.parser->clone();
    // Formats whose lines depend on earlier ones (W3C #Fields) carry that
    // state from chunk to chunk; this reader sees every chunk in order.
    job.parser->carry_state(task.chunk.data);
    return task;
  }

  std::optional<ChunkTask> finish_reading(SourceJob& job, std::string failure, bool failed) {
    if (job.reader) {
      job.sha256 = to_hex(job.reader->sha256());
      job.error = job.reader->error();
      // Records from a file that changed under the reader would name bytes
      // no copy of it holds: nothing of it is indexed, so a later run can.
      if (job.reader->changed_while_read()) {
        failed = true;
        failure = job.error;
      }
      job.report.stored_bytes = job.reader->stored_bytes();
      if (job.path != "-") job.access_index = job.reader->take_access_index().serialize();
    }
    job.chunks.reset();
    job.reader.reset();  // closes the file: open files stay bounded by the window
    std::lock_guard lock(mu_);
    job.read_done = true;
    job.failed = failed;
    if (failed) job.report.reason = std::move(failure);
    return std::nullopt;
  }

  std::unique_ptr<LineParser> choose_parser(const TextChunk& first, const std::string& path, std::string* note,
                                            std::string* why) {
    if (options_.format != "auto") return make_parser(options_.format, options_.parse, why);
    ParseOptions parse = options_.parse;
    if (parse.server.empty()) parse.server = std::string(server_from_path(path));
    std::vector<std::string_view> sample;
    for_each_line(first, [&](const Line& line) {
      if (sample.size() < options_.detect_sample_lines && !line.text.empty() && !line.too_long) {
        sample.push_back(line.text);
      }
    });
    Detection d = detect_format(sample, parse);
    *note = d.note;
    if (!d.parser) {
      *why = "no supported format parses this file (best: " + (d.name.empty() ? std::string("none") : d.name) +
             ", " + std::to_string(d.parsed) + " of " + std::to_string(d.sampled) +
             " sample lines); give --format";
    }
    return std::move(d.parser);
  }

  // Under the lock: commit_ready(), where a failure to write the index (a
  // full disk) stops the pipeline like any other throw; escaping a worker
  // thread, it would end the process without unwinding the writer.
  void commit_ready_or_stop() {
    try {
      commit_ready();
    } catch (...) {
      if (!failure_) failure_ = std::current_exception();
    }
  }

  // Under the lock: moves every finished chunk of the head source, in order,
  // into the index, and closes sources that are complete.
  void commit_ready() {
    while (!failure_ && head_ < opened_) {
      SourceJob& job = *jobs_[head_];
      if (!job.failed && !job.begun) {
        writer_.begin_source(job.source_id);
        job.begun = true;
      }
      for (auto it = job.parsed.find(job.chunks_committed); it != job.parsed.end();
           it = job.parsed.find(job.chunks_committed)) {
        for (const EncodedBlock& b : it->second.blocks) writer_.add_block(b);
        job.totals.merge_counts(it->second);
        if (progress_) {
          progress_->text_bytes += it->second.text_bytes;
          progress_->lines += it->second.lines;
        }
        job.parsed.erase(it);
        ++job.chunks_committed;
        --in_flight_;
      }
      if (!job.read_done || job.chunks_committed < job.chunks_read) return;
      finish_source(job);
      ++head_;
      if (progress_) ++progress_->files_done;
      open_window();
    }
  }

  void finish_source(SourceJob& job) {
    FileReport& r = job.report;
    r.lines = job.totals.lines;
    r.records = job.totals.records;
    r.text_bytes = job.totals.text_bytes;
    r.rejected = reject_counts_by_name(job.totals.rejected);
    r.hosts = job.totals.hosts;
    if (job.failed) {
      r.outcome = FileOutcome::kFailed;
      if (job.begun) writer_.discard_source();
      return;
    }
    const SourceEntry* committed = writer_.manifest().find_sha256(job.sha256);
    if (committed != nullptr && committed->path != r.path && committed->path != "-" && r.path != "-") {
      if (const std::string left = how_source_left(*committed); !left.empty()) {
        // The archive was moved, or rotated away from a path that now holds
        // a newer log: evidence must find it here from now on. This read
        // hashed it (same SHA-256) and recorded its access points anew.
        writer_.discard_source();
        r.outcome = FileOutcome::kMoved;
        r.reason = "re-attached source " + std::to_string(committed->id) + " (same SHA-256), indexed at " +
                   committed->path + ", " + left;
        writer_.relocate_source(committed->id, r.path, job.mtime_s, job.access_index,
                                moved_note(*committed, r.path));
        return;
      }
    }
    if (const SourceEntry* same = writer_.find_sha256(job.sha256)) {
      writer_.discard_source();
      r.outcome = FileOutcome::kSkipped;
      r.reason = "already indexed (same SHA-256 as " + same->path + ")";
      return;
    }
    if (!job.error.empty()) {
      r.outcome = FileOutcome::kDamaged;
      r.reason = job.error;
    } else if (r.lines == 0) {
      r.reason = "empty file";
    }
    SourceEntry e;
    e.id = job.source_id;
    e.path = r.path;
    e.sha256 = job.sha256;
    e.size = r.stored_bytes;
    e.mtime_s = job.mtime_s;
    e.compression = r.compression;
    e.format = r.format;
    e.format_note = r.note;
    e.tz = options_.parse.tz;
    e.host = options_.parse.default_host;
    for (const IpPrefix& p : options_.parse.trusted_proxies) e.trusted_proxies.push_back(p.to_string());
    e.lines_kept = job.path == "-";
    e.error = job.error;
    e.lines = r.lines;
    e.rejected = r.rejected;
    e.span = job.totals.span;
    e.hosts = job.totals.hosts;
    e.indexed_at_s = now_seconds();
    writer_.end_source(std::move(e), job.access_index);
  }

  IndexWriter& writer_;
  const IngestOptions& options_;
  IngestProgress* progress_;
  unsigned threads_ = 1;
  size_t max_unparsed_ = 4;
  size_t max_in_flight_ = 4;
  size_t max_open_ = 2;

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<SourceJob>> jobs_;
  size_t head_ = 0;    // oldest source not yet committed
  size_t opened_ = 0;  // sources [head_, opened_) may be read
  size_t in_flight_ = 0;  // chunks read and not yet committed
  size_t unparsed_ = 0;   // of those, chunks not yet indexed
  std::deque<ChunkTask> tasks_;
  // Buffers of indexed chunks, reused for the next ones: a fresh 4 MiB
  // buffer per chunk costs its page faults every time.
  std::vector<ByteBuffer> spare_chunk_buffers_;
  std::exception_ptr failure_;
};

}  // namespace

std::string moved_note(const SourceEntry& s, const std::string& path) {
  Timestamp now;
  now.utc_us = now_seconds() * kMicrosPerSecond;
  return format_rfc3339_utc(now) + " moved source " + std::to_string(s.id) + " sha256 " + s.sha256 + " from " +
         s.path + " to " + path;
}

std::string source_path(const std::string& path) {
  if (path == "-") return path;
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& args, std::vector<FileReport>* failed) {
  std::vector<std::string> out;
  auto fail = [&](const std::string& path, std::string reason) {
    FileReport r;
    r.path = path;
    r.outcome = FileOutcome::kFailed;
    r.reason = std::move(reason);
    failed->push_back(std::move(r));
  };
  for (const auto& arg : args) {
    if (arg == "-") {
      out.push_back(arg);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      fail(arg, "no such file or directory");
      continue;
    }
    if (!fs::is_directory(st)) {
      out.push_back(arg);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      std::error_code sec;
      if (fs::is_regular_file(it->path(), sec)) found.push_back(it->path().string());
    }
    if (ec) fail(arg, "cannot list directory: " + ec.message());
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

std::vector<FileReport> ingest(IndexWriter& writer, const std::vector<std::string>& inputs,
                               const IngestOptions& options, IngestProgress* progress) {
  return Pipeline(writer, inputs, options, progress).run();
}

}  // namespace alcor
