#include "auth/password_policy.hpp"

#include <gtest/gtest.h>

namespace dienhong::auth {
namespace {

TEST(PasswordPolicy, S1_3_2_AcceptsAPasswordWithEveryClass) {
  EXPECT_TRUE(PasswordPolicy{}.check("Correct-Horse-9"));
}

TEST(PasswordPolicy, S1_3_2_NamesEveryBrokenRule) {
  auto result = PasswordPolicy{}.check("short");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "weak_password");
  const std::string& m = result.error().message;
  EXPECT_NE(m.find("at least 12 characters"), std::string::npos);
  EXPECT_NE(m.find("upper-case"), std::string::npos);
  EXPECT_NE(m.find("digit"), std::string::npos);
  EXPECT_NE(m.find("symbol"), std::string::npos);
  EXPECT_EQ(m.find("lower-case"), std::string::npos);
}

TEST(PasswordPolicy, CountsCodePointsSoVietnameseIsNotPenalisedOrFavoured) {
  // 11 code points, 17 bytes: too short although the byte count is over 12.
  EXPECT_FALSE(PasswordPolicy{}.check("Mật-khẩu-9Ạ"));
  EXPECT_TRUE(PasswordPolicy{}.check("Mật-khẩu-9Ạb"));
}

TEST(PasswordPolicy, RefusesThePasswordContainingTheUsername) {
  auto result = PasswordPolicy{}.check("Xx-Admin-2026", "admin");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("username"), std::string::npos);
}

TEST(PasswordPolicy, RulesCanBeRelaxed) {
  PasswordPolicy relaxed;
  relaxed.minLength = 4;
  relaxed.requireSymbol = false;
  relaxed.requireUpper = false;
  EXPECT_TRUE(relaxed.check("abc1"));
  EXPECT_FALSE(relaxed.check(std::string(200, 'a') + "1"));  // still capped at maxLength
}

}  // namespace
}  // namespace dienhong::auth
