#include "index/segment.h"

#include <isa-l/crc.h>
#include <unistd.h>

#include <algorithm>

#include "index/address_set.h"

namespace alcor {
namespace fs = std::filesystem;
namespace {

// Format 2: address sets instead of address Bloom filters (block format 3).
constexpr std::string_view kHeaderMagic = "ALCSEG02";
constexpr std::string_view kMagicPrefix = "ALCSEG";
constexpr std::string_view kFooterMagic = "ALCSEGFT";
constexpr size_t kFooterSize = 8 + 4 + 4 + 8;
// Directory 3: URL filters end in a flags byte (BloomFilterView::
// hostless_by_path()). Version 2 is read too (its filters lack the byte);
// older alcor refuses version 3, whose host-less blocks it would skip.
constexpr uint64_t kDirectoryVersion = 3;
constexpr uint64_t kOldestDirectoryVersion = 2;

// The segment is flushed to the disk in the background every 8 MiB as it
// grows (BackgroundFlush): the commit at the end of a run then waits for the
// last few megabytes, not for the whole segment, while the workers idle.
constexpr uint64_t kFlushBytes = 8 << 20;

}  // namespace

uint32_t crc32c(std::string_view bytes, uint32_t seed) {
  return crc32_iscsi(reinterpret_cast<unsigned char*>(const_cast<char*>(bytes.data())),
                     static_cast<int>(bytes.size()), seed);
}

SegmentWriter::SegmentWriter(fs::path dir, std::string name, Options options)
    : dir_(std::move(dir)), options_(options), builder_(options.zstd_level, options.keep_lines) {
  stats_.file = std::move(name);
  tmp_path_ = dir_ / (stats_.file + ".tmp");
  ::unlink(tmp_path_.c_str());
  fd_ = create_exclusive(tmp_path_);
  write_all(fd_.get(), kHeaderMagic, tmp_path_);
  offset_ = kHeaderMagic.size();
  mark_.offset = offset_;
  mark_.stats = stats_;
}

SegmentWriter::~SegmentWriter() {
  if (!finished_) ::unlink(tmp_path_.c_str());
}

void SegmentWriter::add(const LogRecord& r, const Provenance& p, std::string_view raw_line) {
  builder_.add(r, p, raw_line);
  if (builder_.records() >= options_.block_records || builder_.buffered_bytes() >= options_.block_bytes) {
    flush_block();
  }
}

void SegmentWriter::flush_block() {
  if (builder_.records() == 0) return;
  write_block(builder_.finish());
}

void SegmentWriter::add_block(const EncodedBlock& block) {
  flush_block();
  if (block.summary.records > 0) write_block(block);
}

void SegmentWriter::write_block(const EncodedBlock& b) {
  uint32_t crc = crc32c(b.fields);
  crc = crc32c(b.lines, crc);
  crc = crc32c(b.url_filter, crc);
  crc = crc32c(b.addresses, crc);
  std::string frames;
  frames.reserve(b.fields.size() + b.lines.size() + b.url_filter.size() + b.addresses.size());
  frames += b.fields;
  frames += b.lines;
  frames += b.url_filter;
  frames += b.addresses;
  write_all(fd_.get(), frames, tmp_path_);

  ByteWriter& d = directory_;
  d.varint(offset_);
  d.varint(b.fields.size());
  d.varint(b.fields_raw_size);
  d.varint(b.lines.size());
  d.varint(b.lines_raw_size);
  d.varint(b.url_filter.size());
  d.varint(b.addresses.size());
  d.varint(b.summary.records);
  d.svarint(b.summary.time_min_us);
  d.svarint(b.summary.time_max_us);
  d.svarint(b.summary.interval_min_us);
  d.svarint(b.summary.interval_max_us);
  d.varint(b.summary.rejected_lines);
  d.fixed32(crc);
  offset_ += frames.size();
  if (offset_ - flushed_ >= kFlushBytes) {
    flush_.start(fd_.get());
    flushed_ = offset_;
  }

  if (stats_.blocks == 0) {
    stats_.time_min_us = b.summary.time_min_us;
    stats_.time_max_us = b.summary.time_max_us;
  } else {
    stats_.time_min_us = std::min(stats_.time_min_us, b.summary.time_min_us);
    stats_.time_max_us = std::max(stats_.time_max_us, b.summary.time_max_us);
  }
  stats_.records += b.summary.records;
  ++stats_.blocks;
}

void SegmentWriter::mark() {
  flush_block();
  mark_ = Mark{offset_, directory_.size(), stats_};
}

void SegmentWriter::rollback() {
  builder_.reset();
  if (::ftruncate(fd_.get(), static_cast<off_t>(mark_.offset)) != 0 ||
      ::lseek(fd_.get(), static_cast<off_t>(mark_.offset), SEEK_SET) < 0) {
    throw IndexError("cannot truncate " + tmp_path_.string());
  }
  offset_ = mark_.offset;
  flushed_ = std::min(flushed_, offset_);
  directory_.truncate(mark_.directory_size);
  stats_ = mark_.stats;
}

SegmentStats SegmentWriter::finish() {
  flush_block();
  ByteWriter dir;
  dir.varint(kDirectoryVersion);
  dir.varint(stats_.blocks);
  dir.bytes(directory_.data());
  ByteWriter footer;
  footer.fixed64(offset_);
  footer.fixed32(static_cast<uint32_t>(dir.size()));
  footer.fixed32(crc32c(dir.data()));
  footer.bytes(kFooterMagic);
  write_all(fd_.get(), dir.data(), tmp_path_);
  write_all(fd_.get(), footer.data(), tmp_path_);
  flush_.wait(tmp_path_);
  fsync_or_throw(fd_.get(), tmp_path_);
  fd_ = FileHandle();
  fs::path final_path = dir_ / stats_.file;
  if (::rename(tmp_path_.c_str(), final_path.c_str()) != 0) {
    throw IndexError("cannot rename " + tmp_path_.string() + " to " + final_path.string());
  }
  finished_ = true;
  stats_.bytes = offset_ + dir.size() + footer.size();
  return stats_;
}

SegmentReader::SegmentReader(const fs::path& path) : file_(path), name_(path.filename().string()) {
  std::string what = "segment " + path.string();
  std::string_view all = file_.bytes();
  ByteReader whole(all, what);
  if (all.size() < kHeaderMagic.size() + kFooterSize || all.substr(0, kMagicPrefix.size()) != kMagicPrefix) {
    whole.fail("not an alcor segment (bad header)");
  }
  // Older formats are refused, not half-read: the index is rebuilt from the
  // sources, which it only ever referred to.
  if (all.substr(0, kHeaderMagic.size()) != kHeaderMagic) {
    throw IndexError("segment " + path.string() + " has format " + std::string(all.substr(kMagicPrefix.size(), 2)) +
                     "; this alcor reads format " + std::string(kHeaderMagic.substr(kMagicPrefix.size())) +
                     " only: build a new index from the same sources (alcor index --index NEWDIR FILES...)");
  }
  ByteReader footer(all.substr(all.size() - kFooterSize), what);
  uint64_t dir_offset = footer.fixed64();
  uint32_t dir_size = footer.fixed32();
  uint32_t dir_crc = footer.fixed32();
  if (footer.bytes(kFooterMagic.size()) != kFooterMagic) whole.fail("bad footer");
  // Compared without adding, so that a huge offset cannot wrap around.
  if (dir_size > all.size() - kFooterSize || dir_offset != all.size() - kFooterSize - dir_size ||
      dir_offset < kHeaderMagic.size()) {
    whole.fail("footer points outside the file");
  }
  std::string_view dir_bytes = all.substr(dir_offset, dir_size);
  if (crc32c(dir_bytes) != dir_crc) whole.fail("directory checksum mismatch");

  ByteReader dir(dir_bytes, what);
  if (const uint64_t version = dir.varint(); version < kOldestDirectoryVersion || version > kDirectoryVersion) {
    dir.fail("unknown directory version");
  }
  uint64_t n = dir.varint();
  if (n > dir.remaining()) dir.fail("implausible block count");
  blocks_.resize(n);
  for (auto& b : blocks_) {
    uint64_t off = dir.varint();
    uint64_t fields_size = dir.varint();
    b.fields_raw_size = static_cast<uint32_t>(dir.varint());
    uint64_t lines_size = dir.varint();
    b.lines_raw_size = static_cast<uint32_t>(dir.varint());
    uint64_t url_size = dir.varint();
    uint64_t address_size = dir.varint();
    b.summary.records = static_cast<uint32_t>(dir.varint());
    b.summary.time_min_us = dir.svarint();
    b.summary.time_max_us = dir.svarint();
    b.summary.interval_min_us = dir.svarint();
    b.summary.interval_max_us = dir.svarint();
    b.summary.rejected_lines = static_cast<uint32_t>(dir.varint());
    b.crc = dir.fixed32();
    // Each size is bounded before they are summed, so the sum cannot wrap.
    const uint64_t largest = std::max({fields_size, lines_size, url_size, address_size});
    const uint64_t total = fields_size + lines_size + url_size + address_size;
    if (off < kHeaderMagic.size() || largest > dir_offset || total > dir_offset || off > dir_offset - total) {
      dir.fail("block points outside the file");
    }
    b.fields = all.substr(off, fields_size);
    b.lines = all.substr(off + fields_size, lines_size);
    b.url_filter = all.substr(off + fields_size + lines_size, url_size);
    b.addresses = all.substr(off + fields_size + lines_size + url_size, address_size);
  }
  if (!dir.done()) dir.fail("extra bytes after the directory");
}

std::string SegmentReader::block_name(size_t block) const {
  return "segment " + name_ + " block " + std::to_string(block);
}

void SegmentReader::check_block(size_t block) const {
  const BlockRef& b = blocks_.at(block);
  uint32_t crc = crc32c(b.fields);
  crc = crc32c(b.lines, crc);
  crc = crc32c(b.url_filter, crc);
  crc = crc32c(b.addresses, crc);
  if (crc != b.crc) throw IndexError("damaged " + block_name(block) + ": checksum mismatch");
}

std::vector<StoredRecord> SegmentReader::read_fields(size_t block, const RecordFilter& keep) const {
  check_block(block);
  const BlockRef& b = blocks_[block];
  return decode_block_fields(b.fields, b.fields_raw_size, b.addresses, b.summary.records, block_name(block), keep);
}

std::vector<AddressRow> SegmentReader::address_rows(size_t block, const IpPrefix& prefix, int64_t from_us,
                                                    int64_t to_us) const {
  check_block(block);
  const BlockRef& b = blocks_[block];
  const std::string what = block_name(block);
  const auto [first, last] = address_set_ranks(b.addresses, prefix, what);
  return find_address_rows(b.fields, b.fields_raw_size, b.summary.records, first, last, from_us, to_us, what);
}

bool SegmentReader::read_lines(size_t block, std::vector<StoredRecord>* records) const {
  const BlockRef& b = blocks_.at(block);
  if (b.lines.empty()) return false;
  decode_block_lines(b.lines, b.lines_raw_size, records, block_name(block));
  return true;
}

}  // namespace alcor
