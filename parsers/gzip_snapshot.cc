#include "parsers/gzip_snapshot.h"

#include <dlfcn.h>
#include <isa-l.h>
#include <isa-l/igzip_lib.h>
#include <zstd.h>

#include <cstddef>
#include <cstring>
#include <filesystem>
#include <memory>
#include <new>
#include <stdexcept>

namespace alcor {
namespace {

// Everything before tmp_out_buffer is fixed-size state; of tmp_out_buffer
// only the first tmp_out_valid bytes hold data.
constexpr size_t kFixedBytes = offsetof(inflate_state, tmp_out_buffer);
constexpr size_t kMaxBytes = sizeof(inflate_state);

// Level 1: a snapshot is ~21 KB of Huffman tables plus up to 64 KiB of
// history, taken once per access point during ingest; higher levels cost
// ingest time for a few percent of index size.
constexpr int kZstdLevel = 1;

// The shared library that actually runs, which can be upgraded under a
// binary built against an older header. Empty when ISA-L is linked in.
std::string runtime_library() {
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(&isal_inflate), &info) == 0 || info.dli_fname == nullptr) return "";
  std::error_code ec;
  std::filesystem::path lib = std::filesystem::canonical(info.dli_fname, ec);
  std::string name = (ec ? std::filesystem::path(info.dli_fname) : lib).filename().string();
  return name.find("isal") != std::string::npos ? name : "";
}

}  // namespace

const std::string& inflate_snapshot_format() {
  static const std::string format = "isa-l " + std::to_string(ISAL_MAJOR_VERSION) + "." +
                                    std::to_string(ISAL_MINOR_VERSION) + "." +
                                    std::to_string(ISAL_PATCH_VERSION) + " " + runtime_library() +
                                    " inflate_state " + std::to_string(sizeof(inflate_state)) + "/" +
                                    std::to_string(kFixedBytes);
  return format;
}

bool inflate_snapshot_possible(const inflate_state& state) {
  switch (state.block_state) {
    case ISAL_BLOCK_NEW_HDR:
    case ISAL_BLOCK_HDR:
    case ISAL_BLOCK_TYPE0:
    case ISAL_BLOCK_CODED: return true;
    default: return false;
  }
}

void InflateSnapshotWriter::CCtxDeleter::operator()(ZSTD_CCtx_s* ctx) const { ZSTD_freeCCtx(ctx); }

InflateSnapshotWriter::InflateSnapshotWriter()
    : cctx_(ZSTD_createCCtx()), scratch_(new inflate_state) {  // no zeroing: overwritten before use
  if (!cctx_ || ZSTD_isError(ZSTD_CCtx_setParameter(cctx_.get(), ZSTD_c_compressionLevel, kZstdLevel))) {
    throw std::bad_alloc();
  }
}

InflateSnapshotWriter::~InflateSnapshotWriter() = default;

std::string InflateSnapshotWriter::save(const inflate_state& state) {
  const size_t bytes = kFixedBytes + static_cast<size_t>(state.tmp_out_valid);
  inflate_state& copy = *scratch_;
  std::memcpy(&copy, &state, bytes);
  // Per-call fields: meaningless after the call, and zero compresses better.
  copy.next_in = nullptr;
  copy.avail_in = 0;
  copy.next_out = nullptr;
  copy.avail_out = 0;
  std::string out(ZSTD_compressBound(bytes), '\0');
  size_t n = ZSTD_compress2(cctx_.get(), out.data(), out.size(), &copy, bytes);
  if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

bool restore_inflate_state(std::string_view snapshot, inflate_state* state, std::string* error) {
  std::unique_ptr<inflate_state> copy = std::make_unique<inflate_state>();
  size_t n = ZSTD_decompress(copy.get(), kMaxBytes, snapshot.data(), snapshot.size());
  auto fail = [&](const std::string& why) {
    *error = "gzip access point unusable: " + why;
    return false;
  };
  if (ZSTD_isError(n)) return fail(ZSTD_getErrorName(n));
  if (n < kFixedBytes) return fail("snapshot too short");
  // The bounds that ISA-L's next call relies on.
  if (copy->tmp_out_valid < 0 || n != kFixedBytes + static_cast<size_t>(copy->tmp_out_valid) ||
      copy->tmp_out_processed < 0 || copy->tmp_out_processed > copy->tmp_out_valid || copy->tmp_in_size < 0 ||
      static_cast<size_t>(copy->tmp_in_size) > sizeof(copy->tmp_in_buffer) || copy->read_in_length < 0 ||
      copy->read_in_length > 64 || !inflate_snapshot_possible(*copy)) {
    return fail("inconsistent snapshot");
  }
  std::memcpy(state, copy.get(), n);
  return true;
}

}  // namespace alcor
