#include "index/file_util.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <system_error>

namespace alcor {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void throw_errno(std::string_view what, const fs::path& path) {
  throw IndexError(std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

fs::path staged_path(const fs::path& path) {
  fs::path tmp = path;
  tmp += ".tmp";
  return tmp;
}

// Writes `bytes` to a new file `tmp`, replacing a leftover of a crashed
// commit; the caller owns `tmp` from the call on.
FileHandle write_new_file(const fs::path& tmp, std::string_view bytes) {
  ::unlink(tmp.c_str());
  FileHandle fd = create_exclusive(tmp);
  write_all(fd.get(), bytes, tmp);
  return fd;
}

void rename_into_place(const fs::path& tmp, const fs::path& path) {
  if (::rename(tmp.c_str(), path.c_str()) != 0) throw_errno("cannot rename onto", path);
}

}  // namespace

FileHandle& FileHandle::operator=(FileHandle&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.release();
  }
  return *this;
}

FileHandle::~FileHandle() {
  if (fd_ >= 0) ::close(fd_);
}

FileHandle create_exclusive(const fs::path& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw_errno("cannot create", path);
  return FileHandle(fd);
}

void write_all(int fd, std::string_view bytes, const fs::path& for_errors) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("cannot write", for_errors);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

void fsync_or_throw(int fd, const fs::path& for_errors) {
  if (::fsync(fd) != 0) throw_errno("cannot fsync", for_errors);
}

void start_writeback(int fd, uint64_t offset, uint64_t length) {
#ifdef __linux__
  ::sync_file_range(fd, static_cast<off64_t>(offset), static_cast<off64_t>(length), SYNC_FILE_RANGE_WRITE);
#else
  (void)fd, (void)offset, (void)length;
#endif
}

void BackgroundFlush::collect() {
  if (const int error = running_.get(); error != 0) error_ = error;
}

void BackgroundFlush::start(int fd) {
  if (running_.valid()) {
    if (running_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    collect();
  }
  try {
    running_ = std::async(std::launch::async, [fd] { return ::fdatasync(fd) == 0 ? 0 : errno; });
  } catch (const std::system_error&) {
    start_writeback(fd, 0, 0);  // no thread to spare: the writeback at least
  }
}

void BackgroundFlush::wait(const fs::path& for_errors) {
  if (running_.valid()) collect();
  if (error_ != 0) {
    errno = error_;
    throw_errno("cannot fsync", for_errors);
  }
}

void fsync_directory(const fs::path& dir) {
  FileHandle fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) throw_errno("cannot open directory", dir);
  fsync_or_throw(fd.get(), dir);
}

void atomic_replace(const fs::path& path, std::string_view bytes) {
  write_durably(path, bytes);
  fsync_directory(path.parent_path().empty() ? fs::path(".") : path.parent_path());
}

void write_durably(const fs::path& path, std::string_view bytes) {
  const fs::path tmp = staged_path(path);
  FileHandle fd = write_new_file(tmp, bytes);
  fsync_or_throw(fd.get(), tmp);
  rename_into_place(tmp, path);
}

StagedFiles::~StagedFiles() {
  for (const fs::path& path : paths_) ::unlink(staged_path(path).c_str());
}

void StagedFiles::stage(const fs::path& path, std::string_view bytes) {
  paths_.push_back(path);  // removed by the destructor should the write fail
  const fs::path tmp = staged_path(path);
  FileHandle fd = write_new_file(tmp, bytes);
  start_writeback(fd.get(), 0, bytes.size());
}

void StagedFiles::publish() {
  while (!paths_.empty()) {
    const fs::path& path = paths_.back();
    const fs::path tmp = staged_path(path);
    // Linux flushes a file's data through any descriptor of it: the files
    // are not kept open between stage() and here, where there may be
    // thousands (one per small source).
    FileHandle fd(::open(tmp.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) throw_errno("cannot open", tmp);
    fsync_or_throw(fd.get(), tmp);
    rename_into_place(tmp, path);
    paths_.pop_back();
  }
}

std::string read_whole_file(const fs::path& path) {
  FileHandle fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) throw_errno("cannot open", path);
  std::string out;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("cannot read", path);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

void create_private_directory(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return;
  if (!dir.parent_path().empty() && !fs::exists(dir.parent_path(), ec)) {
    create_private_directory(dir.parent_path());
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) throw_errno("cannot create directory", dir);
}

MappedFile::MappedFile(const fs::path& path) {
  FileHandle fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) throw_errno("cannot open", path);
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) throw_errno("cannot stat", path);
  size_ = static_cast<size_t>(st.st_size);
  if (size_ == 0) return;
  void* p = ::mmap(nullptr, size_, PROT_READ, MAP_SHARED, fd.get(), 0);
  if (p == MAP_FAILED) throw_errno("cannot map", path);
  data_ = static_cast<const char*>(p);
}

MappedFile::MappedFile(MappedFile&& o) noexcept : data_(o.data_), size_(o.size_) {
  o.data_ = nullptr;
  o.size_ = 0;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
}

DirectoryLock::DirectoryLock(const fs::path& dir) {
  fs::path path = dir / "LOCK";
  fd_ = FileHandle(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (!fd_.valid()) throw_errno("cannot open lock file", path);
  if (::flock(fd_.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      throw IndexError("index " + dir.string() +
                       " is being written by another alcor process (lock held on " +
                       path.string() + "); wait for it to finish");
    }
    throw_errno("cannot lock", path);
  }
}

}  // namespace alcor
