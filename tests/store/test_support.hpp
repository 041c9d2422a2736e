// Helpers shared by the store tests: a temporary directory, whole-file reads, sample records, and
// the StoreBackendTest fixture that runs one test body against SQLite and against PostgreSQL.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "store/database.hpp"
#include "store/store.hpp"

namespace dienhong::store::test {

// A fresh directory under /tmp, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

std::string readFile(const std::string& path);
void writeFile(const std::string& path, std::string_view bytes);

User sampleUser(std::string_view id, std::string_view username);
Session sampleSession(std::string_view id, std::string_view userId, int64_t expiresAtMs);
// A scheduled, password-protected room whose flags are not all alike, so swapped columns show.
Room sampleRoom(std::string_view id, std::string_view ownerId, std::string_view inviteTokenHash);
// A message from a signed-in user (senderUserId set).
ChatMessage sampleChatMessage(std::string_view id, std::string_view roomId, int64_t sentAtMs);
AuditEvent sampleAuditEvent(std::string_view id, int64_t atMs, AuditCategory category);
// User u-1 owning rooms 100000001 (messages m-1, m-2) and 100000002 (message m-3).
void seedTwoRoomsWithChat(Store& store);

enum class Backend { Sqlite, Postgres };
void PrintTo(Backend backend, std::ostream* out);  // "sqlite" in failure messages, not bytes

// Each test gets an empty database of its own: a new file for SQLite, a new database on the
// fixture's server for PostgreSQL (DIENHONG_TEST_POSTGRES_URL; the test fails without it).
class StoreBackendTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  const std::string& url() const { return url_; }
  // Store::open(url()); records a failure and returns null when it fails.
  std::unique_ptr<Store> openStore();
  // The raw Database under the store, for what the public API does not offer (deleting a user).
  std::unique_ptr<Database> openRawDatabase();

 private:
  TempDir dir_;
  std::string url_;
  std::string adminUrl_;
  std::string postgresDatabase_;
};

}  // namespace dienhong::store::test
