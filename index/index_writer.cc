#include "index/index_writer.h"

#include <openssl/rand.h>

#include <algorithm>
#include <cstdio>
#include <set>

namespace alcor {
namespace fs = std::filesystem;
namespace {

std::string new_index_id() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) throw IndexError("cannot draw a random index id");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (unsigned char c : b) {
    id.push_back(kHex[c >> 4]);
    id.push_back(kHex[c & 15]);
  }
  return id;
}

std::string segment_name(uint64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "seg-%08llu.als", static_cast<unsigned long long>(n));
  return buf;
}

}  // namespace

IndexWriter::IndexWriter(const fs::path& dir, Options options)
    : dir_((create_private_directory(dir), dir)), options_(options), lock_(dir) {
  bool exists = false;
  manifest_ = load_manifest(dir_, &exists);
  create_private_directory(segment_dir(dir_));
  create_private_directory(access_dir(dir_));
  if (!exists) {
    manifest_.index_id = new_index_id();
    commit_manifest(dir_, manifest_);
  }
  remove_unlisted_files();
}

IndexWriter::~IndexWriter() = default;

// Segments that no committed manifest names are leftovers of a crash (or of
// a run that failed): nothing refers to them, so they go.
void IndexWriter::remove_unlisted_files() {
  std::set<std::string> listed;
  for (const auto& s : manifest_.segments) listed.insert(s.file);
  for (const auto& entry : fs::directory_iterator(segment_dir(dir_))) {
    std::string name = entry.path().filename().string();
    if (!listed.count(name)) fs::remove(entry.path());
  }
  std::set<fs::path> access_files;
  for (const auto& s : manifest_.sources) access_files.insert(access_index_path(dir_, s.id));
  for (const auto& entry : fs::directory_iterator(access_dir(dir_))) {
    if (!access_files.count(entry.path())) fs::remove(entry.path());
  }
}

const SourceEntry* IndexWriter::find_sha256(std::string_view hex) const {
  if (const SourceEntry* s = manifest_.find_sha256(hex)) return s;
  for (const auto& s : pending_) {
    if (s.sha256 == hex) return &s;
  }
  return nullptr;
}

uint32_t IndexWriter::allocate_source_id() { return manifest_.next_source_id++; }

uint32_t IndexWriter::begin_source(uint32_t id) {
  if (open_source_) throw IndexError("internal: begin_source() while a source is open");
  if (!segment_) {
    segment_ = std::make_unique<SegmentWriter>(segment_dir(dir_), segment_name(manifest_.next_segment++),
                                               options_.segment);
  }
  segment_->mark();
  open_source_ = id;
  return id;
}

void IndexWriter::add(const LogRecord& r, const Provenance& p, std::string_view raw_line) {
  segment_->add(r, p, raw_line);
}

void IndexWriter::add_block(const EncodedBlock& block) { segment_->add_block(block); }

void IndexWriter::end_source(SourceEntry entry, std::string_view access_index) {
  if (!open_source_ || entry.id != *open_source_) throw IndexError("internal: end_source() of a source not open");
  if (!access_index.empty()) access_files_.stage(access_index_path(dir_, entry.id), access_index);
  open_source_.reset();
  pending_.push_back(std::move(entry));
  if (segment_->bytes_written() >= options_.segment_target_bytes) commit();
}

void IndexWriter::discard_source() {
  if (!open_source_) throw IndexError("internal: discard_source() without an open source");
  open_source_.reset();
  segment_->rollback();
}

void IndexWriter::commit() {
  if (open_source_) throw IndexError("internal: commit() while a source is open");
  if (segment_) {
    if (pending_.empty()) {
      segment_.reset();  // nothing of it is needed: the destructor removes the file
    } else {
      SegmentStats stats = segment_->finish();
      segment_.reset();
      for (auto& s : pending_) s.segment = stats.file;
      manifest_.segments.push_back(stats);
    }
  }
  access_files_.publish();  // written while the sources were read: little left to wait for
  for (auto& s : pending_) manifest_.sources.push_back(std::move(s));
  pending_.clear();
  ++manifest_.generation;
  commit_manifest(dir_, manifest_);
}

void IndexWriter::relocate_source(uint32_t id, const std::string& path, int64_t mtime_s,
                                  std::string_view access_index, const std::string& note) {
  auto source = std::find_if(manifest_.sources.begin(), manifest_.sources.end(),
                             [&](const SourceEntry& s) { return s.id == id; });
  if (source == manifest_.sources.end()) throw IndexError("no source " + std::to_string(id) + " in the index");
  // The access index first: until the manifest commit names the new path,
  // the old one is what evidence tries, and it is gone or was just re-read.
  if (!access_index.empty()) {
    write_durably(access_index_path(dir_, id), access_index);
    fsync_directory(access_dir(dir_));
  }
  source->path = path;
  source->mtime_s = mtime_s;
  manifest_.history.push_back(note);
  // Only committed sources change: pending ones and an open segment are not
  // named by this manifest, as at any commit.
  ++manifest_.generation;
  commit_manifest(dir_, manifest_);
}

void IndexWriter::forget_source(uint32_t id, const std::string& note) {
  commit();  // nothing pending from here on
  auto source = std::find_if(manifest_.sources.begin(), manifest_.sources.end(),
                             [&](const SourceEntry& s) { return s.id == id; });
  if (source == manifest_.sources.end()) throw IndexError("no source " + std::to_string(id) + " in the index");
  auto segment = std::find_if(manifest_.segments.begin(), manifest_.segments.end(),
                              [&](const SegmentStats& s) { return s.file == source->segment; });
  std::string old_file;
  if (segment != manifest_.segments.end()) {
    // Blocks hold records of one source each, so the segment is rewritten
    // by copying every other block as it is.
    old_file = segment->file;
    SegmentReader reader(segment_dir(dir_) / old_file);
    SegmentWriter rewrite(segment_dir(dir_), segment_name(manifest_.next_segment++), options_.segment);
    for (size_t b = 0; b < reader.blocks().size(); ++b) {
      const BlockRef& ref = reader.blocks()[b];
      std::vector<StoredRecord> records = reader.read_fields(b);
      if (!records.empty() && records.front().source.source_id == id) continue;
      EncodedBlock copy;
      copy.summary = ref.summary;
      copy.fields = std::string(ref.fields);
      copy.fields_raw_size = ref.fields_raw_size;
      copy.lines = std::string(ref.lines);
      copy.lines_raw_size = ref.lines_raw_size;
      copy.url_filter = std::string(ref.url_filter);
      copy.addresses = std::string(ref.addresses);
      rewrite.add_block(copy);
    }
    SegmentStats stats = rewrite.finish();
    for (auto& s : manifest_.sources) {
      if (s.segment == old_file) s.segment = stats.file;
    }
    *segment = stats;
  }
  manifest_.sources.erase(source);
  manifest_.history.push_back(note);
  ++manifest_.generation;
  commit_manifest(dir_, manifest_);
  // Only now, with the new state durable, do the old files go.
  std::error_code ec;
  if (!old_file.empty()) fs::remove(segment_dir(dir_) / old_file, ec);
  fs::remove(access_index_path(dir_, id), ec);
}

}  // namespace alcor
