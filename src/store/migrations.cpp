// Versioned schema migrations (see migrations.hpp). Portable SQL only: TEXT ids chosen by the
// application, BIGINT Unix-millisecond times, INTEGER 0/1 booleans.
#include "store/migrations.hpp"

#include <array>
#include <chrono>
#include <string>

namespace dienhong::store {

namespace {

constexpr std::array kMigrations{
    Migration{1, "users and sessions", R"sql(
CREATE TABLE users (
  id TEXT NOT NULL PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('user', 'meeting_admin', 'system_admin')),
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  password_changed_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE sessions (
  id TEXT NOT NULL PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  client_address TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
)sql"},
    // Rooms hold the hash of their invite token, never the token: the link is a credential.
    // Chat messages keep sender_user_id without a foreign key, so that a deleted account leaves
    // the meeting's record intact. Audit events reference nothing: they must outlive what they
    // describe.
    Migration{2, "rooms, chat and audit", R"sql(
CREATE TABLE rooms (
  id TEXT NOT NULL PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  scheduled_at BIGINT NULL,
  invite_token_hash TEXT NOT NULL UNIQUE,
  password_hash TEXT NULL,
  locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  lobby_enabled INTEGER NOT NULL DEFAULT 0 CHECK (lobby_enabled IN (0, 1)),
  allow_guests INTEGER NOT NULL DEFAULT 0 CHECK (allow_guests IN (0, 1)),
  max_participants INTEGER NOT NULL CHECK (max_participants > 0),
  start_muted INTEGER NOT NULL DEFAULT 0 CHECK (start_muted IN (0, 1)),
  may_share_content INTEGER NOT NULL DEFAULT 0 CHECK (may_share_content IN (0, 1)),
  may_record_audio INTEGER NOT NULL DEFAULT 0 CHECK (may_record_audio IN (0, 1)),
  may_record_video INTEGER NOT NULL DEFAULT 0 CHECK (may_record_video IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX rooms_owner_id ON rooms (owner_id);
CREATE INDEX rooms_scheduled_at ON rooms (scheduled_at);
CREATE TABLE chat_messages (
  id TEXT NOT NULL PRIMARY KEY,
  room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  sender_participant_id TEXT NOT NULL,
  sender_name TEXT NOT NULL,
  sender_user_id TEXT NULL,
  body TEXT NOT NULL,
  sent_at BIGINT NOT NULL
);
CREATE INDEX chat_messages_room_id_sent_at ON chat_messages (room_id, sent_at);
CREATE TABLE audit_events (
  id TEXT NOT NULL PRIMARY KEY,
  at BIGINT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('access', 'admin_login', 'error', 'account',
                                             'configuration', 'meeting')),
  actor TEXT NOT NULL,
  source_address TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  detail TEXT NOT NULL
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_category_at ON audit_events (category, at);
)sql"},
    // S1.3/S1.4: failed sign-ins and locks per account, the hashes of replaced passwords (never
    // the passwords), and the settings the console edits as JSON documents.
    Migration{3, "account lockout, password history and settings", R"sql(
ALTER TABLE users ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN first_failed_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_at BIGINT NULL;
ALTER TABLE users ADD COLUMN locked_until BIGINT NULL;
CREATE TABLE password_history (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  password_hash TEXT NOT NULL,
  replaced_at BIGINT NOT NULL
);
CREATE INDEX password_history_user_id ON password_history (user_id, replaced_at);
CREATE TABLE settings (
  name TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);
)sql"},
    // S1.1/S2.5: the organisation's units as a tree, each account's unit, e-mail and own
    // permissions, and a lower-cased, accent-free search key written by the application (neither
    // back-end's lower() folds Vietnamese the same way).
    Migration{4, "units and account details", R"sql(
CREATE TABLE units (
  id TEXT NOT NULL PRIMARY KEY,
  parent_id TEXT NULL REFERENCES units (id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX units_parent_id ON units (parent_id);
ALTER TABLE users ADD COLUMN unit_id TEXT NULL REFERENCES units (id);
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN permissions TEXT NULL;
ALTER TABLE users ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
UPDATE users SET search_key = username || ' ' || lower(display_name);
CREATE INDEX users_unit_id ON users (unit_id);
)sql"},
    // Two-factor sign-in: the TOTP seed sealed with the master key (never in clear), the seed
    // being enrolled, and the last time step accepted (no code is accepted twice).
    Migration{5, "two-factor sign-in", R"sql(
ALTER TABLE users ADD COLUMN totp_secret TEXT NULL;
ALTER TABLE users ADD COLUMN totp_pending TEXT NULL;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NULL;
)sql"},
    // F6: accounts of an LDAP directory keep its DN; the directory checks their password.
    Migration{6, "directory accounts", R"sql(
ALTER TABLE users ADD COLUMN directory_dn TEXT NULL;
)sql"},
};

constexpr std::string_view kCreateBookkeeping = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER NOT NULL PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)
)sql";

// Arbitrary constant naming the PostgreSQL advisory lock that serialises migrations.
constexpr int64_t kMigrationLockKey = 0x64686D6967;  // "dhmig"

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Serialises migrating processes. SQLite needs nothing more: transactions begin IMMEDIATE, which
// already takes the one write lock.
Result<void> lockForMigration(Dialect dialect, Connection& connection) {
  if (dialect != Dialect::Postgres) return success();
  auto locked = connection.execute("SELECT pg_advisory_xact_lock($1)", {kMigrationLockKey});
  if (!locked) return locked.error();
  return success();
}

Result<int> recordedVersion(Connection& connection) {
  auto result = connection.execute("SELECT MAX(version) FROM schema_migrations");
  if (!result) return result.error();
  if (result->rows.empty() || result->rows[0].isNull(0)) return 0;
  return static_cast<int>(result->rows[0].integer(0));
}

Error withContext(const Error& error, const std::string& context) {
  return Error{error.code, context + ": " + error.message};
}

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

Result<int> migrate(Database& db, std::span<const Migration> known) {
  const int latest = known.empty() ? 0 : known.back().version;
  int version = 0;
  auto prepared = db.transaction([&](Connection& connection) -> Result<void> {
    if (auto locked = lockForMigration(db.dialect(), connection); !locked) return locked;
    if (auto created = connection.executeScript(kCreateBookkeeping); !created) return created;
    auto current = recordedVersion(connection);
    if (!current) return current.error();
    version = *current;
    return success();
  });
  if (!prepared) return withContext(prepared.error(), "cannot read the schema version");
  if (version > latest) {
    return Error{"database_too_new",
                 "the database schema is at version " + std::to_string(version) +
                     " but this Diên Hồng binary only knows up to version " +
                     std::to_string(latest) +
                     "; run the newer binary that wrote it, or restore a backup made for this one"};
  }

  for (const Migration& migration : known) {
    if (migration.version <= version) continue;
    auto applied = db.transaction([&](Connection& connection) -> Result<void> {
      if (auto locked = lockForMigration(db.dialect(), connection); !locked) return locked;
      auto current = recordedVersion(connection);
      if (!current) return current.error();
      if (*current >= migration.version) return success();  // another process applied it
      if (auto ran = connection.executeScript(migration.sql); !ran) return ran;
      auto recorded = connection.execute(
          "INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)",
          {migration.version, migration.description, nowMs()});
      if (!recorded) return recorded.error();
      return success();
    });
    if (!applied) {
      return withContext(applied.error(), "migration " + std::to_string(migration.version) + " (" +
                                              std::string(migration.description) +
                                              ") failed and was rolled back");
    }
    version = migration.version;
  }
  return version;
}

}  // namespace dienhong::store
