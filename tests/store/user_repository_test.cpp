// UserRepository against both back-ends: round trips, case-insensitive usernames, conflicts,
// password changes, counting.
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace dienhong::store::test {
namespace {

TEST_P(StoreBackendTest, CreatedUserIsFoundByIdWithEveryField) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  User user = sampleUser("u-1", "alice");
  user.role = Role::SystemAdmin;
  user.disabled = true;
  user.passwordChangedAtMs = 4'102'444'800'000;  // 2100: needs more than 32 bits
  ASSERT_TRUE(store->users().create(user));

  auto found = store->users().findById("u-1");
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(found->has_value());
  const User& got = **found;
  EXPECT_EQ(got.id, "u-1");
  EXPECT_EQ(got.username, "alice");
  EXPECT_EQ(got.displayName, user.displayName);
  EXPECT_EQ(got.passwordHash, user.passwordHash);
  EXPECT_EQ(got.role, Role::SystemAdmin);
  EXPECT_TRUE(got.mustChangePassword);
  EXPECT_TRUE(got.disabled);
  EXPECT_EQ(got.passwordChangedAtMs, 4'102'444'800'000);
  EXPECT_EQ(got.createdAtMs, user.createdAtMs);
}

TEST_P(StoreBackendTest, UsernameIsStoredLowerCaseAndMatchedCaseInsensitively) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "Alice.Nguyen")));
  ASSERT_TRUE(store->users().create(sampleUser("u-2", "ĐỨC.Trần")));

  for (const char* spelling : {"alice.nguyen", "ALICE.NGUYEN", "Alice.Nguyen"}) {
    auto found = store->users().findByUsername(spelling);
    ASSERT_TRUE(found);
    ASSERT_TRUE(found->has_value()) << spelling;
    EXPECT_EQ((*found)->id, "u-1");
    EXPECT_EQ((*found)->username, "alice.nguyen");
  }
  auto vietnamese = store->users().findByUsername("đức.TRẦN");
  ASSERT_TRUE(vietnamese);
  ASSERT_TRUE(vietnamese->has_value());
  EXPECT_EQ((*vietnamese)->id, "u-2");
  EXPECT_EQ((*vietnamese)->username, "đức.trần");
}

TEST_P(StoreBackendTest, MissingUserIsEmptyNotAnError) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  auto byId = store->users().findById("nobody");
  ASSERT_TRUE(byId);
  EXPECT_FALSE(byId->has_value());
  auto byName = store->users().findByUsername("nobody");
  ASSERT_TRUE(byName);
  EXPECT_FALSE(byName->has_value());
}

TEST_P(StoreBackendTest, TakenUsernameOrIdIsConflict) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));

  auto sameName = store->users().create(sampleUser("u-2", "ALICE"));
  ASSERT_FALSE(sameName);
  EXPECT_EQ(sameName.error().code, "conflict");
  auto sameId = store->users().create(sampleUser("u-1", "bob"));
  ASSERT_FALSE(sameId);
  EXPECT_EQ(sameId.error().code, "conflict");

  auto count = store->users().count();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 1);
}

TEST_P(StoreBackendTest, TextIsBoundNotSpliced) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  User user = sampleUser("u-'; DROP TABLE users; --", "o'brien");
  user.displayName = "Robert'); DROP TABLE users;-- $1 ? \"quoted\" \\ 🎥";
  ASSERT_TRUE(store->users().create(user));
  auto found = store->users().findByUsername("O'Brien");
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, user.id);
  EXPECT_EQ((*found)->displayName, user.displayName);
}

TEST_P(StoreBackendTest, UpdatePasswordSetsHashFlagAndTime) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));

  auto updated = store->users().updatePassword("u-1", "$argon2id$new", false, 1'800'000'000'000);
  ASSERT_TRUE(updated) << updated.error().message;
  auto found = store->users().findById("u-1");
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->passwordHash, "$argon2id$new");
  EXPECT_FALSE((*found)->mustChangePassword);
  EXPECT_EQ((*found)->passwordChangedAtMs, 1'800'000'000'000);

  ASSERT_TRUE(store->users().updatePassword("u-1", "$argon2id$newer", true, 1'800'000'000'001));
  found = store->users().findById("u-1");
  ASSERT_TRUE(found);
  EXPECT_TRUE((*found)->mustChangePassword);
}

TEST_P(StoreBackendTest, UpdatePasswordOfMissingUserIsNotFound) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  auto updated = store->users().updatePassword("nobody", "$argon2id$x", false, 1);
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, "not_found");
}

TEST_P(StoreBackendTest, CountsUsers) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  auto empty = store->users().count();
  ASSERT_TRUE(empty);
  EXPECT_EQ(*empty, 0);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(
        store->users().create(sampleUser("u-" + std::to_string(i), "user" + std::to_string(i))));
  }
  auto three = store->users().count();
  ASSERT_TRUE(three);
  EXPECT_EQ(*three, 3);
}

}  // namespace
}  // namespace dienhong::store::test
