// Helpers shared by the test files: temporary directories, test data paths.
#ifndef ALCOR_TESTS_TEST_SUPPORT_H_
#define ALCOR_TESTS_TEST_SUPPORT_H_

#include <filesystem>
#include <string>
#include <string_view>

namespace alcor::testing {

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& p, std::string_view bytes);
std::string read_file(const std::filesystem::path& p);

// tests/data in the source tree.
std::filesystem::path test_data_dir();

// ../shared/data/real next to the checkout; empty path when absent (tests
// that need it call GTEST_SKIP()).
std::filesystem::path shared_real_dir();
std::filesystem::path shared_whois_dir();

// Runs a shell command, returns its exit status; stdout goes to *out when
// given, stderr to *err when given.
int run_command(const std::string& cmd, std::string* out = nullptr, std::string* err = nullptr);

// `p` in single quotes, for run_command (test paths hold no quote).
inline std::string sh_quote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace alcor::testing

#endif  // ALCOR_TESTS_TEST_SUPPORT_H_
