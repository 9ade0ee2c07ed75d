#include "tests/test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace alcor::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "alcor-test-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void write_file(const fs::path& p, std::string_view bytes) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!f) throw std::runtime_error("cannot write " + p.string());
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

fs::path test_data_dir() { return ALCOR_TEST_DATA_DIR; }

static fs::path shared_subdir(const char* name) {
  fs::path p = fs::path(ALCOR_SHARED_DIR) / "data" / name;
  std::error_code ec;
  return fs::is_directory(p, ec) ? p : fs::path();
}

fs::path shared_real_dir() { return shared_subdir("real"); }
fs::path shared_whois_dir() { return shared_subdir("whois"); }

int run_command(const std::string& cmd, std::string* out, std::string* err) {
  static std::atomic<int> counter{0};
  fs::path err_file = fs::temp_directory_path() /
                      ("alcor-test-stderr-" + std::to_string(getpid()) + "-" +
                       std::to_string(counter++));
  std::string full = cmd + " 2>" + err_file.string();
  FILE* pipe = popen(full.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed");
  std::string captured;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) captured.append(buf, n);
  int status = pclose(pipe);
  if (out) *out = std::move(captured);
  if (err) *err = read_file(err_file);
  std::error_code ec;
  fs::remove(err_file, ec);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace alcor::testing
