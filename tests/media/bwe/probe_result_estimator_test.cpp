#include "media/bwe/probe_result_estimator.hpp"

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

const BweTime kT0 = BweTime{} + 100s;

// Feeds `packets` 1000-byte packets sent every `sendGap` and arriving every `arrivalGap`.
std::optional<ProbeResultEstimator::Result> feed(ProbeResultEstimator& estimator, int32_t id, int packets,
                                                 std::chrono::microseconds sendGap,
                                                 std::chrono::microseconds arrivalGap) {
  std::optional<ProbeResultEstimator::Result> last;
  for (int i = 0; i < packets; ++i) {
    if (auto r = estimator.onPacketFeedback(id, kT0 + i * sendGap, RemoteTime{7'000'000} + i * arrivalGap, 1000,
                                            kT0 + 100ms)) {
      last = r;
    }
  }
  return last;
}

TEST(ProbeResultEstimator, AClusterThePathCarriedMeasuresItsSendRate) {
  ProbeResultEstimator estimator;
  estimator.onClusterStarted({.id = 1, .bitrate = 2'000'000, .duration = 60ms, .minPackets = 15}, kT0);
  auto result = feed(estimator, 1, 15, 4ms, 4ms);  // 2 Mbit/s both ways
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->clusterId, 1);
  EXPECT_NEAR(static_cast<double>(result->bitrate), 2'000'000.0, 1'000.0);
  EXPECT_FALSE(result->saturated);
}

TEST(ProbeResultEstimator, AClusterThatSaturatedThePathMeasuresItsCapacity) {
  ProbeResultEstimator estimator;
  estimator.onClusterStarted({.id = 2, .bitrate = 2'000'000, .duration = 60ms, .minPackets = 15}, kT0);
  auto result = feed(estimator, 2, 15, 4ms, 8ms);  // arrives at 1 Mbit/s
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->saturated);
  EXPECT_NEAR(static_cast<double>(result->receiveBitrate), 1'000'000.0, 1'000.0);
  EXPECT_NEAR(static_cast<double>(result->bitrate), 950'000.0, 1'000.0);
}

TEST(ProbeResultEstimator, NeedsMostOfTheClusterAcknowledged) {
  ProbeResultEstimator estimator;
  estimator.onClusterStarted({.id = 3, .bitrate = 2'000'000, .duration = 60ms, .minPackets = 15}, kT0);
  EXPECT_FALSE(feed(estimator, 3, 7, 4ms, 4ms).has_value());  // 7 < half of 15
  estimator.onClusterStarted({.id = 7, .bitrate = 2'000'000, .duration = 60ms, .minPackets = 4}, kT0);
  EXPECT_FALSE(feed(estimator, 7, 4, 4ms, 4ms).has_value());  // and never fewer than 5 packets
}

TEST(ProbeResultEstimator, IgnoresUnknownClustersAndImplausibleArrivals) {
  ProbeResultEstimator estimator;
  EXPECT_FALSE(feed(estimator, 9, 20, 4ms, 4ms).has_value());
  estimator.onClusterStarted({.id = 4, .bitrate = 2'000'000, .duration = 60ms, .minPackets = 10}, kT0);
  EXPECT_FALSE(feed(estimator, 4, 20, 4ms, 1ms).has_value());  // "arrived" 4x faster than sent
  estimator.onClusterStarted({.id = 5, .bitrate = 2'000'000, .duration = 60ms, .minPackets = 10}, kT0);
  EXPECT_FALSE(feed(estimator, 5, 20, 4ms, 0ms).has_value());  // all at once: no span
}

TEST(ProbeResultEstimator, ForgetsClustersAfterTheirLifetime) {
  ProbeResultEstimator estimator;
  estimator.onClusterStarted({.id = 6, .bitrate = 2'000'000, .duration = 60ms, .minPackets = 2}, kT0 - 10s);
  EXPECT_FALSE(feed(estimator, 6, 10, 4ms, 4ms).has_value());
}

}  // namespace
}  // namespace dienhong::media
