// Deterministic random draws for the log generator.
//
// std::mt19937_64's output sequence is fixed by the standard, but the std
// distributions are not (libstdc++ and libc++ draw differently), so the few
// draws built on top of the engine live here: one --seed must give the same
// corpus byte for byte wherever alcor-loggen is built.
#ifndef ALCOR_TOOLS_LOGGEN_RNG_H_
#define ALCOR_TOOLS_LOGGEN_RNG_H_

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>

namespace alcor::loggen {

// Independent sequences drawn from one --seed, so that e.g. the planted
// postings do not move when the volume changes.
enum class RngStream : uint64_t { kSetup = 0, kPlants = 1, kTraffic = 2, kSizeSample = 3 };

class Rng {
 public:
  Rng(uint64_t seed, RngStream stream)
      : engine_(seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(stream) * 0xD1B54A32D192ED03ULL + 1) {}

  uint64_t bits() { return engine_(); }

  // Uniform in [0, n) by multiply-shift (Lemire); the bias for the small n we
  // use is below 2^-40 and irrelevant for synthetic traffic.
  uint64_t below(uint64_t n) {
    __extension__ using U128 = unsigned __int128;
    return static_cast<uint64_t>((static_cast<U128>(engine_()) * n) >> 64);
  }
  // Uniform in [lo, hi], both inclusive.
  int64_t between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // Uniform in [0, 1) with 53 random bits.
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_RNG_H_
