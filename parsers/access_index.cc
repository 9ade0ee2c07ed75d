#include "parsers/access_index.h"

#include <isa-l/crc.h>

#include <algorithm>
#include <cstring>

namespace alcor {
namespace {

// "ALAX", then the format version. Version 1:
//   magic[4] version:u8 compression:u8
//   stored_bytes mtime_ns(zigzag) decoded_bytes spacing : varint
//   sha256[32]  decoder_format : varint length + bytes
//   point count : varint, then per point:
//     decoded delta, stored delta : varint   probe_crc : u32 LE
//     state : varint length + bytes
//   crc32c of all the above : u32 LE
constexpr char kMagic[4] = {'A', 'L', 'A', 'X'};
constexpr uint8_t kVersion = 1;

void put_varint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void put_u32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

void put_bytes(std::string* out, std::string_view b) {
  put_varint(out, b.size());
  out->append(b);
}

// Reads the fields back; every getter fails (returns false) rather than
// reading past the end.
class Cursor {
 public:
  explicit Cursor(std::string_view b) : b_(b) {}
  bool varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (b_.empty()) return false;
      uint8_t byte = static_cast<uint8_t>(b_[0]);
      b_.remove_prefix(1);
      *v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (byte < 0x80) return true;
    }
    return false;
  }
  bool u32(uint32_t* v) {
    if (b_.size() < 4) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i) *v |= static_cast<uint32_t>(static_cast<uint8_t>(b_[i])) << (8 * i);
    b_.remove_prefix(4);
    return true;
  }
  bool u8(uint8_t* v) {
    if (b_.empty()) return false;
    *v = static_cast<uint8_t>(b_[0]);
    b_.remove_prefix(1);
    return true;
  }
  bool raw(size_t n, std::string_view* v) {
    if (b_.size() < n) return false;
    *v = b_.substr(0, n);
    b_.remove_prefix(n);
    return true;
  }
  bool bytes(std::string* v) {
    uint64_t n;
    std::string_view s;
    if (!varint(&n) || n > b_.size() || !raw(n, &s)) return false;
    v->assign(s);
    return true;
  }
  bool empty() const { return b_.empty(); }

 private:
  std::string_view b_;
};

uint64_t zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

}  // namespace

uint32_t access_crc32c(std::string_view bytes, uint32_t crc) {
  // crc32_iscsi takes an int length; probes and blobs stay far below 2 GiB,
  // but split anyway so the function is right for any input.
  constexpr size_t kMaxPiece = size_t{1} << 30;
  do {
    size_t n = std::min(bytes.size(), kMaxPiece);
    crc = crc32_iscsi(reinterpret_cast<unsigned char*>(const_cast<char*>(bytes.data())), static_cast<int>(n),
                      crc);
    bytes.remove_prefix(n);
  } while (!bytes.empty());
  return crc;
}

uint64_t AccessIndex::probe_bytes(size_t i) const {
  return std::min(kProbeBytes, decoded_bytes - points[i].decoded_offset);
}

std::string AccessIndex::serialize() const {
  std::string out(kMagic, sizeof kMagic);
  out.push_back(static_cast<char>(kVersion));
  out.push_back(static_cast<char>(compression));
  put_varint(&out, stored_bytes);
  put_varint(&out, zigzag(mtime_ns));
  put_varint(&out, decoded_bytes);
  put_varint(&out, spacing);
  out.append(reinterpret_cast<const char*>(sha256.data()), sha256.size());
  put_bytes(&out, decoder_format);
  put_varint(&out, points.size());
  AccessPoint prev;
  for (const AccessPoint& p : points) {
    put_varint(&out, p.decoded_offset - prev.decoded_offset);
    put_varint(&out, p.stored_offset - prev.stored_offset);
    put_u32(&out, p.probe_crc);
    put_bytes(&out, p.state);
    prev.decoded_offset = p.decoded_offset;
    prev.stored_offset = p.stored_offset;
  }
  put_u32(&out, access_crc32c(out));
  return out;
}

std::optional<AccessIndex> AccessIndex::parse(std::string_view blob, std::string* error) {
  auto fail = [&](const char* why) {
    *error = std::string("access index rejected: ") + why;
    return std::nullopt;
  };
  if (blob.size() < sizeof kMagic + 2 + 4 || std::memcmp(blob.data(), kMagic, sizeof kMagic) != 0) {
    return fail("not an access index");
  }
  Cursor crc_field(blob.substr(blob.size() - 4));
  uint32_t stored_crc = 0;
  crc_field.u32(&stored_crc);
  std::string_view body = blob.substr(0, blob.size() - 4);
  if (access_crc32c(body) != stored_crc) return fail("checksum mismatch");

  Cursor in(body.substr(sizeof kMagic));
  AccessIndex idx;
  // Both bytes are there (the size was checked above); GCC cannot tell.
  uint8_t version = 0, compression = 0;
  in.u8(&version);
  in.u8(&compression);
  if (version != kVersion) return fail("unknown version");
  if (compression > static_cast<uint8_t>(Compression::kXz)) return fail("unknown compression");
  idx.compression = static_cast<Compression>(compression);
  uint64_t mtime, count;
  std::string_view sha;
  if (!in.varint(&idx.stored_bytes) || !in.varint(&mtime) || !in.varint(&idx.decoded_bytes) ||
      !in.varint(&idx.spacing) || !in.raw(idx.sha256.size(), &sha) || !in.bytes(&idx.decoder_format) ||
      !in.varint(&count)) {
    return fail("truncated header");
  }
  idx.mtime_ns = unzigzag(mtime);
  std::memcpy(idx.sha256.data(), sha.data(), sha.size());
  AccessPoint prev;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t dd, ds;
    AccessPoint p;
    if (!in.varint(&dd) || !in.varint(&ds) || !in.u32(&p.probe_crc) || !in.bytes(&p.state)) {
      return fail("truncated point list");
    }
    p.decoded_offset = prev.decoded_offset + dd;
    p.stored_offset = prev.stored_offset + ds;
    // Deltas that wrap, or offsets past the ends, cannot come from a reader.
    if (p.decoded_offset < prev.decoded_offset || p.stored_offset < prev.stored_offset ||
        p.decoded_offset > idx.decoded_bytes || p.stored_offset > idx.stored_bytes) {
      return fail("access point out of range");
    }
    if (i > 0 && dd == 0) return fail("access points not strictly ascending");
    if (!p.state.empty() && (idx.compression != Compression::kGzip || idx.decoder_format.empty())) {
      return fail("decoder state without a decoder format");
    }
    prev.decoded_offset = p.decoded_offset;
    prev.stored_offset = p.stored_offset;
    idx.points.push_back(std::move(p));
  }
  if (!in.empty()) return fail("trailing bytes");
  if (idx.points.empty() || idx.points[0].decoded_offset != 0 || idx.points[0].stored_offset != 0 ||
      !idx.points[0].state.empty()) {
    return fail("missing start point");
  }
  return idx;
}

AccessPointRecorder::AccessPointRecorder(uint64_t spacing) {
  index_.spacing = std::max<uint64_t>(spacing, 1);
  index_.points.push_back(AccessPoint{});
}

void AccessPointRecorder::add(uint64_t decoded_offset, uint64_t stored_offset, std::string state) {
  // No byte after the previous point has been seen, so its probe is still
  // empty and it can go; the start point stays.
  if (decoded_offset == last_offset()) {
    if (index_.points.size() == 1) return;
    index_.points.pop_back();
  }
  index_.points.push_back(AccessPoint{decoded_offset, stored_offset, 0, std::move(state)});
}

void AccessPointRecorder::on_decoded(std::string_view bytes) {
  const uint64_t begin = decoded_;
  decoded_ += bytes.size();
  // Usually one point is open (spacing >> probe); tiny spacings leave several.
  for (size_t i = first_open_probe_; i < index_.points.size(); ++i) {
    AccessPoint& p = index_.points[i];
    const uint64_t probe_end = p.decoded_offset + AccessIndex::kProbeBytes;
    const uint64_t from = std::max(begin, p.decoded_offset);
    const uint64_t to = std::min(decoded_, probe_end);
    if (from < to) p.probe_crc = access_crc32c(bytes.substr(from - begin, to - from), p.probe_crc);
    if (probe_end <= decoded_ && i == first_open_probe_) ++first_open_probe_;
  }
}

AccessIndex AccessPointRecorder::finish(Compression compression, uint64_t stored_bytes, int64_t mtime_ns,
                                        const Sha256& sha256, std::string decoder_format) {
  // A point at the very end (after the last zstd frame) resumes nothing.
  while (index_.points.size() > 1 && index_.points.back().decoded_offset >= decoded_) index_.points.pop_back();
  index_.compression = compression;
  index_.stored_bytes = stored_bytes;
  index_.mtime_ns = mtime_ns;
  index_.sha256 = sha256;
  index_.decoded_bytes = decoded_;
  bool any_state = std::any_of(index_.points.begin(), index_.points.end(),
                               [](const AccessPoint& p) { return !p.state.empty(); });
  if (any_state) index_.decoder_format = std::move(decoder_format);
  return std::move(index_);
}

}  // namespace alcor
