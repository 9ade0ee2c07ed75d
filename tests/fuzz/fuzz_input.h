// Helpers shared by the libFuzzer targets: how a target carves its one byte
// string into the pieces it feeds to the code under test.
#ifndef ALCOR_TESTS_FUZZ_FUZZ_INPUT_H_
#define ALCOR_TESTS_FUZZ_FUZZ_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace alcor::fuzz {

class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : rest_(reinterpret_cast<const char*>(data), size) {}

  // The first byte as a choice among `n` options (0 when the input is empty),
  // so that a seed can pin the choice and mutations can change it.
  size_t choose(size_t n) {
    if (rest_.empty()) return 0;
    const auto c = static_cast<unsigned char>(rest_.front());
    rest_.remove_prefix(1);
    return c % n;
  }

  // Everything up to the first NUL (the NUL is consumed): a format spec
  // ahead of the lines it is tried on.
  std::string_view take_until_nul() {
    const size_t nul = rest_.find('\0');
    const std::string_view head = rest_.substr(0, nul);
    rest_.remove_prefix(nul == std::string_view::npos ? rest_.size() : nul + 1);
    return head;
  }

  // The remaining bytes split at '\n' as the line splitter hands lines to a
  // parser (a trailing '\r' stays: parsers must cope with it).
  std::vector<std::string_view> lines() const {
    std::vector<std::string_view> out;
    std::string_view r = rest_;
    while (!r.empty()) {
      const size_t nl = r.find('\n');
      out.push_back(r.substr(0, nl));
      r.remove_prefix(nl == std::string_view::npos ? r.size() : nl + 1);
    }
    return out;
  }

  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
};

}  // namespace alcor::fuzz

#endif  // ALCOR_TESTS_FUZZ_FUZZ_INPUT_H_
