// Segment files: immutable runs of record blocks.
//
// Layout (all integers little-endian or LEB128):
//   "ALCSEG02" (format 2; other formats are refused with a message that
//              says to rebuild the index)
//   per block: fields frame, lines frame, URL filter, address set
//   directory: version, block count, per block its offsets, sizes, summary
//              and a CRC-32C over its frames and filters
//   footer:    directory offset (8), directory size (4), directory CRC (4),
//              "ALCSEGFT"
// A segment is written under a temporary name and renamed into place only
// after its footer is on disk (fsync), so a visible segment is always whole.
// It only becomes part of the index when a manifest commit names it.
#ifndef ALCOR_INDEX_SEGMENT_H_
#define ALCOR_INDEX_SEGMENT_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "index/file_util.h"
#include "index/record_block.h"

namespace alcor {

struct SegmentStats {
  std::string file;  // name inside the index's segment directory
  uint64_t records = 0;
  uint64_t blocks = 0;
  uint64_t bytes = 0;
  int64_t time_min_us = 0;
  int64_t time_max_us = 0;
};

class SegmentWriter {
 public:
  // Records are buffered into blocks of at most `block_records` records or
  // `block_bytes` bytes and written out as each block fills.
  struct Options {
    uint32_t block_records = 4096;
    size_t block_bytes = 1 << 20;
    int zstd_level = 3;
    bool keep_lines = true;  // for records added one by one with add()
  };

  SegmentWriter(std::filesystem::path dir, std::string name, Options options);
  ~SegmentWriter();  // removes the temporary file unless finish() succeeded
  SegmentWriter(const SegmentWriter&) = delete;
  SegmentWriter& operator=(const SegmentWriter&) = delete;

  void add(const LogRecord& r, const Provenance& p, std::string_view raw_line);
  // Appends a block encoded elsewhere (a pipeline worker); ends the block
  // being built first so records stay in the order they were given.
  void add_block(const EncodedBlock& block);
  uint64_t records() const { return stats_.records + builder_.records(); }
  uint64_t bytes_written() const { return offset_; }

  // Ends the current block and remembers this point; rollback() drops every
  // record added since (the file is truncated back to it). The writer marks
  // at each source start, so a source found to be a duplicate once its
  // SHA-256 is known costs nothing in the index.
  void mark();
  void rollback();

  // Writes the last block, directory and footer, fsyncs and renames the file
  // to its final name. The directory itself is fsynced by the manifest
  // commit that follows.
  SegmentStats finish();

 private:
  void flush_block();
  void write_block(const EncodedBlock& b);

  std::filesystem::path dir_;
  std::filesystem::path tmp_path_;
  Options options_;
  FileHandle fd_;
  BackgroundFlush flush_;  // after fd_: waits for its flush before fd_ closes
  BlockBuilder builder_;
  ByteWriter directory_;
  uint64_t offset_ = 0;
  uint64_t flushed_ = 0;  // a background flush has been started up to here
  SegmentStats stats_;
  bool finished_ = false;

  struct Mark {
    uint64_t offset = 0;
    size_t directory_size = 0;
    SegmentStats stats;
  } mark_;
};

struct BlockRef {
  BlockSummary summary;
  std::string_view fields;
  uint32_t fields_raw_size = 0;
  std::string_view lines;
  uint32_t lines_raw_size = 0;
  std::string_view url_filter;
  std::string_view addresses;  // index/address_set.h
  uint32_t crc = 0;  // CRC-32C over fields, lines, URL filter and address set
};

class SegmentReader {
 public:
  // Maps the file and checks its footer and directory; throws IndexError
  // naming the file when they are damaged.
  explicit SegmentReader(const std::filesystem::path& path);

  const std::vector<BlockRef>& blocks() const { return blocks_; }
  const std::string& name() const { return name_; }

  // Checks the block's CRC, then decodes it (only the records `keep`
  // admits, when given).
  std::vector<StoredRecord> read_fields(size_t block, const RecordFilter& keep = {}) const;
  // Checks the block's CRC, then places the records whose client is in
  // `prefix` and whose time is in [from_us, to_us] (find_address_rows()).
  std::vector<AddressRow> address_rows(size_t block, const IpPrefix& prefix, int64_t from_us, int64_t to_us) const;
  // Fills StoredRecord::raw when the block kept its lines; false otherwise.
  bool read_lines(size_t block, std::vector<StoredRecord>* records) const;

  // Throws IndexError when the block's bytes do not match its CRC.
  void check_block(size_t block) const;
  // How errors name the block: "segment NAME block N".
  std::string block_name(size_t block) const;

 private:

  MappedFile file_;
  std::string name_;
  std::vector<BlockRef> blocks_;
};

uint32_t crc32c(std::string_view bytes, uint32_t seed = 0);

}  // namespace alcor

#endif  // ALCOR_INDEX_SEGMENT_H_
