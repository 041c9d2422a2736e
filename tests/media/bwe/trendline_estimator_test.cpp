#include "media/bwe/trendline_estimator.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

// Groups every 10 ms whose arrival spacing is `arrivalMs`: above 10 the queue grows.
BandwidthUsage feed(TrendlineEstimator& trendline, int groups, double arrivalMs, RemoteTime& arrival) {
  for (int i = 0; i < groups; ++i) {
    arrival += std::chrono::microseconds(static_cast<int64_t>(arrivalMs * 1000));
    trendline.update(PacketGroupDelta{10.0, arrivalMs, 0, arrival});
  }
  return trendline.state();
}

TEST(TrendlineEstimator, ConstantDelayIsNormal) {
  TrendlineEstimator trendline;
  RemoteTime arrival{0};
  EXPECT_EQ(feed(trendline, 100, 10.0, arrival), BandwidthUsage::kNormal);
  EXPECT_NEAR(trendline.modifiedTrend(), 0.0, 1e-9);
}

TEST(TrendlineEstimator, AGrowingQueueIsOveruse) {
  TrendlineEstimator trendline;
  RemoteTime arrival{0};
  feed(trendline, 60, 10.0, arrival);
  // Sending 10 % above capacity: each 10 ms group arrives 11 ms after the previous one.
  int groupsToDetect = 0;
  while (trendline.state() != BandwidthUsage::kOverusing && groupsToDetect < 100) {
    feed(trendline, 1, 11.0, arrival);
    ++groupsToDetect;
  }
  EXPECT_EQ(trendline.state(), BandwidthUsage::kOverusing);
  EXPECT_LT(groupsToDetect, 40);  // within ~0.4 s of 10 ms groups
  EXPECT_GT(trendline.modifiedTrend(), trendline.threshold());
}

TEST(TrendlineEstimator, ADrainingQueueIsUnderuse) {
  TrendlineEstimator trendline;
  RemoteTime arrival{0};
  feed(trendline, 60, 10.0, arrival);
  EXPECT_EQ(feed(trendline, 40, 8.0, arrival), BandwidthUsage::kUnderusing);
  EXPECT_LT(trendline.modifiedTrend(), -trendline.threshold());
}

TEST(TrendlineEstimator, NeedsAFullWindowBeforeJudging) {
  TrendlineEstimator trendline;
  RemoteTime arrival{0};
  EXPECT_EQ(feed(trendline, 19, 15.0, arrival), BandwidthUsage::kNormal);
}

TEST(TrendlineEstimator, RejectsAWindowOutsideItsStorage) {
  TrendlineEstimator::Config config;
  config.windowSize = 65;
  EXPECT_THROW(TrendlineEstimator{config}, std::invalid_argument);
  config.windowSize = 1;
  EXPECT_THROW(TrendlineEstimator{config}, std::invalid_argument);
}

}  // namespace
}  // namespace dienhong::media
