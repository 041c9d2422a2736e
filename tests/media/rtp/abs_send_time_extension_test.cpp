#include "media/rtp/abs_send_time_extension.hpp"

#include <gtest/gtest.h>

#include <array>

#include "test_bytes.hpp"

namespace dienhong::media {
namespace {

using test::hex;

TEST(AbsSendTimeExtension, ParsesSixPointEighteenFixedPoint) {
  auto parsed = AbsSendTimeExtension::parse(hex("06 00 00"));  // 0x060000 = 1.5 s
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->value, 0x060000U);
  EXPECT_EQ(parsed->toMicros(), 1'500'000U);
  EXPECT_FALSE(AbsSendTimeExtension::parse(hex("06 00")));
  EXPECT_FALSE(AbsSendTimeExtension::parse(hex("06 00 00 00")));
}

TEST(AbsSendTimeExtension, ConvertsFromMicrosecondsAndWrapsEverySixtyFourSeconds) {
  EXPECT_EQ(AbsSendTimeExtension::fromMicros(1'500'000).value, 0x060000U);
  EXPECT_EQ(AbsSendTimeExtension::fromMicros(64'000'000).value, 0U);
  EXPECT_EQ(AbsSendTimeExtension::fromMicros(65'500'000).value, 0x060000U);
  // 1 µs is 0.26 units: rounds to 0; 2 µs to 1 (0.52).
  EXPECT_EQ(AbsSendTimeExtension::fromMicros(1).value, 0U);
  EXPECT_EQ(AbsSendTimeExtension::fromMicros(2).value, 1U);
  // Large clock values (years of microseconds) must not overflow the shift.
  const uint64_t years = 100ULL * 365 * 24 * 3600 * 1'000'000 + 1'500'000;
  EXPECT_EQ(AbsSendTimeExtension::fromMicros(years - years % 64'000'000 + 1'500'000).value,
            0x060000U);
}

TEST(AbsSendTimeExtension, RoundTrips) {
  std::array<uint8_t, 3> out{};
  ByteWriter writer(out);
  AbsSendTimeExtension{0xABCDEF}.serialize(writer);
  EXPECT_EQ(out, (std::array<uint8_t, 3>{0xAB, 0xCD, 0xEF}));
  EXPECT_EQ(AbsSendTimeExtension::parse(out)->value, 0xABCDEFU);
}

}  // namespace
}  // namespace dienhong::media
