#include "media/sfu/bitrate_meter.hpp"

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

TEST(BitrateMeter, ReadsASteadyStreamOverTheLastSecondAndForgetsSilence) {
  BitrateMeter meter;
  const BitrateMeter::Clock::time_point t{std::chrono::seconds(7)};
  EXPECT_EQ(meter.bitrateBps(t), 0U);
  for (int i = 0; i < 300; ++i) {
    meter.add(1000, t + i * 10ms);  // 100 packets/s of 1000 bytes
    if (i == 30) {
      EXPECT_EQ(meter.bitrateBps(t + i * 10ms), 800'000U) << "a young stream is not diluted";
    }
  }
  EXPECT_EQ(meter.bitrateBps(t + 3s), 800'000U);
  EXPECT_EQ(meter.bitrateBps(t + 2995ms), 800'000U);
  EXPECT_EQ(meter.bitrateBps(t + 3500ms), 400'000U);
  EXPECT_EQ(meter.bitrateBps(t + 5s), 0U);
  meter.add(125, t + 10s);
  EXPECT_EQ(meter.bitrateBps(t + 10100ms), 1000U);
}

}  // namespace
}  // namespace dienhong::media
