// Access points: how to resume decoding a source file near any decoded
// offset, so that an evidence line can be fetched from the original archive
// without storing it in the index.
//
// A SourceReader records them during the normal ingest pass when asked
// (SourceReader::set_access_point_spacing), and a RandomAccessReader uses
// them later. Each point names a decoded offset, the stored offset where
// decoding resumes, and, when the decoder was inside a compressed stream
// there, the decoder state to restore (gzip only: see gzip_snapshot.h).
// Points without state are places where a fresh decoder starts: the start of
// the file, a gzip member, a zstd frame.
//
// Every point also carries a CRC-32C of the first decoded bytes after it (the
// probe). A reader that resumes at a point checks the probe before handing
// out any byte, so a restored state that decodes differently, or a file whose
// content changed under the same size and mtime, is caught instead of
// yielding wrong evidence.
#ifndef ALCOR_PARSERS_ACCESS_INDEX_H_
#define ALCOR_PARSERS_ACCESS_INDEX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/source_reader.h"

namespace alcor {

struct AccessPoint {
  uint64_t decoded_offset = 0;
  uint64_t stored_offset = 0;
  // CRC-32C of the decoded bytes [decoded_offset, decoded_offset + probe
  // length), the probe length being kProbeBytes cut at the end of the stream.
  uint32_t probe_crc = 0;
  // Empty: a fresh decoder starts at stored_offset. Otherwise an opaque
  // decoder snapshot, valid only for AccessIndex::decoder_format.
  std::string state;
};

struct AccessIndex {
  static constexpr uint64_t kProbeBytes = 4096;

  Compression compression = Compression::kPlain;
  // Identity of the file as read, checked before it is trusted again.
  uint64_t stored_bytes = 0;
  int64_t mtime_ns = 0;
  Sha256 sha256{};
  uint64_t decoded_bytes = 0;  // length of the decoded stream
  uint64_t spacing = 0;        // requested distance between points (decoded bytes)
  // The decoder build that wrote the snapshots (gzip_snapshot.h); empty when
  // no point has a state. A reader with another format ignores the states.
  std::string decoder_format;
  // Ascending in both offsets; the first is always {0, 0} without state.
  std::vector<AccessPoint> points;

  // Probe length of points[i].
  uint64_t probe_bytes(size_t i) const;

  // Versioned binary form with a trailing CRC-32C of everything before it.
  std::string serialize() const;
  // Rejects anything but an intact blob of a known version with consistent
  // offsets; *error says why.
  static std::optional<AccessIndex> parse(std::string_view blob, std::string* error);
};

// Capture side, used by the decoders: decides when a point is due and
// computes the probes from the decoded bytes as they pass.
class AccessPointRecorder {
 public:
  explicit AccessPointRecorder(uint64_t spacing);

  // The decoded offset from which the next point is due.
  uint64_t next_due() const { return last_offset() + index_.spacing; }
  bool due(uint64_t decoded_offset) const { return decoded_offset >= next_due(); }
  uint64_t last_offset() const { return index_.points.back().decoded_offset; }

  // A point at the decoder's current output position, which may be ahead of
  // on_decoded() by the bytes of the read() in progress. Offsets ascend; a
  // point at the same decoded offset as the previous one replaces it (a
  // member start is better than a snapshot at the end of the member before).
  void add(uint64_t decoded_offset, uint64_t stored_offset, std::string state);

  // Every decoded byte, in order, as it is handed out.
  void on_decoded(std::string_view bytes);

  AccessIndex finish(Compression compression, uint64_t stored_bytes, int64_t mtime_ns, const Sha256& sha256,
                     std::string decoder_format);

 private:
  AccessIndex index_;
  uint64_t decoded_ = 0;
  size_t first_open_probe_ = 0;  // points before this one have complete probes
};

// CRC-32C (Castagnoli), continuing from `crc` (0 to start).
uint32_t access_crc32c(std::string_view bytes, uint32_t crc = 0);

}  // namespace alcor

#endif  // ALCOR_PARSERS_ACCESS_INDEX_H_
