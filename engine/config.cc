#include "engine/config.h"

#include <cstdlib>
#include <fstream>

namespace alcor {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> Config::get(std::string_view key) const {
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::optional<Config> load_config(const std::filesystem::path& index_dir, std::string* error) {
  Config c;
  const char* env = std::getenv("ALCOR_CONFIG");
  c.file = env && *env ? std::filesystem::path(env) : index_dir / "config";
  std::ifstream in(c.file);
  if (!in) {
    if (env && *env) {
      *error = "cannot read config " + c.file.string() + " (named by ALCOR_CONFIG)";
      return std::nullopt;
    }
    c.file.clear();
    return c;
  }
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string_view text = line;
    text = trim(text.substr(0, text.find('#')));
    if (text.empty()) continue;
    size_t eq = text.find('=');
    std::string_view key = trim(text.substr(0, eq));
    if (eq == std::string_view::npos || key.empty()) {
      *error = c.file.string() + ":" + std::to_string(number) + ": expected 'key = value'";
      return std::nullopt;
    }
    c.values[std::string(key)] = std::string(trim(text.substr(eq + 1)));
  }
  return c;
}

}  // namespace alcor
