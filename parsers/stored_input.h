// The bottom of every SourceReader: the bytes of a file exactly as stored.
//
// StoredInput reads a file descriptor in large sequential blocks and feeds
// every byte it reads, once, into a SHA-256. Decoders above it take bytes
// from its buffer (available()/consume()) or, when they only copy (plain
// text), have it read straight into their own buffer (read_into()). Because
// all stored bytes pass through here, the digest and the stored size are
// right whatever the decoder does, and drain() finishes them after damage.
#ifndef ALCOR_PARSERS_STORED_INPUT_H_
#define ALCOR_PARSERS_STORED_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "parsers/source_reader.h"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

namespace alcor {

class StoredInput {
 public:
  // Large reads keep syscalls and decoder restarts rare on multi-GB files.
  static constexpr size_t kBufferBytes = size_t{1} << 20;
  // A random access decodes a few hundred KB at most: smaller reads waste
  // less copying from the page cache.
  static constexpr size_t kRandomAccessBufferBytes = size_t{128} << 10;

  // Opens `path` ("-" is standard input, which is read but not closed).
  // Returns nullptr with *error naming the path and the errno text.
  static std::unique_ptr<StoredInput> open(const std::string& path, std::string* error);

  // Opens a regular file for random access: reading starts at
  // `stored_offset` (offset() counts from the file start) and nothing is
  // hashed, so sha256() stays zero.
  static std::unique_ptr<StoredInput> open_at(const std::string& path, uint64_t stored_offset,
                                              std::string* error);

  // A second reader of the file this one has open, from `stored_offset`,
  // not hashed: for a decoder that has to decode part of the file again.
  // It opens the same file (through /proc/self/fd), even if its path has
  // been renamed or replaced since. Regular files only; nullptr with *error
  // otherwise.
  std::unique_ptr<StoredInput> reopen_at(uint64_t stored_offset, std::string* error) const;
  bool can_reopen() const { return size_at_open_ >= 0; }

  ~StoredInput();
  StoredInput(const StoredInput&) = delete;
  StoredInput& operator=(const StoredInput&) = delete;

  // Buffered stored bytes not yet taken by the decoder.
  std::string_view available() const {
    return std::string_view(buf_.get() + pos_, end_ - pos_);
  }
  void consume(size_t n) { pos_ += n; }

  // Stored offset of available().data(): where the decoder is in the file.
  uint64_t offset() const { return total_ - (end_ - pos_); }

  // Reads more stored bytes behind the unconsumed ones. Returns false at end
  // of file or on a read error (see io_error()).
  bool refill();

  // Refills until at least `n` bytes are available or the file ends; used to
  // look at magic bytes on pipes, where one read may return a single byte.
  std::string_view peek(size_t n);

  // Hands out buffered bytes first, then reads directly into `dst`: no copy
  // through the internal buffer for data that needs no decoding.
  size_t read_into(char* dst, size_t cap);

  // Reads and hashes the rest of the file without keeping it. Calls `on_bytes`
  // (when given) on everything not consumed yet, so a caller can describe the
  // bytes it is skipping.
  template <typename Fn>
  void drain(Fn&& on_bytes) {
    do {
      on_bytes(available());
      pos_ = end_;
    } while (refill());
  }
  void drain() { drain([](std::string_view) {}); }

  // True once read(2) reported the end of the file or failed.
  bool at_eof() const { return eof_; }
  const std::string& io_error() const { return io_error_; }
  // Set at the end of a hashed regular file that was written to while it was
  // read (appended, truncated, rewritten): then the bytes read are no state
  // the file ever had as a whole, and no digest can name them.
  const std::string& changed_error() const { return changed_error_; }

  // Final once at_eof(): covers every stored byte read.
  const Sha256& sha256() const { return digest_; }
  uint64_t stored_bytes() const { return total_; }
  // Modification time when opened (0 for standard input), for recognising
  // the same file later.
  int64_t mtime_ns() const { return mtime_ns_; }

 private:
  struct ShaDeleter {
    void operator()(evp_md_ctx_st* ctx) const;
  };

  StoredInput(int fd, bool owns_fd, std::string path, int64_t mtime_ns, bool hash, size_t buffer_bytes);
  // At the end of the file: compares it with what open() saw.
  void check_unchanged();
  // One read(2) into [dst, dst+cap), retried on EINTR; hashes what it got and
  // finishes the digest at the end of the file.
  size_t read_stored(char* dst, size_t cap);

  int fd_;
  bool owns_fd_;
  std::string path_;
  size_t buf_size_;
  std::unique_ptr<char[]> buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  uint64_t total_ = 0;
  bool eof_ = false;
  int64_t mtime_ns_;
  int64_t size_at_open_ = -1;  // regular files that are hashed; -1 otherwise
  std::string io_error_;
  std::string changed_error_;
  std::unique_ptr<evp_md_ctx_st, ShaDeleter> sha_;  // null when not hashing
  Sha256 digest_{};
};

}  // namespace alcor

#endif  // ALCOR_PARSERS_STORED_INPUT_H_
