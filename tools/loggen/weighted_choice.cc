#include "tools/loggen/weighted_choice.h"

#include <cmath>
#include <numeric>
#include <stdexcept>

namespace alcor::loggen {

WeightedChoice::WeightedChoice(std::span<const double> weights)
    : threshold_(weights.size()), alias_(weights.size()) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (weights.empty() || !(total > 0)) throw std::invalid_argument("WeightedChoice: no positive weight");
  // Scale so that the mean column holds exactly 1, then pair every
  // under-full column with an over-full one that tops it up.
  const double scale = static_cast<double>(weights.size()) / total;
  std::vector<uint32_t> small, large;
  for (size_t i = 0; i < weights.size(); ++i) {
    threshold_[i] = weights[i] * scale;
    alias_[i] = static_cast<uint32_t>(i);
    (threshold_[i] < 1.0 ? small : large).push_back(static_cast<uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    uint32_t s = small.back(), l = large.back();
    small.pop_back();
    alias_[s] = l;
    threshold_[l] -= 1.0 - threshold_[s];
    if (threshold_[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Whatever is left is full up to rounding error.
  for (uint32_t i : small) threshold_[i] = 1.0;
  for (uint32_t i : large) threshold_[i] = 1.0;
}

WeightedChoice WeightedChoice::zipf(size_t n, double exponent) {
  std::vector<double> w(n);
  for (size_t k = 0; k < n; ++k) w[k] = 1.0 / std::pow(static_cast<double>(k + 1), exponent);
  return WeightedChoice(w);
}

}  // namespace alcor::loggen
