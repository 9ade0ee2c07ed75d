// A damaged MANIFEST must be refused with IndexError, never crash.
#include "index/file_util.h"
#include "index/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const alcor::Manifest m = alcor::Manifest::parse({reinterpret_cast<const char*>(data), size}, "MANIFEST");
    // What parses must survive its own round trip.
    alcor::Manifest::parse(m.to_json(), "MANIFEST (rewritten)");
  } catch (const alcor::IndexError&) {
  }
  return 0;
}
