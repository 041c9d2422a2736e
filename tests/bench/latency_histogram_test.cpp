#include "loadgen/latency_histogram.hpp"

#include <gtest/gtest.h>

#include "loadgen/send_time_trailer.hpp"

namespace dienhong::loadgen {
namespace {

TEST(LatencyHistogram, PercentilesAreWithinABucketOfTheTruth) {
  LatencyHistogram h;
  for (int64_t us = 1; us <= 10'000; ++us) h.add(us);
  EXPECT_EQ(h.count(), 10'000u);
  EXPECT_EQ(h.maxMicros(), 10'000);
  for (const double q : {0.5, 0.9, 0.99}) {
    const double truth = q * 10'000;
    EXPECT_NEAR(static_cast<double>(h.percentileMicros(q)), truth, truth * 0.07) << q;
  }
}

TEST(LatencyHistogram, BucketBoundsNeverOverlapAndCoverEveryValue) {
  for (int64_t us = 0; us < 1'000'000; us += 37) {
    const size_t bucket = LatencyHistogram::bucketOf(us);
    EXPECT_LE(us, LatencyHistogram::upperBound(bucket)) << us;
    if (bucket > 0) {
      EXPECT_GT(us, LatencyHistogram::upperBound(bucket - 1)) << us;
    }
  }
}

TEST(LatencyHistogram, MergedHistogramsCountBoth) {
  LatencyHistogram a;
  LatencyHistogram b;
  a.add(100);
  b.add(5000);
  a.merge(b);
  EXPECT_EQ(a.count(), 2u);
  EXPECT_EQ(a.maxMicros(), 5000);
  EXPECT_EQ(LatencyHistogram().percentileMicros(0.5), 0);
}

TEST(SendTimeTrailer, RoundTripsAndRefusesPayloadsWithoutIt) {
  std::array<uint8_t, 40> payload{};
  writeSendTimeTrailer(payload, 1'790'000'000'123'456);
  EXPECT_EQ(readSendTimeTrailer(payload), 1'790'000'000'123'456);
  payload[payload.size() - kSendTimeTrailerSize] = 'X';
  EXPECT_FALSE(readSendTimeTrailer(payload));
  EXPECT_FALSE(readSendTimeTrailer(std::span<const uint8_t>(payload).first(5)));
}

}  // namespace
}  // namespace dienhong::loadgen
