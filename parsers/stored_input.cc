#include "parsers/stored_input.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace alcor {
namespace {

// strerror() is not thread-safe; the ingest pipeline opens files on several
// threads.
std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

// Opens `path` for reading and fills *st; -1 with *error on failure.
int open_readable(const std::string& path, struct stat* st, std::string* error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = "cannot open " + path + ": " + errno_text(errno);
    return -1;
  }
  // open(2) accepts a directory for reading; only read(2) would fail.
  int err = fstat(fd, st) != 0 ? errno : S_ISDIR(st->st_mode) ? EISDIR : 0;
  if (err != 0) {
    ::close(fd);
    *error = "cannot open " + path + ": " + errno_text(err);
    return -1;
  }
  return fd;
}

int64_t mtime_of(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

}  // namespace

void StoredInput::ShaDeleter::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

std::unique_ptr<StoredInput> StoredInput::open(const std::string& path, std::string* error) {
  if (path == "-") {
    return std::unique_ptr<StoredInput>(new StoredInput(STDIN_FILENO, false, "standard input", 0, true, kBufferBytes));
  }
  struct stat st;
  int fd = open_readable(path, &st, error);
  if (fd < 0) return nullptr;
  std::unique_ptr<StoredInput> input(new StoredInput(fd, true, path, mtime_of(st), true, kBufferBytes));
  if (S_ISREG(st.st_mode)) {
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    input->size_at_open_ = static_cast<int64_t>(st.st_size);
  }
  return input;
}

std::unique_ptr<StoredInput> StoredInput::open_at(const std::string& path, uint64_t stored_offset,
                                                  std::string* error) {
  struct stat st;
  int fd = open_readable(path, &st, error);
  if (fd < 0) return nullptr;
  if (lseek(fd, static_cast<off_t>(stored_offset), SEEK_SET) < 0) {
    *error = "cannot seek in " + path + ": " + errno_text(errno);
    ::close(fd);
    return nullptr;
  }
  std::unique_ptr<StoredInput> input(new StoredInput(fd, true, path, mtime_of(st), false, kRandomAccessBufferBytes));
  input->total_ = stored_offset;
  return input;
}

std::unique_ptr<StoredInput> StoredInput::reopen_at(uint64_t stored_offset, std::string* error) const {
  if (!can_reopen()) {
    *error = "cannot read " + path_ + " again: not a regular file";
    return nullptr;
  }
  std::unique_ptr<StoredInput> input = open_at("/proc/self/fd/" + std::to_string(fd_), stored_offset, error);
  if (input) input->path_ = path_;
  return input;
}

StoredInput::StoredInput(int fd, bool owns_fd, std::string path, int64_t mtime_ns, bool hash,
                         size_t buffer_bytes)
    : fd_(fd),
      owns_fd_(owns_fd),
      path_(std::move(path)),
      buf_size_(buffer_bytes),
      buf_(new char[buffer_bytes]),
      mtime_ns_(mtime_ns) {
  if (!hash) return;
  sha_.reset(EVP_MD_CTX_new());
  // Allocation failure inside OpenSSL is the only way either call fails.
  if (!sha_ || EVP_DigestInit_ex(sha_.get(), EVP_sha256(), nullptr) != 1) throw std::bad_alloc();
}

StoredInput::~StoredInput() {
  if (owns_fd_) ::close(fd_);
}

size_t StoredInput::read_stored(char* dst, size_t cap) {
  if (eof_) return 0;
  ssize_t n;
  do {
    n = ::read(fd_, dst, cap);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) {
    if (n < 0) {
      io_error_ = "read error on " + path_ + " at stored offset " + std::to_string(total_) + ": " +
                  errno_text(errno);
    }
    eof_ = true;
    unsigned int len = 0;
    if (sha_) EVP_DigestFinal_ex(sha_.get(), digest_.data(), &len);
    if (n == 0) check_unchanged();
    return 0;
  }
  if (sha_) EVP_DigestUpdate(sha_.get(), dst, static_cast<size_t>(n));
  total_ += static_cast<uint64_t>(n);
  return static_cast<size_t>(n);
}

void StoredInput::check_unchanged() {
  if (size_at_open_ < 0) return;
  struct stat st;
  if (fstat(fd_, &st) != 0) {
    changed_error_ = "cannot check " + path_ + " after reading it: " + errno_text(errno);
    return;
  }
  const int64_t size_now = static_cast<int64_t>(st.st_size);
  if (size_now == size_at_open_ && static_cast<int64_t>(total_) == size_now && mtime_of(st) == mtime_ns_) return;
  // Rotation by rename does not show here (the open file is the same); a
  // server still writing to it, or copytruncate, does.
  changed_error_ = path_ + " changed while being read: " + std::to_string(size_at_open_) + " bytes when opened, " +
                   std::to_string(total_) + " read, " + std::to_string(size_now) + " now" +
                   (mtime_of(st) != mtime_ns_ ? ", modified since it was opened" : "") +
                   " (a log still being written, or rotated by copytruncate): index it once it is no longer written";
}

bool StoredInput::refill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buf_.get(), buf_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  // A full buffer still holds bytes for the decoder; nothing to read.
  if (end_ == buf_size_) return true;
  size_t n = read_stored(buf_.get() + end_, buf_size_ - end_);
  end_ += n;
  return n > 0;
}

std::string_view StoredInput::peek(size_t n) {
  while (end_ - pos_ < std::min(n, buf_size_) && refill()) {
  }
  return available();
}

size_t StoredInput::read_into(char* dst, size_t cap) {
  if (pos_ < end_) {
    size_t n = std::min(cap, end_ - pos_);
    std::memcpy(dst, buf_.get() + pos_, n);
    pos_ += n;
    return n;
  }
  return read_stored(dst, cap);
}

}  // namespace alcor
