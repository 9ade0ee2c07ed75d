// x % d for one divisor and many x, exactly, by multiplication: a 64-bit
// division takes tens of cycles, and a Bloom filter takes six remainders per
// key, for every URL of every block written and every block a query probes.
#ifndef ALCOR_INDEX_FAST_MODULO_H_
#define ALCOR_INDEX_FAST_MODULO_H_

#include <cstdint>

namespace alcor {

class FastModulo {
 public:
  // d > 0.
  explicit FastModulo(uint64_t d) : d_(d), inverse_(~uint64_t{0} / d) {}

  // With inverse = floor((2^64 - 1) / d), q = floor(x * inverse / 2^64) is
  // never above x / d and less than 2 below it: the remainder left is below
  // 3d, and at most two subtractions make it exact. Both are conditional
  // moves: whether one is needed is a coin toss per key, and a loop would
  // mispredict on every other probe.
  uint64_t operator()(uint64_t x) const {
    __extension__ typedef unsigned __int128 Wide;  // GCC and Clang
    const uint64_t q = static_cast<uint64_t>(static_cast<Wide>(x) * inverse_ >> 64);
    uint64_t r = x - q * d_;
    r = r >= d_ ? r - d_ : r;
    return r >= d_ ? r - d_ : r;
  }

 private:
  uint64_t d_;
  uint64_t inverse_;
};

}  // namespace alcor

#endif  // ALCOR_INDEX_FAST_MODULO_H_
