#include "media/bwe/adaptive_threshold.hpp"

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

TEST(AdaptiveThreshold, RisesTowardsATrendAboveItAndFallsTowardsOneBelow) {
  AdaptiveThreshold threshold;
  RemoteTime now{0};
  threshold.update(0, now);
  EXPECT_DOUBLE_EQ(threshold.value(), 12.5);
  for (int i = 0; i < 100; ++i) threshold.update(20, now += 10ms);
  EXPECT_GT(threshold.value(), 19.0);
  EXPECT_LE(threshold.value(), 20.0);
  for (int i = 0; i < 100; ++i) threshold.update(8, now += 10ms);
  EXPECT_LT(threshold.value(), 8.5);
}

TEST(AdaptiveThreshold, StaysWithinSixAndSixHundredMilliseconds) {
  AdaptiveThreshold threshold;
  RemoteTime now{0};
  for (int i = 0; i < 1000; ++i) threshold.update(0, now += 10ms);
  EXPECT_DOUBLE_EQ(threshold.value(), 6.0);
  // Creep up slowly enough never to be a spike.
  double trend = 6;
  for (int i = 0; i < 20000; ++i) {
    trend = threshold.value() + 10;
    threshold.update(trend, now += 10ms);
  }
  EXPECT_DOUBLE_EQ(threshold.value(), 600.0);
}

TEST(AdaptiveThreshold, ASpikeFarAboveDoesNotMoveIt) {
  AdaptiveThreshold threshold;
  RemoteTime now{0};
  threshold.update(0, now);
  threshold.update(100, now += 50ms);
  EXPECT_DOUBLE_EQ(threshold.value(), 12.5);
}

TEST(AdaptiveThreshold, ALongGapCountsAsAtMostOneHundredMilliseconds) {
  AdaptiveThreshold a;
  AdaptiveThreshold b;
  a.update(0, RemoteTime{0});
  b.update(0, RemoteTime{0});
  a.update(20, RemoteTime{0} + 100ms);
  b.update(20, RemoteTime{0} + 10s);
  EXPECT_DOUBLE_EQ(a.value(), b.value());
}

}  // namespace
}  // namespace dienhong::media
