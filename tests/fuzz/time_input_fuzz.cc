// Times and durations as typed by users or written in inquiry letters.
#include <array>
#include <optional>
#include <string>

#include "engine/time_input.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  alcor::fuzz::FuzzInput in(data, size);
  // No zone (offset required), UTC, and zones with and without DST.
  static const std::array<std::optional<std::string_view>, 4> kZones = {
      std::nullopt, std::string_view(""), std::string_view("Asia/Tokyo"), std::string_view("Europe/Berlin")};
  const auto zone = kZones[in.choose(kZones.size())];
  const std::string_view text = in.rest();
  std::string error;
  if (!alcor::parse_asked_time(text, zone, &error) && error.empty()) __builtin_trap();
  error.clear();
  if (!alcor::parse_time_input(text, &error) && error.empty()) __builtin_trap();
  error.clear();
  if (!alcor::parse_duration(text, &error) && error.empty()) __builtin_trap();
  return 0;
}
