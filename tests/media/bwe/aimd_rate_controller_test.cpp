#include "media/bwe/aimd_rate_controller.hpp"

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

const BweTime kT0 = BweTime{} + 100s;

AimdRateController::Config config() {
  AimdRateController::Config c;
  c.minBitrate = 30'000;
  c.maxBitrate = 10'000'000;
  return c;
}

TEST(AimdRateController, IncreasesAboutEightPercentPerSecondFarFromCapacity) {
  AimdRateController rate(config(), 1'000'000);
  BweTime now = kT0;
  rate.update(BandwidthUsage::kNormal, 1'000'000, now);
  for (int i = 0; i < 10; ++i) rate.update(BandwidthUsage::kNormal, 1'000'000, now += 100ms);
  EXPECT_NEAR(static_cast<double>(rate.estimate()), 1'080'000.0, 5'000.0);
  EXPECT_EQ(rate.state(), RateControlState::kIncrease);
}

TEST(AimdRateController, NeverIncreasesPastOneAndAHalfTimesTheAcknowledgedRate) {
  AimdRateController rate(config(), 600'000);
  BweTime now = kT0;
  for (int i = 0; i < 100; ++i) rate.update(BandwidthUsage::kNormal, 500'000, now += 100ms);
  EXPECT_EQ(rate.estimate(), 760'000);  // 1.5 x 500k + 10k: kept from growing further...
  AimdRateController high(config(), 2'000'000);
  for (int i = 0; i < 10; ++i) high.update(BandwidthUsage::kNormal, 500'000, now += 100ms);
  EXPECT_EQ(high.estimate(), 2'000'000);  // ...and never cut for being above it
}

TEST(AimdRateController, OveruseCutsToEightyFivePercentOfTheAcknowledgedRateThenHolds) {
  AimdRateController rate(config(), 2'000'000);
  BweTime now = kT0;
  rate.setRtt(50ms);
  rate.update(BandwidthUsage::kOverusing, 1'800'000, now);
  EXPECT_EQ(rate.estimate(), 1'530'000);
  EXPECT_EQ(rate.state(), RateControlState::kHold);
  // The same episode seen again within a round trip: no second cut.
  rate.update(BandwidthUsage::kOverusing, 1'000'000, now += 20ms);
  EXPECT_EQ(rate.estimate(), 1'530'000);
  // After a round trip, only if the delivered rate itself fell.
  rate.update(BandwidthUsage::kOverusing, 1'800'000, now += 60ms);
  EXPECT_EQ(rate.estimate(), 1'530'000);
  rate.update(BandwidthUsage::kOverusing, 1'000'000, now += 60ms);
  EXPECT_EQ(rate.estimate(), 850'000);
}

TEST(AimdRateController, IncreasesAdditivelyNearTheLastCongestionPoint) {
  AimdRateController rate(config(), 2'000'000);
  BweTime now = kT0;
  rate.update(BandwidthUsage::kOverusing, 2'000'000, now);  // capacity ~2 Mbit/s learnt
  ASSERT_TRUE(rate.linkCapacity().known());
  rate.update(BandwidthUsage::kNormal, 1'700'000, now += 100ms);  // hold -> increase
  const int64_t start = rate.estimate();
  for (int i = 0; i < 10; ++i) rate.update(BandwidthUsage::kNormal, 1'700'000, now += 100ms);
  const int64_t gained = rate.estimate() - start;
  EXPECT_GT(gained, 4'000);
  EXPECT_LT(gained, 80'000);  // far less than 8 % of 1.7 Mbit/s
}

TEST(AimdRateController, UnderuseHoldsTheRate) {
  AimdRateController rate(config(), 1'000'000);
  BweTime now = kT0;
  rate.update(BandwidthUsage::kNormal, 1'000'000, now);
  rate.update(BandwidthUsage::kUnderusing, 1'000'000, now += 100ms);
  const int64_t held = rate.estimate();
  for (int i = 0; i < 10; ++i) rate.update(BandwidthUsage::kUnderusing, 1'000'000, now += 100ms);
  EXPECT_EQ(rate.estimate(), held);
  EXPECT_EQ(rate.state(), RateControlState::kHold);
}

TEST(AimdRateController, StaysWithinMinimumAndMaximum) {
  AimdRateController rate(config(), 50'000);
  BweTime now = kT0;
  for (int i = 0; i < 20; ++i) rate.update(BandwidthUsage::kOverusing, 1'000, now += 300ms);
  EXPECT_EQ(rate.estimate(), 30'000);
  rate.setEstimate(50'000'000, now);
  EXPECT_EQ(rate.estimate(), 10'000'000);
}

TEST(AimdRateController, WithoutAcknowledgedRateOveruseCutsTheEstimateItself) {
  AimdRateController rate(config(), 1'000'000);
  rate.update(BandwidthUsage::kOverusing, std::nullopt, kT0);
  EXPECT_EQ(rate.estimate(), 850'000);
}

}  // namespace
}  // namespace dienhong::media
