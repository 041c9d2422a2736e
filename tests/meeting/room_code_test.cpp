#include "meeting/room_code.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

namespace dienhong::meeting {
namespace {

bool allDigits(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

TEST(RoomCode, F4_GeneratedCodesAreNineDigitsNeverStartingWithZero) {
  for (int i = 0; i < 2000; ++i) {
    const std::string code = generateRoomCode();
    ASSERT_EQ(code.size(), kRoomCodeDigits) << code;
    EXPECT_TRUE(allDigits(code)) << code;
    EXPECT_NE(code[0], '0') << code;
    EXPECT_EQ(normalizeRoomCode(code), code);
  }
}

TEST(RoomCode, F4_GeneratedCodesVary) {
  std::set<std::string> codes;
  std::set<char> firstDigits;
  for (int i = 0; i < 500; ++i) {
    const std::string code = generateRoomCode();
    codes.insert(code);
    firstDigits.insert(code[0]);
  }
  // 500 draws from 9e8 codes: a single collision has a probability of about 1e-4.
  EXPECT_GE(codes.size(), 499u);
  EXPECT_GE(firstDigits.size(), 5u);  // not stuck in one corner of the range
}

TEST(RoomCode, F4_CodesAreShownInGroupsOfThree) {
  EXPECT_EQ(formatRoomCode("482915306"), "482 915 306");
  EXPECT_EQ(formatRoomCode("100000000"), "100 000 000");
  const std::string code = generateRoomCode();
  EXPECT_EQ(normalizeRoomCode(formatRoomCode(code)), code);  // what is shown can be typed back
}

TEST(RoomCode, F4_TypedCodesMayContainSpacesDashesAndDots) {
  for (const char* typed : {"482915306", "482 915 306", "482-915-306", "482.915.306", "  482 915 306  ",
                            "482 - 915 - 306", "4 8 2 9 1 5 3 0 6", "482.915-306"}) {
    EXPECT_EQ(normalizeRoomCode(typed), "482915306") << typed;
  }
}

TEST(RoomCode, F4_AnythingButNineDigitsWithANonZeroFirstIsRejected) {
  for (const char* typed : {"", "   ", "48291530", "482 915 30", "4829153061", "482 915 3061", "082915306",
                            "082 915 306", "000000000", "482 915 30a", "a482915306", "phong-hop-1", "482_915_306",
                            "482/915/306", "482,915,306", "+482915306", "-482915306 1"}) {
    EXPECT_EQ(normalizeRoomCode(typed), std::nullopt) << '"' << typed << '"';
  }
  EXPECT_EQ(normalizeRoomCode(std::string(100, '1')), std::nullopt);
  EXPECT_EQ(normalizeRoomCode("\xEF\xBC\x94" "82915306"), std::nullopt);  // a full-width digit
}

}  // namespace
}  // namespace dienhong::meeting
