#include "media/bwe/loss_based_controller.hpp"

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

const BweTime kT0 = BweTime{} + 100s;

// One loss interval: `reported` packets, `lost` of them lost, then an update 0.5 s later.
void interval(LossBasedController& loss, BweTime& now, int reported, int lost, int64_t target) {
  loss.onPacketsReported(reported, lost);
  loss.update(now += 500ms, target, 50ms);
}

TEST(LossBasedController, DoesNotConstrainWithoutLoss) {
  LossBasedController loss;
  BweTime now = kT0;
  loss.update(now, 1'000'000, 50ms);
  for (int i = 0; i < 10; ++i) interval(loss, now, 100, 0, 1'000'000);
  EXPECT_EQ(loss.bound(), 10'000'000);
  EXPECT_EQ(loss.state(), RateControlState::kIncrease);
}

TEST(LossBasedController, HighLossCutsInProportionAtMostOncePerGuardInterval) {
  LossBasedController loss;
  BweTime now = kT0;
  loss.update(now, 1'000'000, 50ms);
  interval(loss, now, 100, 20, 1'000'000);  // 20 %: x (1 - 0.1)
  EXPECT_EQ(loss.bound(), 900'000);
  EXPECT_EQ(loss.state(), RateControlState::kDecrease);
  // Another lossy interval already 0.5 s later (> 300 ms + rtt): cut again, from the bound.
  interval(loss, now, 100, 40, 1'000'000);
  EXPECT_EQ(loss.bound(), 720'000);
}

TEST(LossBasedController, ModerateLossHoldsAndLowLossRecovers) {
  LossBasedController loss;
  BweTime now = kT0;
  loss.update(now, 1'000'000, 50ms);
  interval(loss, now, 100, 20, 1'000'000);
  const int64_t cut = loss.bound();
  for (int i = 0; i < 4; ++i) interval(loss, now, 100, 5, 1'000'000);
  EXPECT_EQ(loss.bound(), cut);
  EXPECT_EQ(loss.state(), RateControlState::kHold);
  for (int i = 0; i < 2; ++i) interval(loss, now, 100, 1, 1'000'000);
  EXPECT_GT(loss.bound(), cut);
  EXPECT_LT(loss.bound(), cut * 112 / 100);  // ~8 %/s
}

TEST(LossBasedController, NeedsEnoughPacketsAndTimeToJudge) {
  LossBasedController loss;
  BweTime now = kT0;
  loss.update(now, 1'000'000, 50ms);
  interval(loss, now, 10, 5, 1'000'000);  // 50 % of 10 packets: too few to judge yet
  EXPECT_EQ(loss.bound(), 10'000'000);
  EXPECT_FALSE(loss.lossFraction().has_value());
}

TEST(LossBasedController, ALateArrivalIsNotALoss) {
  LossBasedController loss;
  BweTime now = kT0;
  loss.update(now, 1'000'000, 50ms);
  loss.onPacketsReported(100, 15);
  for (int i = 0; i < 10; ++i) loss.onLateArrival();
  loss.update(now += 500ms, 1'000'000, 50ms);
  ASSERT_TRUE(loss.lossFraction().has_value());
  EXPECT_DOUBLE_EQ(*loss.lossFraction(), 0.05);
}

TEST(LossBasedController, AProbeLiftsTheBoundUnlessLossIsHigh) {
  LossBasedController loss;
  BweTime now = kT0;
  loss.update(now, 1'000'000, 50ms);
  interval(loss, now, 100, 5, 1'000'000);
  interval(loss, now, 100, 50, 1'000'000);
  const int64_t cut = loss.bound();
  loss.onProbeResult(2'000'000);
  EXPECT_EQ(loss.bound(), cut);
  interval(loss, now, 100, 5, cut);
  loss.onProbeResult(2'000'000);
  EXPECT_EQ(loss.bound(), 2'000'000);
}

}  // namespace
}  // namespace dienhong::media
