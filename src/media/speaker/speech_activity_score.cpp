#include "media/speaker/speech_activity_score.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dienhong::media {

SpeechActivityScore::SpeechActivityScore(int subUnits, double speechProbability, double lambda)
    : subUnits_(subUnits) {
  if (subUnits < 1 || subUnits > kMaxSubUnits) throw std::invalid_argument("speech activity sub-units out of range");
  if (!(speechProbability > 0 && speechProbability < 1)) throw std::invalid_argument("speech probability out of range");
  if (!(lambda > 0)) throw std::invalid_argument("non-speech rate must be positive");
  const double n = subUnits;
  double best = 0;
  for (int k = 0; k <= subUnits; ++k) {
    const double logBinomial = std::lgamma(n + 1) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1);
    const double llr = logBinomial + k * std::log(speechProbability) + (n - k) * std::log(1 - speechProbability) -
                       std::log(lambda) + lambda * k;
    best = std::max(best, llr);
    table_[static_cast<size_t>(k)] = best;
  }
}

double SpeechActivityScore::operator()(int active) const {
  return table_[static_cast<size_t>(std::clamp(active, 0, subUnits_))];
}

}  // namespace dienhong::media
