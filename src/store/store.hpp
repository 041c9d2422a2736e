// Store: the one storage interface of the control plane. Repositories are written once over a
// small Database abstraction; two back-ends implement it: SQLite (default, embedded, WAL) and
// PostgreSQL (selected by a postgresql:// URL, for clusters). Prepared statements only.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "store/records.hpp"

namespace dienhong::store {

class Database;

struct UserQuery {
  std::optional<std::string> scopeUnitId = std::nullopt;  // this unit and those under it; none: all
  std::string text = {};  // in the username, display name or e-mail, accents ignored
  std::optional<Role> role = std::nullopt;
  UserStatus status = UserStatus::Any;
  int64_t nowMs = 0;  // what "locked" means now
  int offset = 0;
  int limit = 50;
};

struct UserPage {
  std::vector<User> users;  // by username
  int64_t total = 0;        // matching the filters, whatever the page
};

class UserRepository {
 public:
  explicit UserRepository(Database& db) : db_(db) {}
  // Error code "conflict" when the username is taken.
  Result<void> create(const User& user);
  Result<std::optional<User>> findById(std::string_view id);
  // Usernames are matched case-insensitively (stored lower-case).
  Result<std::optional<User>> findByUsername(std::string_view username);
  // Keeps the replaced hash in the password history and ends any lock or failure count.
  Result<void> updatePassword(std::string_view id, std::string_view passwordHash,
                              bool mustChangePassword, int64_t changedAtMs);
  // Hashes of the account's replaced passwords, newest first, at most `limit` (capped at 24).
  Result<std::vector<std::string>> passwordHistory(std::string_view id, int limit);
  Result<int64_t> count();
  // Saves display name, role, disabled, unit, e-mail and permissions ("not_found").
  Result<void> updateProfile(const User& user);
  // Two-factor seeds (sealed): the active one and the one being enrolled; forgets the last step.
  Result<void> setTotp(std::string_view id, const std::optional<std::string>& secret,
                       const std::optional<std::string>& pending);
  // Accepts `step` once: true if it is later than the last accepted step (then it becomes it).
  Result<bool> useTotpStep(std::string_view id, int64_t step);
  // Removes the account, its sessions and, by cascade, the rooms it owns ("not_found").
  Result<void> remove(std::string_view id);
  Result<UserPage> list(const UserQuery& query);

  // S1.4: counts a wrong password and returns the failures in the window, which restarts when
  // its first failure is windowMs old. "not_found" for an unknown id.
  Result<int> recordFailedSignIn(std::string_view id, int64_t nowMs, int64_t windowMs);
  // After a successful sign-in (or an expired lock): no failures, no lock. Writes only if needed.
  Result<void> clearFailedSignIns(std::string_view id);
  // Locks the account until lockedUntilMs, or until unlocked when none; resets the failure count.
  Result<void> lock(std::string_view id, int64_t lockedAtMs, std::optional<int64_t> lockedUntilMs);

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

class RoomRepository {
 public:
  explicit RoomRepository(Database& db) : db_(db) {}
  // Error code "conflict" when the id or the invite token hash is taken: pick a new id (or
  // token) and try again. An unknown owner is refused ("database_error").
  Result<void> create(const Room& room);
  Result<std::optional<Room>> findById(std::string_view id);
  // The caller hashes the presented token; the token itself never reaches the store.
  Result<std::optional<Room>> findByInviteTokenHash(std::string_view inviteTokenHash);
  // Scheduled rooms first, soonest first, then instant ones; ties by creation time.
  Result<std::vector<Room>> listByOwner(std::string_view ownerId);
  // Saves every field but id, owner and creation time. "not_found" when there is no such room,
  // "conflict" when the new invite token hash belongs to another room.
  Result<void> update(const Room& room);
  // Replaces the invite link ("not_found", "conflict" as for update).
  Result<void> updateInviteTokenHash(std::string_view id, std::string_view inviteTokenHash,
                                     int64_t nowMs);
  // Removes the room and, by cascade, its chat. "not_found" when there is no such room.
  Result<void> remove(std::string_view id);

 private:
  Database& db_;
};

class ChatRepository {
 public:
  explicit ChatRepository(Database& db) : db_(db) {}
  // "conflict" when the id is taken; a message for an unknown room is refused ("database_error").
  Result<void> append(const ChatMessage& message);
  // The newest `limit` messages of the room, oldest first (ties by id); none when limit <= 0.
  Result<std::vector<ChatMessage>> recent(std::string_view roomId, int limit);
  Result<void> removeForRoom(std::string_view roomId);

 private:
  Database& db_;
};

struct AuditQuery {
  std::optional<AuditCategory> category = std::nullopt;
  std::optional<AuditOutcome> outcome = std::nullopt;
  std::string actor = {};  // exact user id ("" any)
  std::string text = {};   // in the action, target, source address or detail
  int64_t fromMs = 0;      // at or after
  int64_t toMs = std::numeric_limits<int64_t>::max();  // before
  int offset = 0;
  int limit = 100;
};

struct AuditPage {
  std::vector<AuditEvent> events;  // newest first
  int64_t total = 0;
};

class AuditRepository {
 public:
  explicit AuditRepository(Database& db) : db_(db) {}
  // "conflict" when the id is taken.
  Result<void> append(const AuditEvent& event);
  // Events at or after sinceMs, of one category or all, newest first (ties by id), at most
  // `limit` of them; none when limit <= 0.
  Result<std::vector<AuditEvent>> list(std::optional<AuditCategory> category, int64_t sinceMs,
                                       int limit);
  Result<AuditPage> search(const AuditQuery& query);
  // For forwarding: the events recorded after the one with id `afterId` ("" from the start),
  // oldest first. Ids sort in recording order (audit::AuditLog makes them so).
  Result<std::vector<AuditEvent>> after(std::string_view afterId, int limit);
  Result<int64_t> countAfter(std::string_view afterId);
  // Retention: removes the events strictly older than cutoffMs and returns how many went.
  Result<int64_t> removeOlderThan(int64_t cutoffMs);

 private:
  Database& db_;
};

class UnitRepository {
 public:
  explicit UnitRepository(Database& db) : db_(db) {}
  // "conflict" when the id is taken.
  Result<void> create(const Unit& unit);
  Result<std::optional<Unit>> findById(std::string_view id);
  // Every unit, by name; the tree is small enough to hold in memory.
  Result<std::vector<Unit>> list();
  Result<void> rename(std::string_view id, std::string_view name);  // "not_found"
  // "not_found"; "in_use" while a unit or an account belongs to it.
  Result<void> remove(std::string_view id);

 private:
  Database& db_;
};

class SettingsRepository {
 public:
  explicit SettingsRepository(Database& db) : db_(db) {}
  Result<std::optional<Setting>> find(std::string_view name);
  // Inserts or replaces the setting.
  Result<void> put(const Setting& setting);

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
  RoomRepository& rooms() { return rooms_; }
  ChatRepository& chat() { return chat_; }
  AuditRepository& audit() { return audit_; }
  SettingsRepository& settings() { return settings_; }
  UnitRepository& units() { return units_; }

  // Cheap round trip to the database, for /readyz.
  Result<void> ping();
  int schemaVersion() const { return schemaVersion_; }
  std::string_view backendName() const;

 private:
  Store(std::unique_ptr<Database> db, int schemaVersion);

  std::unique_ptr<Database> db_;
  UserRepository users_;
  SessionRepository sessions_;
  RoomRepository rooms_;
  ChatRepository chat_;
  AuditRepository audit_;
  SettingsRepository settings_;
  UnitRepository units_;
  int schemaVersion_;
};

}  // namespace dienhong::store
