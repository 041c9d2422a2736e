#include "media/sfu/windowed_minimum.hpp"

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

using std::chrono::milliseconds;

TEST(WindowedMinimum, P3_AFallCountsAtOnceARiseOnlyOnceItHasLasted) {
  WindowedMinimum sustained(milliseconds(3000), milliseconds(100));
  const auto t0 = WindowedMinimum::Clock::time_point{} + std::chrono::hours(1);
  EXPECT_EQ(sustained.update(300'000, t0), 300'000);
  EXPECT_EQ(sustained.update(900'000, t0 + milliseconds(500)), 300'000) << "a probe spike is not budgeted";
  EXPECT_EQ(sustained.update(100'000, t0 + milliseconds(600)), 100'000) << "a fall is";
  int64_t seen = 0;
  for (int ms = 700; ms <= 3500; ms += 100) seen = sustained.update(400'000, t0 + milliseconds(ms));
  EXPECT_EQ(seen, 100'000) << "3 s have not passed since the fall";
  EXPECT_EQ(sustained.update(400'000, t0 + milliseconds(3700)), 400'000);
}

}  // namespace
}  // namespace dienhong::media
