#include "loadgen/speaker_schedule.hpp"

#include <gtest/gtest.h>

namespace dienhong::loadgen {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

TEST(SpeakerSchedule, EndpointsTakeTurnsAndRecencyCountsBack) {
  const auto t0 = Clock::now();
  const SpeakerSchedule schedule(t0, 4s, 5);
  EXPECT_EQ(schedule.speaker(t0 - 1s), 0u);
  EXPECT_EQ(schedule.speaker(t0 + 9s), 2u);
  EXPECT_EQ(schedule.speaker(t0 + 21s), 0u);
  const auto now = t0 + 9s;  // turn 2: endpoints 0, 1, 2 have spoken
  EXPECT_EQ(schedule.recency(2, now), 0u);
  EXPECT_EQ(schedule.recency(1, now), 1u);
  EXPECT_EQ(schedule.recency(0, now), 2u);
  EXPECT_GT(schedule.recency(3, now), schedule.recency(0, now)) << "not spoken yet: after those who have";
  EXPECT_LT(schedule.recency(3, now), schedule.recency(4, now));
  const auto later = t0 + 29s;  // turn 7: speaker 2, then 1, 0, 4, 3
  EXPECT_EQ(schedule.recency(4, later), 3u);
  EXPECT_EQ(schedule.recency(3, later), 4u);
}

}  // namespace
}  // namespace dienhong::loadgen
