#include "http/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace dienhong::http {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsTheBurstThenRefillsAtTheRate) {
  RateLimiter limiter(10, 3);
  const auto t0 = RateLimiter::Clock::time_point{} + 1h;
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_FALSE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("b", t0)) << "other clients keep their own budget";
  EXPECT_FALSE(limiter.allow("a", t0 + 50ms));
  EXPECT_TRUE(limiter.allow("a", t0 + 100ms));
  EXPECT_FALSE(limiter.allow("a", t0 + 100ms));
}

TEST(RateLimiter, NeverHoldsMoreThanTheBurst) {
  RateLimiter limiter(100, 2);
  const auto t0 = RateLimiter::Clock::time_point{} + 1h;
  EXPECT_TRUE(limiter.allow("a", t0));
  const auto later = t0 + 10s;
  EXPECT_TRUE(limiter.allow("a", later));
  EXPECT_TRUE(limiter.allow("a", later));
  EXPECT_FALSE(limiter.allow("a", later));
}

TEST(RateLimiter, PrunesRefilledClientsWhenTheTableIsFull) {
  RateLimiter limiter(10, 1, 3);
  const auto t0 = RateLimiter::Clock::time_point{} + 1h;
  for (std::string c : {"a", "b", "c"}) EXPECT_TRUE(limiter.allow(c, t0));
  EXPECT_EQ(limiter.trackedClients(), 3U);
  EXPECT_TRUE(limiter.allow("d", t0 + 1s));
  EXPECT_EQ(limiter.trackedClients(), 1U);
}

}  // namespace
}  // namespace dienhong::http
