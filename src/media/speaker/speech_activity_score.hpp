// SpeechActivityScore: the speech activity score of Volfin & Cohen, "Dominant speaker
// identification for multipoint videoconferencing" (Computer Speech and Language 27, 2013), §3.
// Over an interval of n sub-units of which k were active, it is the log-likelihood ratio of two
// hypotheses: speech, under which each sub-unit is active independently with probability p
// (binomial), against non-speech, under which a count of active sub-units is exponentially
// unlikely (rate lambda):
//     score(k) = ln C(n,k) + k ln p + (n - k) ln(1 - p) - ln lambda + lambda k
// Scores below zero (non-speech more likely) are zero, so every quiet stream scores the same; and
// the table is made non-decreasing in k (for lambda < ln n the binomial term would rank "almost
// always active" below "often active", which no comparison of speakers should). lambda sets how
// much activity it takes to score at all; the scores of two streams are compared by difference.
// Computed once per (n, p, lambda) into a table: no work per packet.
#pragma once

#include <array>
#include <cstddef>

namespace dienhong::media {

class SpeechActivityScore {
 public:
  static constexpr int kMaxSubUnits = 64;

  // Throws std::invalid_argument unless 1 <= n <= 64, 0 < p < 1 and lambda > 0.
  SpeechActivityScore(int subUnits, double speechProbability, double lambda);

  // The score of `active` active sub-units out of subUnits(), clamped to [0, n].
  double operator()(int active) const;
  int subUnits() const { return subUnits_; }

 private:
  int subUnits_;
  std::array<double, kMaxSubUnits + 1> table_{};
};

}  // namespace dienhong::media
