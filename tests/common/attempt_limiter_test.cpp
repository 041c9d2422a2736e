#include "common/attempt_limiter.hpp"

#include <gtest/gtest.h>

namespace dienhong {
namespace {

constexpr int64_t kNow = 1'800'000'000'000;

TEST(AttemptLimiter, F4_FiveWrongPasswordsFromOneAddressInAMinuteStopFurtherTries) {
  AttemptLimiter limiter(5, 60'000);
  const std::string key = "482915306|203.0.113.66";
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(limiter.blocked(key, kNow + i * 1000)) << i;
    limiter.fail(key, kNow + i * 1000);
  }
  EXPECT_TRUE(limiter.blocked(key, kNow + 5000));
  EXPECT_TRUE(limiter.blocked(key, kNow + 59'999));
  // Someone else, or the same address at another room, is not affected.
  EXPECT_FALSE(limiter.blocked("482915306|203.0.113.67", kNow + 5000));
  EXPECT_FALSE(limiter.blocked("111222333|203.0.113.66", kNow + 5000));
  // Once the first failure is a minute old there are four in the window again.
  EXPECT_FALSE(limiter.blocked(key, kNow + 60'000));
  limiter.fail(key, kNow + 60'000);
  EXPECT_TRUE(limiter.blocked(key, kNow + 60'001));
}

TEST(AttemptLimiter, ManyKeysAreForgottenOnceTheirFailuresExpire) {
  AttemptLimiter limiter(1, 1000);
  for (int i = 0; i < 10'000; ++i) limiter.fail("k" + std::to_string(i), kNow);
  limiter.fail("late", kNow + 2000);  // sweeps the expired ones
  EXPECT_FALSE(limiter.blocked("k1", kNow + 2000));
  EXPECT_TRUE(limiter.blocked("late", kNow + 2000));
}

}  // namespace
}  // namespace dienhong
