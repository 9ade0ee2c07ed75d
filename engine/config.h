// Settings an operator fixes once instead of repeating them per command.
//
// A config file holds "key = value" lines; '#' starts a comment. It is read
// from $ALCOR_CONFIG when that is set, else from DIR/config of the index
// being queried. Keys:
//   tz = Asia/Tokyo   zone of inquiry times written without an offset
// A key given on the command line wins over the file.
#ifndef ALCOR_ENGINE_CONFIG_H_
#define ALCOR_ENGINE_CONFIG_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace alcor {

struct Config {
  std::filesystem::path file;  // where it was read from; empty when none
  std::map<std::string, std::string, std::less<>> values;

  std::optional<std::string> get(std::string_view key) const;
};

// Reads $ALCOR_CONFIG, else INDEX_DIR/config; an absent file gives an empty
// Config. Returns nullopt and sets *error for a file that exists but cannot
// be read or has a malformed line (named by number).
std::optional<Config> load_config(const std::filesystem::path& index_dir, std::string* error);

}  // namespace alcor

#endif  // ALCOR_ENGINE_CONFIG_H_
