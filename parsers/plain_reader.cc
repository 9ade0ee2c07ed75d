// Uncompressed files: stored bytes are the stream, read straight into the
// caller's buffer.
#include "parsers/decoding_reader.h"

namespace alcor {
namespace {

class PlainReader final : public DecodingReader {
 public:
  explicit PlainReader(std::unique_ptr<StoredInput> input)
      : DecodingReader(Compression::kPlain, std::move(input)) {}

 private:
  size_t decode(char* buf, size_t cap) override { return input().read_into(buf, cap); }
};

}  // namespace

std::unique_ptr<SourceReader> make_plain_reader(std::unique_ptr<StoredInput> input) {
  return std::make_unique<PlainReader>(std::move(input));
}

}  // namespace alcor
