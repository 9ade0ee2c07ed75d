// Helpers for the registry tests: sample paths and importing samples.
#ifndef ALCOR_TESTS_REGISTRY_SAMPLES_H_
#define ALCOR_TESTS_REGISTRY_SAMPLES_H_

#include <filesystem>
#include <string>
#include <vector>

#include "index/registry_db.h"
#include "parsers/registry_source.h"
#include "tests/test_support.h"

namespace alcor::testing {

inline std::filesystem::path whois_sample(const std::string& rel) {
  return test_data_dir() / "whois" / rel;
}

// Parses one sample as `alcor registry import` would (the excerpts keep
// their full file's header counts, hence no count check).
inline registry::ImportBatch parse_sample(const std::string& rel) {
  registry::ImportOptions options;
  options.check_record_count = false;
  return registry::parse_registry_file(registry::read_registry_file(whois_sample(rel)), options);
}

inline registry::RegistryData import_samples(const std::vector<std::string>& rels) {
  registry::RegistryData data;
  for (const auto& rel : rels) {
    auto file = registry::read_registry_file(whois_sample(rel));
    registry::ImportOptions options;
    options.check_record_count = false;
    data.add(registry::parse_registry_file(file, options), rel, file.sha256, "2026-11-27T00:00:00Z");
  }
  return data;
}

// The contact with this handle among a batch's contacts, or null.
inline const registry::Contact* contact(const registry::ImportBatch& b, const std::string& handle) {
  for (const auto& c : b.contacts) {
    if (c.handle == handle) return &c;
  }
  return nullptr;
}

}  // namespace alcor::testing

#endif  // ALCOR_TESTS_REGISTRY_SAMPLES_H_
