#include "media/bwe/acknowledged_bitrate_estimator.hpp"

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

// 1000-byte packets every `gap`: 8000 bits per gap.
void feed(AcknowledgedBitrateEstimator& estimator, RemoteTime& t, std::chrono::microseconds gap, int count) {
  for (int i = 0; i < count; ++i) estimator.add(t += gap, 1000);
}

TEST(AcknowledgedBitrateEstimator, MeasuresASteadyStream) {
  AcknowledgedBitrateEstimator estimator;
  RemoteTime t{1'000'000};
  feed(estimator, t, 8ms, 100);  // 1 Mbit/s
  ASSERT_TRUE(estimator.bitrate().has_value());
  EXPECT_NEAR(static_cast<double>(*estimator.bitrate()), 1'000'000.0, 10'000.0);
}

TEST(AcknowledgedBitrateEstimator, UnknownUntilEnoughHasArrived) {
  AcknowledgedBitrateEstimator estimator;
  RemoteTime t{0};
  EXPECT_FALSE(estimator.bitrate().has_value());
  feed(estimator, t, 8ms, 5);  // 40 ms: too short a span
  EXPECT_FALSE(estimator.bitrate().has_value());
}

TEST(AcknowledgedBitrateEstimator, FollowsARateChangeWithinItsWindow) {
  AcknowledgedBitrateEstimator estimator;
  RemoteTime t{0};
  feed(estimator, t, 8ms, 100);
  feed(estimator, t, 16ms, 25);  // 500 kbit/s for 400 ms, more than the 300 ms window
  EXPECT_NEAR(static_cast<double>(*estimator.bitrate()), 500'000.0, 10'000.0);
}

TEST(AcknowledgedBitrateEstimator, AClockJumpLeavesNothingOfTheOldWindow) {
  AcknowledgedBitrateEstimator estimator;
  RemoteTime t{0};
  feed(estimator, t, 1ms, 200);  // 8 Mbit/s
  t += 60s;
  feed(estimator, t, 8ms, 30);
  EXPECT_NEAR(static_cast<double>(*estimator.bitrate()), 1'000'000.0, 10'000.0);
}

TEST(AcknowledgedBitrateEstimator, ShortensTheWindowRatherThanAllocateWhenTheRingIsFull) {
  AcknowledgedBitrateEstimator estimator;
  RemoteTime t{0};
  feed(estimator, t, 50us, 10'000);  // 160 Mbit/s, 6000 packets per window
  ASSERT_TRUE(estimator.bitrate().has_value());
  EXPECT_NEAR(static_cast<double>(*estimator.bitrate()), 160'000'000.0, 2'000'000.0);
}

}  // namespace
}  // namespace dienhong::media
