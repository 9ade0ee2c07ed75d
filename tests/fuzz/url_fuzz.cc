// URL canonicalisation of logged targets and of URLs typed in queries.
#include <string>

#include "parsers/url.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = alcor::fuzz::FuzzInput(data, size).rest();
  const alcor::CanonicalUrl url = alcor::canonicalize_target(text);
  // The fast path's promise (url.h): such a target is its own canonical form.
  if (alcor::is_canonical_origin_target(text) && (url.path_query != text || !url.host.empty())) __builtin_trap();
  // A canonical form is its own canonical form: an index key and a query
  // key of the same request cannot drift apart by canonicalising twice.
  if (alcor::canonicalize_target(url.path_query).path_query != url.path_query) __builtin_trap();
  alcor::canonicalize_host(text);
  std::string error;
  if (!alcor::parse_query_url(text, &error) && error.empty()) __builtin_trap();
  return 0;
}
