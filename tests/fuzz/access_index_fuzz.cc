// A damaged access index blob (DIR/access/src-N.aix) must be refused with a
// reason, never crash; what it accepts must serialize to a blob it accepts
// again (not byte for byte: a varint may be written with redundant bytes).
//
// The input is the blob without its trailing CRC-32C, which is appended
// here: otherwise nearly every mutation would stop at the checksum and the
// fuzzer would never reach the fields behind it.
#include <string>

#include "parsers/access_index.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string blob(reinterpret_cast<const char*>(data), size);
  const uint32_t crc = alcor::access_crc32c(blob);
  for (int i = 0; i < 4; ++i) blob.push_back(static_cast<char>(crc >> (8 * i)));
  std::string error;
  const auto index = alcor::AccessIndex::parse(blob, &error);
  if (!index) {
    if (error.empty()) __builtin_trap();
    return 0;
  }
  if (!alcor::AccessIndex::parse(index->serialize(), &error)) __builtin_trap();
  return 0;
}
