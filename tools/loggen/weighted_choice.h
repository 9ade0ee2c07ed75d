// Constant-time draws from a fixed discrete distribution (Vose's alias
// method). Every line of a multi-GB corpus draws a client, a site and a URL,
// so the draw must not cost a binary search over thousands of weights.
#ifndef ALCOR_TOOLS_LOGGEN_WEIGHTED_CHOICE_H_
#define ALCOR_TOOLS_LOGGEN_WEIGHTED_CHOICE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "tools/loggen/rng.h"

namespace alcor::loggen {

class WeightedChoice {
 public:
  WeightedChoice() = default;
  // Weights need not be normalised; at least one must be positive.
  explicit WeightedChoice(std::span<const double> weights);

  // Rank k (0-based) has weight 1 / (k + 1)^exponent: web popularity of
  // pages, sites and clients is close to Zipf with an exponent near 1.
  static WeightedChoice zipf(size_t n, double exponent);

  size_t operator()(Rng& rng) const {
    size_t column = rng.below(threshold_.size());
    return rng.unit() < threshold_[column] ? column : alias_[column];
  }
  size_t size() const { return threshold_.size(); }

 private:
  std::vector<double> threshold_;
  std::vector<uint32_t> alias_;
};

}  // namespace alcor::loggen

#endif  // ALCOR_TOOLS_LOGGEN_WEIGHTED_CHOICE_H_
