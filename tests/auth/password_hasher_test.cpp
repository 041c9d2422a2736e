#include "auth/password_hasher.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace dienhong::auth {
namespace {

// Cheap parameters keep the unit tests fast; the encoding and algorithm are the same.
HashCost cheap() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

TEST(PasswordHasher, S1_2_HashesWithSaltedArgon2id) {
  ASSERT_GE(sodium_init(), 0);
  PasswordHasher hasher(cheap());
  auto a = hasher.hash("Correct-Horse-9");
  auto b = hasher.hash("Correct-Horse-9");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->rfind("$argon2id$", 0), 0U);
  EXPECT_NE(*a, *b) << "a fresh salt each time";
  EXPECT_EQ(a->find("Correct-Horse-9"), std::string::npos);
  EXPECT_TRUE(hasher.verify(*a, "Correct-Horse-9"));
  EXPECT_FALSE(hasher.verify(*a, "correct-horse-9"));
  EXPECT_FALSE(hasher.verify("not a hash", "Correct-Horse-9"));
}

TEST(PasswordHasher, KnowsWhenAHashIsWeakerThanTheCurrentCost) {
  ASSERT_GE(sodium_init(), 0);
  auto weak = PasswordHasher(cheap()).hash("x");
  ASSERT_TRUE(weak);
  EXPECT_FALSE(PasswordHasher(cheap()).needsRehash(*weak));
  EXPECT_TRUE(PasswordHasher(defaultHashCost()).needsRehash(*weak));
}

}  // namespace
}  // namespace dienhong::auth
