// The registry importers (RPSL whois, RDAP JSON, JPNIC, delegated stats,
// address book CSV) and kind detection on hostile files. Importers either
// return a batch or throw ParseError; anything else is a finding.
#include "parsers/registry_address_book.h"
#include "parsers/registry_delegated.h"
#include "parsers/registry_jpnic.h"
#include "parsers/registry_rdap.h"
#include "parsers/registry_rpsl.h"
#include "parsers/registry_source.h"
#include "tests/fuzz/fuzz_input.h"

namespace registry = alcor::registry;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  alcor::fuzz::FuzzInput in(data, size);
  const size_t importer = in.choose(6);
  const std::string_view text = in.rest();
  registry::detect_kind(text);
  try {
    switch (importer) {
      case 0: registry::parse_rpsl(text); break;
      case 1: registry::parse_rdap(text); break;
      case 2: registry::parse_jpnic(text); break;
      case 3: registry::parse_delegated_stats(text); break;
      case 4: registry::parse_delegated_stats(text, {.check_record_count = false}); break;
      default: registry::parse_address_book(text); break;
    }
  } catch (const registry::ParseError&) {
  }
  return 0;
}
