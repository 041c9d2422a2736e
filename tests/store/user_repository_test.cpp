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

TEST_P(StoreBackendTest, S1_3_ReplacedPasswordsAreKeptNewestFirstUpToTwentyFour) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  User user = sampleUser("u-1", "alice");
  user.passwordHash = "$argon2id$h0";
  ASSERT_TRUE(store->users().create(user));
  for (int i = 1; i <= 30; ++i) {
    ASSERT_TRUE(store->users().updatePassword("u-1", "$argon2id$h" + std::to_string(i), false,
                                              1'000 + i));
  }
  auto three = store->users().passwordHistory("u-1", 3);
  ASSERT_TRUE(three) << three.error().message;
  EXPECT_EQ(*three, (std::vector<std::string>{"$argon2id$h29", "$argon2id$h28", "$argon2id$h27"}));
  auto all = store->users().passwordHistory("u-1", 100);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 24u) << "older hashes are pruned";
  EXPECT_EQ(all->back(), "$argon2id$h6");
  auto none = store->users().passwordHistory("u-1", 0);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(StoreBackendTest, S1_4_FailedSignInsCountWithinTheWindowThenRestart) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  constexpr int64_t kWindow = 60'000;
  EXPECT_EQ(store->users().recordFailedSignIn("u-1", 100'000, kWindow).value_or(-1), 1);
  EXPECT_EQ(store->users().recordFailedSignIn("u-1", 130'000, kWindow).value_or(-1), 2);
  EXPECT_EQ(store->users().recordFailedSignIn("u-1", 159'999, kWindow).value_or(-1), 3);
  // The window began at 100 000: a failure 60 s after it starts a new window.
  EXPECT_EQ(store->users().recordFailedSignIn("u-1", 160'000, kWindow).value_or(-1), 1);
  auto found = store->users().findById("u-1");
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->failedSignIns, 1);
  EXPECT_EQ((*found)->firstFailedAtMs, 160'000);

  ASSERT_TRUE(store->users().clearFailedSignIns("u-1"));
  found = store->users().findById("u-1");
  EXPECT_EQ((*found)->failedSignIns, 0);
  auto missing = store->users().recordFailedSignIn("nobody", 1, kWindow);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "not_found");
}

TEST_P(StoreBackendTest, S1_4_LockForAPeriodOrUntilUnlockedAndANewPasswordUnlocks) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->users().recordFailedSignIn("u-1", 1'000, 60'000));
  ASSERT_TRUE(store->users().lock("u-1", 2'000, int64_t{5'000}));
  auto found = store->users().findById("u-1");
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->lockedAtMs, 2'000);
  EXPECT_EQ((*found)->lockedUntilMs, 5'000);
  EXPECT_EQ((*found)->failedSignIns, 0) << "the count restarts with the lock";
  EXPECT_TRUE((*found)->lockedAt(4'999));
  EXPECT_FALSE((*found)->lockedAt(5'000));

  ASSERT_TRUE(store->users().lock("u-1", 6'000, std::nullopt));
  found = store->users().findById("u-1");
  EXPECT_FALSE((*found)->lockedUntilMs.has_value());
  EXPECT_TRUE((*found)->lockedAt(9'000'000'000'000)) << "until an administrator unlocks";

  ASSERT_TRUE(store->users().updatePassword("u-1", "$argon2id$reset", true, 7'000));
  found = store->users().findById("u-1");
  EXPECT_FALSE((*found)->lockedAtMs.has_value());
  EXPECT_FALSE((*found)->lockedAt(7'001));
  EXPECT_EQ(store->users().lock("nobody", 1, std::nullopt).error().code, "not_found");
}

TEST_P(StoreBackendTest, SettingsAreInsertedThenReplaced) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  auto missing = store->settings().find("security_policy");
  ASSERT_TRUE(missing) << missing.error().message;
  EXPECT_FALSE(missing->has_value());
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->settings().put({"security_policy", R"({"a":1})", 10, "u-1"}));
  ASSERT_TRUE(store->settings().put({"security_policy", R"({"a":'2'})", 20, "u-2"}));
  auto found = store->settings().find("security_policy");
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->value, R"({"a":'2'})");
  EXPECT_EQ((*found)->updatedAtMs, 20);
  EXPECT_EQ((*found)->updatedBy, "u-2");
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
