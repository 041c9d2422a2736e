#include "media/bwe/probe_controller.hpp"

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

const BweTime kT0 = BweTime{} + 100s;

TEST(ProbeController, ProbesThreeTimesTheStartRateAtOnce) {
  ProbeController probes;
  auto cluster = probes.poll(kT0, 300'000, false);
  ASSERT_TRUE(cluster.has_value());
  EXPECT_EQ(cluster->bitrate, 900'000);
  EXPECT_EQ(cluster->id, 1);
  EXPECT_EQ(cluster->minPackets, 15);
  EXPECT_GT(cluster->duration.count(), 0);
  EXPECT_FALSE(probes.poll(kT0 + 10ms, 300'000, false).has_value());  // waiting for its result
}

TEST(ProbeController, SearchesExponentiallyUntilAProbeSaturatesThePath) {
  ProbeController probes;
  auto first = probes.poll(kT0, 300'000, false);
  probes.onProbeResult(first->id, 880'000, false);
  auto second = probes.poll(kT0 + 200ms, 880'000, false);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->bitrate, 1'760'000);
  probes.onProbeResult(second->id, 1'700'000, false);
  auto third = probes.poll(kT0 + 400ms, 1'700'000, false);
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->bitrate, 3'400'000);
  probes.onProbeResult(third->id, 2'400'000, true);  // capacity found
  EXPECT_FALSE(probes.poll(kT0 + 600ms, 2'400'000, false).has_value());
  EXPECT_FALSE(probes.poll(kT0 + 60s, 2'400'000, false).has_value());  // nothing wanted beyond
}

TEST(ProbeController, StopsWhenAResultFallsFarShortOfTheProbe) {
  ProbeController probes;
  auto first = probes.poll(kT0, 300'000, false);
  probes.onProbeResult(first->id, 500'000, false);  // < 70 % of 900k
  EXPECT_FALSE(probes.poll(kT0 + 200ms, 500'000, false).has_value());
}

TEST(ProbeController, ProbesPeriodicallyWhileBelowTheWantedRate) {
  ProbeController::Config config;
  config.probeAtStart = false;
  ProbeController probes(config);
  EXPECT_FALSE(probes.poll(kT0, 300'000, false).has_value());  // nothing wanted
  probes.setDesiredBitrate(2'500'000);
  auto first = probes.poll(kT0 + 1s, 300'000, false);  // wanted rate rose: at once
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->bitrate, 600'000);
  probes.onProbeResult(first->id, 290'000, true);
  EXPECT_FALSE(probes.poll(kT0 + 2s, 300'000, false).has_value());
  EXPECT_FALSE(probes.poll(kT0 + 6s, 300'000, true).has_value());  // congested: not now
  auto second = probes.poll(kT0 + 6s, 300'000, false);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->bitrate, 600'000);
}

TEST(ProbeController, CapsProbesAtTheWantedRateAndStopsOnceReached) {
  ProbeController::Config config;
  config.probeAtStart = false;
  ProbeController probes(config);
  probes.setDesiredBitrate(1'000'000);
  auto first = probes.poll(kT0, 800'000, false);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->bitrate, 1'000'000);
  probes.onProbeResult(first->id, 1'000'000, false);
  EXPECT_FALSE(probes.poll(kT0 + 10s, 1'000'000, false).has_value());
}

TEST(ProbeController, RepeatsASearchProbeWhoseResultNeverCame) {
  ProbeController probes;
  auto first = probes.poll(kT0, 300'000, false);
  ASSERT_TRUE(first.has_value());
  auto second = probes.poll(kT0 + 1100ms, 300'000, false);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->bitrate, first->bitrate);
  EXPECT_NE(second->id, first->id);
  auto third = probes.poll(kT0 + 2200ms, 300'000, false);
  ASSERT_TRUE(third.has_value());
  EXPECT_FALSE(probes.poll(kT0 + 3300ms, 300'000, false).has_value());  // three attempts: given up
  EXPECT_FALSE(probes.waitingForResult());
}

TEST(ProbeController, GivesUpOnAPeriodicProbeWhoseResultNeverCame) {
  ProbeController::Config config;
  config.probeAtStart = false;
  ProbeController probes(config);
  probes.setDesiredBitrate(2'000'000);
  auto first = probes.poll(kT0, 500'000, false);
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(probes.poll(kT0 + 900ms, 500'000, false).has_value());
  EXPECT_TRUE(probes.waitingForResult());
  EXPECT_FALSE(probes.poll(kT0 + 1100ms, 500'000, false).has_value());  // timed out; next period
  EXPECT_FALSE(probes.waitingForResult());
  EXPECT_TRUE(probes.poll(kT0 + 4100ms, 500'000, false).has_value());
}

}  // namespace
}  // namespace dienhong::media
