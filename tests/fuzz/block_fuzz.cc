// Block decoding behind the CRC: the input is compressed here as a writer
// would, so the fuzzer reaches the column decoders themselves, the full one
// and the five-column one of address queries (a damaged block with a
// matching CRC must still be refused with IndexError, not misread).
#include <zstd.h>

#include <string>

#include "index/address_set.h"
#include "index/file_util.h"
#include "index/record_block.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

std::string compress(std::string_view raw) {
  std::string frame(ZSTD_compressBound(raw.size()), '\0');
  frame.resize(ZSTD_compress(frame.data(), frame.size(), raw.data(), raw.size(), 1));
  return frame;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  alcor::fuzz::FuzzInput in(data, size);
  const auto records = static_cast<uint32_t>(in.choose(64));
  // The fields, the address set and the lines column, split at NULs.
  const std::string_view fields = in.take_until_nul();
  const std::string_view addresses = in.take_until_nul();
  const std::string_view lines = in.rest();
  try {
    const auto [first, last] = alcor::address_set_ranks(addresses, *alcor::IpPrefix::parse("::/0"), "fuzz block");
    alcor::find_address_rows(compress(fields), static_cast<uint32_t>(fields.size()), records, first, last, INT64_MIN,
                             INT64_MAX, "fuzz block");
  } catch (const alcor::IndexError&) {
  }
  try {
    std::vector<alcor::StoredRecord> decoded =
        alcor::decode_block_fields(compress(fields), static_cast<uint32_t>(fields.size()), addresses, records,
                                   "fuzz block");
    alcor::decode_block_lines(compress(lines), static_cast<uint32_t>(lines.size()), &decoded, "fuzz block");
  } catch (const alcor::IndexError&) {
  }
  return 0;
}
