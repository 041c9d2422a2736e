#include "media/speaker/speech_activity_score.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace dienhong::media {
namespace {

TEST(SpeechActivityScore, IsTheLogLikelihoodRatioOfBinomialSpeechOverExponentialNonSpeech) {
  SpeechActivityScore score(10, 0.5, 2.0);
  // ln C(10,3) + 10 ln 0.5 - ln 2 + 2 * 3
  const double expected = std::log(120.0) + 10 * std::log(0.5) - std::log(2.0) + 6;
  EXPECT_NEAR(score(3), expected, 1e-9);
  EXPECT_NEAR(score(3), 3.17, 0.01);
}

TEST(SpeechActivityScore, IsZeroWhereNonSpeechIsMoreLikely) {
  SpeechActivityScore score(10, 0.5, 2.0);
  EXPECT_EQ(score(0), 0.0);
  EXPECT_EQ(score(1), 0.0);
  EXPECT_GT(score(2), 0.0);
}

TEST(SpeechActivityScore, NeverDecreasesWithMoreActivity) {
  SpeechActivityScore score(13, 0.5, 1.5);  // lambda < ln 13: the raw ratio bends down at the top
  for (int k = 1; k <= 13; ++k) EXPECT_GE(score(k), score(k - 1)) << k;
  EXPECT_EQ(score(13), score(11));
}

TEST(SpeechActivityScore, ClampsCountsOutsideTheInterval) {
  SpeechActivityScore score(10, 0.5, 2.0);
  EXPECT_EQ(score(-5), score(0));
  EXPECT_EQ(score(99), score(10));
}

TEST(SpeechActivityScore, RejectsImpossibleParameters) {
  EXPECT_THROW(SpeechActivityScore(0, 0.5, 1), std::invalid_argument);
  EXPECT_THROW(SpeechActivityScore(65, 0.5, 1), std::invalid_argument);
  EXPECT_THROW(SpeechActivityScore(10, 1.0, 1), std::invalid_argument);
  EXPECT_THROW(SpeechActivityScore(10, 0.5, 0), std::invalid_argument);
}

}  // namespace
}  // namespace dienhong::media
