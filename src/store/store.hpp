// Store: the one storage interface of the control plane. Repositories are written once over a
// small Database abstraction; two back-ends implement it: SQLite (default, embedded, WAL) and
// PostgreSQL (selected by a postgresql:// URL, for clusters). Prepared statements only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "store/records.hpp"

namespace dienhong::store {

class Database;

class UserRepository {
 public:
  explicit UserRepository(Database& db) : db_(db) {}
  // Error code "conflict" when the username is taken.
  Result<void> create(const User& user);
  Result<std::optional<User>> findById(std::string_view id);
  // Usernames are matched case-insensitively (stored lower-case).
  Result<std::optional<User>> findByUsername(std::string_view username);
  Result<void> updatePassword(std::string_view id, std::string_view passwordHash,
                              bool mustChangePassword, int64_t changedAtMs);
  Result<int64_t> count();

 private:
  Database& db_;
};

class SessionRepository {
 public:
  explicit SessionRepository(Database& db) : db_(db) {}
  Result<void> create(const Session& session);
  Result<std::optional<Session>> find(std::string_view id);
  Result<void> touch(std::string_view id, int64_t lastSeenAtMs);
  Result<void> remove(std::string_view id);
  Result<void> removeAllForUser(std::string_view userId);
  // Returns how many sessions were removed.
  Result<int64_t> removeExpired(int64_t nowMs);

 private:
  Database& db_;
};

class Store {
 public:
  // url: "postgresql://..." / "postgres://..." for PostgreSQL; "sqlite:PATH" or a plain file path
  // for SQLite. Runs pending migrations. Refuses (error, nothing written) a file that is not a
  // database, a database newer than this binary, or one it cannot read.
  static Result<std::unique_ptr<Store>> open(const std::string& url);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  UserRepository& users() { return users_; }
  SessionRepository& sessions() { return sessions_; }

  // Cheap round trip to the database, for /readyz.
  Result<void> ping();
  int schemaVersion() const { return schemaVersion_; }
  std::string_view backendName() const;

 private:
  Store(std::unique_ptr<Database> db, int schemaVersion);

  std::unique_ptr<Database> db_;
  UserRepository users_;
  SessionRepository sessions_;
  int schemaVersion_;
};

}  // namespace dienhong::store
