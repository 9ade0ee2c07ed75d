// bzip2 and xz files, through Boost.Iostreams' decompressor filters.
//
// Both are rare for access logs, so one adapter serves both. The filters
// report damage by throwing; decode() turns that into error text with the
// stored position. Both decode concatenated streams (bzip2 -c a b, xz's
// LZMA_CONCATENATED).
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/lzma.hpp>

#include <exception>
#include <string>

#include "parsers/decoding_reader.h"

namespace alcor {
namespace {

namespace bio = boost::iostreams;

std::string describe_bzip2(const std::exception& e) {
  if (const auto* err = dynamic_cast<const bio::bzip2_error*>(&e)) {
    int code = err->error();
    if (code == bio::bzip2::unexpected_eof) return "truncated bzip2 stream";
    if (code == bio::bzip2::data_error_magic) return "not a bzip2 stream (trailing garbage?)";
    if (code == bio::bzip2::data_error) return "corrupt bzip2 data";
    return "bzip2 error " + std::to_string(code);
  }
  return std::string("bzip2 decoder failed: ") + e.what();
}

std::string describe_xz(const std::exception& e) {
  if (const auto* err = dynamic_cast<const bio::lzma_error*>(&e)) {
    int code = err->error();
    // liblzma reports a stream cut short as "no progress possible".
    if (code == bio::lzma::buf_error) return "truncated xz stream";
    if (code == bio::lzma::data_error) return "corrupt xz data";
    if (code == bio::lzma::unsupported_check) return "unsupported xz integrity check";
    if (code == bio::lzma::mem_error) return "xz decoder out of memory";
    return "xz error " + std::to_string(code) + " (not an xz stream, or trailing garbage?)";
  }
  return std::string("xz decoder failed: ") + e.what();
}

// Drives a Boost SymmetricFilter (the documented concept behind
// symmetric_filter::filter()) by hand instead of through a filtering
// streambuf: the filter then reads StoredInput's buffer and writes the
// caller's buffer directly, and when it throws, its pointers still say how
// far it got, so no decoded byte before the damage is lost.
template <typename Decompressor>
class BoostFilterReader final : public DecodingReader {
 public:
  using Describe = std::string (*)(const std::exception&);

  BoostFilterReader(Compression kind, std::unique_ptr<StoredInput> input, Describe describe)
      : DecodingReader(kind, std::move(input)), describe_(describe) {}

 private:
  size_t decode(char* buf, size_t cap) override {
    StoredInput& in = input();
    while (!ended_) {
      if (in.available().empty()) in.refill();
      std::string_view avail = in.available();
      const char* src = avail.data();
      char* dst = buf;
      try {
        // flush: no input will follow what is passed now.
        ended_ = !decompressor_.filter().filter(src, avail.data() + avail.size(), dst, buf + cap, in.at_eof());
      } catch (const std::exception& e) {
        in.consume(static_cast<size_t>(src - avail.data()));
        fail(describe_(e) + ", detected at stored offset " + std::to_string(in.offset()));
        return static_cast<size_t>(dst - buf);
      }
      in.consume(static_cast<size_t>(src - avail.data()));
      if (ended_ && (!in.available().empty() || in.refill())) {
        fail(std::string("trailing garbage after the last ") + std::string(compression_name(compression())) +
             " stream at stored offset " + std::to_string(in.offset()));
      }
      if (dst != buf || ended_) return static_cast<size_t>(dst - buf);
      if (src == avail.data() && in.at_eof()) {
        // The filters throw on a cut stream; this only guards against a
        // filter that neither ends nor progresses.
        fail("truncated " + std::string(compression_name(compression())) + " stream, detected at stored offset " +
             std::to_string(in.offset()));
        return 0;
      }
    }
    return 0;
  }

  Describe describe_;
  Decompressor decompressor_;
  bool ended_ = false;  // the filter reported the end of the last stream
};

}  // namespace

std::unique_ptr<SourceReader> make_bzip2_reader(std::unique_ptr<StoredInput> input) {
  return std::make_unique<BoostFilterReader<bio::bzip2_decompressor>>(Compression::kBzip2, std::move(input),
                                                                      describe_bzip2);
}

std::unique_ptr<SourceReader> make_xz_reader(std::unique_ptr<StoredInput> input) {
  return std::make_unique<BoostFilterReader<bio::lzma_decompressor>>(Compression::kXz, std::move(input),
                                                                     describe_xz);
}

}  // namespace alcor
