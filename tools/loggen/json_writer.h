// Just enough JSON output for the ground truth and the summary: objects,
// arrays, strings, integers. Commas are placed automatically.
#ifndef ALCOR_TOOLS_LOGGEN_JSON_WRITER_H_
#define ALCOR_TOOLS_LOGGEN_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace alcor::loggen {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(int64_t v);
  JsonWriter& value(uint64_t v);
  JsonWriter& value(uint32_t v) { return value(uint64_t{v}); }
  JsonWriter& value(bool v);
  template <typename T>
  JsonWriter& field(std::string_view k, const T& v) {
    return key(k).value(v);
  }

 private:
  void separate();
  void append_string(std::string_view s);

  std::string& out_;
  std::vector<bool> first_in_scope_{true};
  bool after_key_ = false;
};

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_JSON_WRITER_H_
