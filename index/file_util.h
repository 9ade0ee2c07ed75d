// Durable file operations for the index: every commit is write, fsync,
// rename, fsync the directory, so a crash leaves either the old or the new
// state and never a torn file.
#ifndef ALCOR_INDEX_FILE_UTIL_H_
#define ALCOR_INDEX_FILE_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <future>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace alcor {

// Thrown for I/O failures on the index itself (not on log sources, whose
// damage is reported and counted instead). The message names the path.
class IndexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An owned file descriptor.
class FileHandle {
 public:
  FileHandle() = default;
  explicit FileHandle(int fd) : fd_(fd) {}
  FileHandle(FileHandle&& o) noexcept : fd_(o.release()) {}
  FileHandle& operator=(FileHandle&& o) noexcept;
  ~FileHandle();
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_ = -1;
};

// Creates `path` for writing, owner-only (0600), failing if it exists.
FileHandle create_exclusive(const std::filesystem::path& path);
void write_all(int fd, std::string_view bytes, const std::filesystem::path& for_errors);
void fsync_or_throw(int fd, const std::filesystem::path& for_errors);
void fsync_directory(const std::filesystem::path& dir);
// Starts writing [offset, offset + length) of the file to disk without
// waiting for it (length 0: to the end of the file), so that a later fsync
// of a large file waits for its last part only. A hint: failures are left
// for that fsync to report.
void start_writeback(int fd, uint64_t offset, uint64_t length);

// Flushes a file being written to stable storage on a thread of its own, so
// that the fsync committing it finds only its last part to flush. Starting
// the writeback early (start_writeback) is not enough: the disk's cache
// flush takes time by the megabytes written since the last one (on this
// machine's virtual disk 0.75 ms per MB, the host writing its own cache
// out), and the e2e corpus's 39 MB segment waited 22 ms in its final fsync
// with both workers idle; flushed behind the writer every 8 MiB, 4 ms.
class BackgroundFlush {
 public:
  BackgroundFlush() = default;
  BackgroundFlush(const BackgroundFlush&) = delete;
  BackgroundFlush& operator=(const BackgroundFlush&) = delete;
  ~BackgroundFlush() = default;  // waits for a flush in flight: destroy before closing its file

  // Starts an fdatasync of `fd` unless one is still running.
  void start(int fd);
  // Waits for the flush in flight; throws IndexError if any failed. (The
  // kernel reports a write error to one fsync of a descriptor only, and that
  // may have been a background one.)
  void wait(const std::filesystem::path& for_errors);

 private:
  // Takes the finished flush's result; an error stays for wait() to throw.
  void collect();

  std::future<int> running_;  // the fdatasync's errno, 0 when it succeeded
  int error_ = 0;
};

// Replaces `path` with `bytes` atomically and durably (tmp + fsync + rename +
// fsync of the directory).
void atomic_replace(const std::filesystem::path& path, std::string_view bytes);

// Like atomic_replace() but leaves the directory fsync to the caller, who
// makes many files durable with one (the index commit).
void write_durably(const std::filesystem::path& path, std::string_view bytes);

// Files written now and made durable later, together: each is written to
// its path + ".tmp" and its writeback started, and publish() fsyncs and
// renames them all. By then their writes have reached the disk, so the
// fsyncs find little to wait for: an fsync right after the write waited for
// it and a flush of the disk's cache, 7 ms apiece on this machine's ext4
// for a file of 72 bytes, against 0.3-0.7 ms each when published.
class StagedFiles {
 public:
  StagedFiles() = default;
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;
  ~StagedFiles();  // removes the files not published

  void stage(const std::filesystem::path& path, std::string_view bytes);
  // Makes every staged file durable under its path; the directory fsync is
  // left to the caller, as for write_durably().
  void publish();

 private:
  std::vector<std::filesystem::path> paths_;
};

// Reads a whole (small) file; throws IndexError when it cannot.
std::string read_whole_file(const std::filesystem::path& path);

// Creates the directory (and parents) owner-only (0700) if missing.
void create_private_directory(const std::filesystem::path& dir);

// A read-only memory mapping of a whole file.
class MappedFile {
 public:
  explicit MappedFile(const std::filesystem::path& path);
  MappedFile(MappedFile&& o) noexcept;
  MappedFile& operator=(MappedFile&&) = delete;
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {data_, size_}; }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

// An exclusive advisory lock on DIR/LOCK held for the object's lifetime.
// A second writer gets a clear IndexError instead of corrupting the index.
class DirectoryLock {
 public:
  explicit DirectoryLock(const std::filesystem::path& dir);

 private:
  FileHandle fd_;
};

}  // namespace alcor

#endif  // ALCOR_INDEX_FILE_UTIL_H_
