// Store and Database against both back-ends: ping and back-end name, migrations (idempotent,
// atomic, refusing a newer schema), transactions, and use from several threads at once.
#include <gtest/gtest.h>

#include <array>
#include <mutex>
#include <thread>
#include <vector>

#include "store/migrations.hpp"
#include "test_support.hpp"

namespace dienhong::store::test {
namespace {

int latestVersion() { return migrations().back().version; }

TEST_P(StoreBackendTest, ReportsBackendAndAnswersPing) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->backendName(), GetParam() == Backend::Sqlite ? "sqlite" : "postgresql");
  EXPECT_TRUE(store->ping());
}

TEST_P(StoreBackendTest, NewDatabaseIsMigratedToTheLatestVersion) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schemaVersion(), latestVersion());
}

TEST_P(StoreBackendTest, MigrationsAreIdempotentOnReopen) {
  {
    auto store = openStore();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->users().create(sampleUser("u-1", "alice")));
  }
  for (int reopen = 0; reopen < 2; ++reopen) {
    auto store = openStore();
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->schemaVersion(), latestVersion());
    auto count = store->users().count();
    ASSERT_TRUE(count);
    EXPECT_EQ(*count, 1);
  }
  auto raw = openRawDatabase();
  ASSERT_NE(raw, nullptr);
  auto applied = raw->execute("SELECT version FROM schema_migrations ORDER BY version");
  ASSERT_TRUE(applied);
  ASSERT_EQ(applied->rows.size(), migrations().size());
  for (std::size_t i = 0; i < migrations().size(); ++i) {
    EXPECT_EQ(applied->rows[i].integer(0), migrations()[i].version);
  }
}

TEST_P(StoreBackendTest, VersionOneDatabaseIsMigratedKeepingItsRows) {
  ASSERT_GE(migrations().size(), 2u);
  ASSERT_EQ(migrations()[1].version, 2);
  {
    // A database as the release with only migration 1 left it, with an account and a session.
    auto raw = openRawDatabase();
    ASSERT_NE(raw, nullptr);
    auto migrated = migrate(*raw, migrations().first(1));
    ASSERT_TRUE(migrated) << migrated.error().message;
    ASSERT_EQ(*migrated, 1);
    SessionRepository sessions(*raw);
    // Raw SQL in version 1's shape: today's repository writes columns added later.
    ASSERT_TRUE(raw->execute(
        "INSERT INTO users (id, username, display_name, password_hash, role, must_change_password, "
        "disabled, password_changed_at, created_at) VALUES ($1, $2, $3, $4, $5, 1, 0, 1, 1)",
        {"u-1", "alice", "Đặng Alice", "$argon2id$v1", "user"}));
    ASSERT_TRUE(sessions.create(sampleSession("s-1", "u-1", 1'700'003'600'000)));
    EXPECT_FALSE(raw->execute("SELECT COUNT(*) FROM rooms")) << "rooms exist before migration 2";
  }

  auto store = openStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schemaVersion(), latestVersion());
  auto user = store->users().findByUsername("alice");
  ASSERT_TRUE(user);
  ASSERT_TRUE(user->has_value());
  EXPECT_EQ((*user)->id, "u-1");
  EXPECT_FALSE((*user)->unitId.has_value());
  EXPECT_EQ((*user)->failedSignIns, 0);
  auto found = store->users().list({.text = "alice"});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->total, 1) << "migration 4 filled the search key";
  auto session = store->sessions().find("s-1");
  ASSERT_TRUE(session);
  EXPECT_TRUE(session->has_value());

  // The tables of migration 2 are there and usable, with their foreign keys to version 1's.
  ASSERT_TRUE(store->rooms().create(sampleRoom("100000001", "u-1", "hash-1")));
  ASSERT_TRUE(store->chat().append(sampleChatMessage("m-1", "100000001", 1)));
  ASSERT_TRUE(store->audit().append(sampleAuditEvent("e-1", 1, AuditCategory::Meeting)));
  auto rooms = store->rooms().listByOwner("u-1");
  ASSERT_TRUE(rooms);
  EXPECT_EQ(rooms->size(), 1u);

  auto raw = openRawDatabase();
  ASSERT_NE(raw, nullptr);
  auto applied =
      raw->execute("SELECT version, description FROM schema_migrations ORDER BY version");
  ASSERT_TRUE(applied);
  ASSERT_EQ(applied->rows.size(), migrations().size());
  EXPECT_EQ(applied->rows[1].integer(0), 2);
  EXPECT_EQ(applied->rows[1].text(1), "rooms, chat and audit");
}

TEST_P(StoreBackendTest, DatabaseNewerThanTheBinaryIsRefused) {
  { ASSERT_NE(openStore(), nullptr); }
  {
    auto raw = openRawDatabase();
    ASSERT_NE(raw, nullptr);
    ASSERT_TRUE(raw->execute(
        "INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)",
        {latestVersion() + 1, "from the future", int64_t{1}}));
  }
  auto refused = Store::open(url());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "database_too_new");
  EXPECT_NE(refused.error().message.find(std::to_string(latestVersion() + 1)), std::string::npos)
      << refused.error().message;
}

TEST_P(StoreBackendTest, FailedMigrationIsRolledBackEntirely) {
  { ASSERT_NE(openStore(), nullptr); }
  auto raw = openRawDatabase();
  ASSERT_NE(raw, nullptr);
  std::vector<Migration> known(migrations().begin(), migrations().end());
  const int broken = latestVersion() + 1;
  known.push_back({broken, "half-applied",
                   "CREATE TABLE half_applied (x INTEGER); INSERT INTO no_such_table VALUES (1);"});

  auto migrated = migrate(*raw, known);
  ASSERT_FALSE(migrated);
  EXPECT_NE(migrated.error().message.find("half-applied"), std::string::npos);
  auto version = raw->execute("SELECT MAX(version) FROM schema_migrations");
  ASSERT_TRUE(version);
  EXPECT_EQ(version->rows[0].integer(0), latestVersion());
  EXPECT_FALSE(raw->execute("SELECT COUNT(*) FROM half_applied")) << "table survived rollback";
}

TEST_P(StoreBackendTest, TransactionCommitsOnSuccessAndRollsBackOnError) {
  { ASSERT_NE(openStore(), nullptr); }
  auto raw = openRawDatabase();
  ASSERT_NE(raw, nullptr);
  const auto insert = [](Connection& c, const char* id, const char* name) {
    return c.execute(
        "INSERT INTO users (id, username, display_name, password_hash, role, "
        "must_change_password, disabled, password_changed_at, created_at) "
        "VALUES ($1, $2, '', '', 'user', 0, 0, 0, 0)",
        {id, name});
  };
  auto failed = raw->transaction([&](Connection& c) -> Result<void> {
    if (auto first = insert(c, "u-1", "alice"); !first) return first.error();
    return Error{"test", "abandon"};
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, "test");
  auto committed = raw->transaction([&](Connection& c) -> Result<void> {
    if (auto first = insert(c, "u-2", "bob"); !first) return first.error();
    if (auto second = insert(c, "u-3", "carol"); !second) return second.error();
    return success();
  });
  ASSERT_TRUE(committed) << committed.error().message;
  auto ids = raw->execute("SELECT id FROM users ORDER BY id");
  ASSERT_TRUE(ids);
  ASSERT_EQ(ids->rows.size(), 2u);
  EXPECT_EQ(ids->rows[0].text(0), "u-2");
  EXPECT_EQ(ids->rows[1].text(0), "u-3");
}

TEST_P(StoreBackendTest, SeveralThreadsUseTheStoreAtOnce) {
  auto store = openStore();
  ASSERT_NE(store, nullptr);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50;
  std::mutex mutex;
  std::vector<std::string> failures;
  const auto fail = [&](const std::string& what) {
    std::lock_guard lock(mutex);
    failures.push_back(what);
  };

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string id = "u-" + std::to_string(t) + "-" + std::to_string(i);
        if (auto r = store->users().create(sampleUser(id, "User" + id)); !r) {
          fail("create " + id + ": " + r.error().message);
          continue;
        }
        auto found = store->users().findByUsername("user" + id);
        if (!found || !found->has_value() || (*found)->id != id) fail("find " + id);
        if (auto r = store->sessions().create(sampleSession("s-" + id, id, 10)); !r) {
          fail("session " + id + ": " + r.error().message);
        }
        if (auto r = store->sessions().touch("s-" + id, 5); !r) fail("touch " + id);
        if (auto r = store->users().count(); !r) fail("count: " + r.error().message);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  EXPECT_TRUE(failures.empty()) << failures.size() << " failures, first: " << failures.front();
  auto count = store->users().count();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, kThreads * kPerThread);
  auto expired = store->sessions().removeExpired(10);
  ASSERT_TRUE(expired);
  EXPECT_EQ(*expired, kThreads * kPerThread);
}

}  // namespace
}  // namespace dienhong::store::test
