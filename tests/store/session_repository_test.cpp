// SessionRepository against both back-ends: create/find/touch/remove, expiry sweeps, and the
// foreign key to users (refused for an unknown user, cascaded when the user goes).
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace dienhong::store::test {
namespace {

constexpr int64_t kExpiry = 1'700'003'600'000;

std::optional<Session> findSession(Store& store, std::string_view id) {
  auto found = store.sessions().find(id);
  EXPECT_TRUE(found) << found.error().message;
  return found ? *found : std::nullopt;
}

TEST_P(StoreBackendTest, CreatedSessionIsFoundWithEveryField) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  const Session session = sampleSession("s-1", "u-1", kExpiry);
  auto created = store->sessions().create(session);
  ASSERT_TRUE(created) << created.error().message;

  auto found = findSession(*store, "s-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, "s-1");
  EXPECT_EQ(found->userId, "u-1");
  EXPECT_EQ(found->csrfToken, session.csrfToken);
  EXPECT_EQ(found->clientAddress, session.clientAddress);
  EXPECT_EQ(found->userAgent, session.userAgent);
  EXPECT_EQ(found->createdAtMs, session.createdAtMs);
  EXPECT_EQ(found->lastSeenAtMs, session.lastSeenAtMs);
  EXPECT_EQ(found->expiresAtMs, kExpiry);
}

TEST_P(StoreBackendTest, MissingSessionIsEmptyNotAnError) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  EXPECT_FALSE(findSession(*store, "nope").has_value());
}

TEST_P(StoreBackendTest, DuplicateSessionIdIsConflict) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->sessions().create(sampleSession("s-1", "u-1", kExpiry)));
  auto again = store->sessions().create(sampleSession("s-1", "u-1", kExpiry));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "conflict");
}

TEST_P(StoreBackendTest, TouchUpdatesLastSeenOnly) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->sessions().create(sampleSession("s-1", "u-1", kExpiry)));

  ASSERT_TRUE(store->sessions().touch("s-1", 1'700'000'900'000));
  auto found = findSession(*store, "s-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->lastSeenAtMs, 1'700'000'900'000);
  EXPECT_EQ(found->createdAtMs, 1'700'000'000'000);
  EXPECT_EQ(found->expiresAtMs, kExpiry);

  auto missing = store->sessions().touch("nope", 1);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "not_found");
}

TEST_P(StoreBackendTest, RemoveDeletesOneSessionAndIgnoresMissingOnes) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->sessions().create(sampleSession("s-1", "u-1", kExpiry)));
  ASSERT_TRUE(store->sessions().create(sampleSession("s-2", "u-1", kExpiry)));

  ASSERT_TRUE(store->sessions().remove("s-1"));
  EXPECT_FALSE(findSession(*store, "s-1").has_value());
  EXPECT_TRUE(findSession(*store, "s-2").has_value());
  EXPECT_TRUE(store->sessions().remove("s-1"));  // logging out twice is not an error
}

TEST_P(StoreBackendTest, RemoveAllForUserLeavesOtherUsersSessions) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->users().create(sampleUser("u-2", "bob")));
  ASSERT_TRUE(store->sessions().create(sampleSession("a-1", "u-1", kExpiry)));
  ASSERT_TRUE(store->sessions().create(sampleSession("a-2", "u-1", kExpiry)));
  ASSERT_TRUE(store->sessions().create(sampleSession("b-1", "u-2", kExpiry)));

  ASSERT_TRUE(store->sessions().removeAllForUser("u-1"));
  EXPECT_FALSE(findSession(*store, "a-1").has_value());
  EXPECT_FALSE(findSession(*store, "a-2").has_value());
  EXPECT_TRUE(findSession(*store, "b-1").has_value());
}

TEST_P(StoreBackendTest, RemoveExpiredRemovesDueSessionsAndCountsThem) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  const int64_t now = 1'700'001'000'000;
  ASSERT_TRUE(store->sessions().create(sampleSession("old-1", "u-1", now - 1)));
  ASSERT_TRUE(store->sessions().create(sampleSession("old-2", "u-1", now - 60'000)));
  ASSERT_TRUE(store->sessions().create(sampleSession("due", "u-1", now)));  // expires at now
  ASSERT_TRUE(store->sessions().create(sampleSession("live", "u-1", now + 1)));

  auto removed = store->sessions().removeExpired(now);
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_EQ(*removed, 3);
  EXPECT_TRUE(findSession(*store, "live").has_value());
  EXPECT_FALSE(findSession(*store, "due").has_value());

  auto none = store->sessions().removeExpired(now);
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, 0);
}

TEST_P(StoreBackendTest, SessionOfUnknownUserIsRefused) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  auto created = store->sessions().create(sampleSession("s-1", "ghost", kExpiry));
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, "database_error");
  EXPECT_FALSE(findSession(*store, "s-1").has_value());
}

TEST_P(StoreBackendTest, DeletingUserDeletesTheirSessions) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  ASSERT_TRUE(store->sessions().create(sampleSession("s-1", "u-1", kExpiry)));

  // UserRepository has no delete yet; the cascade is the schema's, so exercise it directly.
  auto raw = openRawDatabase();
  ASSERT_NE(raw, nullptr);
  auto deleted = raw->execute("DELETE FROM users WHERE id = $1", {"u-1"});
  ASSERT_TRUE(deleted) << deleted.error().message;
  EXPECT_EQ(deleted->affectedRows, 1);
  EXPECT_FALSE(findSession(*store, "s-1").has_value());
}

}  // namespace
}  // namespace dienhong::store::test
