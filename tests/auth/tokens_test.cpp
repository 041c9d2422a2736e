#include "auth/tokens.hpp"

#include <set>

#include <gtest/gtest.h>
#include <sodium.h>

#include "auth/password_policy.hpp"

namespace dienhong::auth {
namespace {

TEST(Tokens, RandomTokensAreUrlSafeAndDistinct) {
  ASSERT_GE(sodium_init(), 0);
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string t = randomToken();
    EXPECT_EQ(t.size(), 43U);
    EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100U);
}

TEST(Tokens, Sha256MatchesTheKnownVector) {
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Tokens, ConstantTimeEqualsComparesContentAndLength) {
  EXPECT_TRUE(constantTimeEquals("abc", "abc"));
  EXPECT_FALSE(constantTimeEquals("abc", "abd"));
  EXPECT_FALSE(constantTimeEquals("abc", "abcd"));
}

TEST(Tokens, S1_3_1_OneTimePasswordsMeetTheDefaultPolicy) {
  ASSERT_GE(sodium_init(), 0);
  for (int i = 0; i < 200; ++i) {
    const std::string p = oneTimePassword();
    EXPECT_EQ(p.size(), 20U);
    EXPECT_TRUE(PasswordPolicy{}.check(p)) << p;
    EXPECT_EQ(p.find_first_of("0O1lI"), std::string::npos) << p;
  }
}

}  // namespace
}  // namespace dienhong::auth
