// UserRepository: accounts, written once over Database for both back-ends. Usernames are stored
// lower-case and looked up lower-cased, which makes matching case-insensitive without relying on
// either database's idea of case.
#include <algorithm>
#include <string>
#include <utility>

#include "store/database.hpp"
#include "store/guard.hpp"
#include "store/store.hpp"
#include "store/text_case.hpp"

namespace dienhong::store {

namespace {

constexpr std::string_view kSelectUser =
    "SELECT id, username, display_name, password_hash, role, must_change_password, disabled, "
    "password_changed_at, created_at, failed_sign_ins, first_failed_at, locked_at, locked_until, "
    "unit_id, email, permissions, totp_secret, totp_pending, totp_last_step, directory_dn FROM users ";

std::optional<std::string> optionalText(const Row& row, std::size_t column) {
  if (row.isNull(column)) return std::nullopt;
  return row.text(column);
}

Param optionalParam(const std::optional<std::string>& value) {
  return value ? Param(*value) : Param(nullptr);
}

std::string searchKeyOf(std::string_view username, const User& user) {
  return searchKey(std::string(username) + " " + user.displayName + " " + user.email);
}

// A LIKE pattern that matches `text` anywhere, with '!' escaping the wildcards typed by the user.
std::string containsPattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '!') pattern.push_back('!');
    pattern.push_back(c);
  }
  pattern.push_back('%');
  return pattern;
}

// Hashes of replaced passwords kept per account, whatever the policy's history length, so that
// raising it later takes effect at once (S1.3.2's history rule reads at most this many).
constexpr int kKeptPasswordHistory = 24;

std::optional<int64_t> optionalInteger(const Row& row, std::size_t column) {
  if (row.isNull(column)) return std::nullopt;
  return row.integer(column);
}

Result<User> userFromRow(const Row& row) {
  User user;
  user.id = row.text(0);
  user.username = row.text(1);
  user.displayName = row.text(2);
  user.passwordHash = row.text(3);
  const std::string role = row.text(4);
  auto parsed = roleFromString(role);
  if (!parsed) {
    return Error{"database_corrupt", "user '" + user.id + "' has unknown role '" + role + "'"};
  }
  user.role = *parsed;
  user.mustChangePassword = row.boolean(5);
  user.disabled = row.boolean(6);
  user.passwordChangedAtMs = row.integer(7);
  user.createdAtMs = row.integer(8);
  user.failedSignIns = static_cast<int>(row.integer(9));
  user.firstFailedAtMs = row.integer(10);
  user.lockedAtMs = optionalInteger(row, 11);
  user.lockedUntilMs = optionalInteger(row, 12);
  user.unitId = optionalText(row, 13);
  user.email = row.text(14);
  user.permissions = optionalText(row, 15);
  user.totpSecret = optionalText(row, 16);
  user.totpPending = optionalText(row, 17);
  user.totpLastStep = optionalInteger(row, 18);
  user.directoryDn = optionalText(row, 19);
  return user;
}

Result<std::optional<User>> oneUser(Result<QueryResult> result) {
  if (!result) return result.error();
  if (result->rows.empty()) return std::optional<User>();
  auto user = userFromRow(result->rows.front());
  if (!user) return user.error();
  return std::optional<User>(std::move(*user));
}

}  // namespace

Result<void> UserRepository::create(const User& user) {
  return guarded("create user", [&]() -> Result<void> {
    const std::string username = lowerCase(user.username);
    auto inserted = db_.execute(
        "INSERT INTO users (id, username, display_name, password_hash, role, "
        "must_change_password, disabled, password_changed_at, created_at, unit_id, email, "
        "permissions, search_key, directory_dn) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        {user.id, username, user.displayName, user.passwordHash, toString(user.role),
         user.mustChangePassword, user.disabled, user.passwordChangedAtMs, user.createdAtMs,
         optionalParam(user.unitId), user.email, optionalParam(user.permissions),
         searchKeyOf(username, user), optionalParam(user.directoryDn)});
    if (!inserted) {
      if (inserted.error().code == "conflict") {
        return Error{"conflict", "a user with id '" + user.id + "' or username '" + username +
                                     "' already exists"};
      }
      return inserted.error();
    }
    return success();
  });
}

Result<std::optional<User>> UserRepository::findById(std::string_view id) {
  return guarded("find user", [&]() -> Result<std::optional<User>> {
    return oneUser(db_.execute(std::string(kSelectUser) + "WHERE id = $1", {id}));
  });
}

Result<std::optional<User>> UserRepository::findByUsername(std::string_view username) {
  return guarded("find user", [&]() -> Result<std::optional<User>> {
    return oneUser(
        db_.execute(std::string(kSelectUser) + "WHERE username = $1", {lowerCase(username)}));
  });
}

Result<void> UserRepository::updatePassword(std::string_view id, std::string_view passwordHash,
                                            bool mustChangePassword, int64_t changedAtMs) {
  return guarded("update password", [&]() -> Result<void> {
    return db_.transaction([&](Connection& connection) -> Result<void> {
      auto archived = connection.execute(
          "INSERT INTO password_history (user_id, password_hash, replaced_at) "
          "SELECT id, password_hash, CAST($2 AS BIGINT) FROM users WHERE id = $1",
          {id, changedAtMs});
      if (!archived) return archived.error();
      if (archived->affectedRows == 0) {
        return Error{"not_found", "no user with id '" + std::string(id) + "'"};
      }
      // A new password also ends any lock: S1.3.6 for an expired one, and an administrator's
      // reset is how an account locked "until unlocked" comes back.
      auto updated = connection.execute(
          "UPDATE users SET password_hash = $2, must_change_password = $3, "
          "password_changed_at = $4, failed_sign_ins = 0, first_failed_at = 0, locked_at = NULL, "
          "locked_until = NULL WHERE id = $1",
          {id, passwordHash, mustChangePassword, changedAtMs});
      if (!updated) return updated.error();
      auto pruned = connection.execute(
          "DELETE FROM password_history WHERE user_id = $1 AND replaced_at NOT IN ("
          "SELECT replaced_at FROM password_history WHERE user_id = $1 "
          "ORDER BY replaced_at DESC LIMIT $2)",
          {id, kKeptPasswordHistory});
      if (!pruned) return pruned.error();
      return success();
    });
  });
}

Result<std::vector<std::string>> UserRepository::passwordHistory(std::string_view id, int limit) {
  return guarded("read password history", [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> hashes;
    if (limit <= 0) return hashes;
    auto rows = db_.execute(
        "SELECT password_hash FROM password_history WHERE user_id = $1 "
        "ORDER BY replaced_at DESC LIMIT $2",
        {id, std::min(limit, kKeptPasswordHistory)});
    if (!rows) return rows.error();
    for (const Row& row : rows->rows) hashes.push_back(row.text(0));
    return hashes;
  });
}

Result<int> UserRepository::recordFailedSignIn(std::string_view id, int64_t nowMs, int64_t windowMs) {
  return guarded("record failed sign-in", [&]() -> Result<int> {
    // One statement, so that concurrent failures each count (no read-modify-write race).
    auto counted = db_.execute(
        "UPDATE users SET "
        "failed_sign_ins = CASE WHEN first_failed_at <= $3 THEN 1 ELSE failed_sign_ins + 1 END, "
        "first_failed_at = CASE WHEN first_failed_at <= $3 THEN $2 ELSE first_failed_at END "
        "WHERE id = $1 RETURNING failed_sign_ins",
        {id, nowMs, nowMs - windowMs});
    if (!counted) return counted.error();
    if (counted->rows.empty()) return Error{"not_found", "no user with id '" + std::string(id) + "'"};
    return static_cast<int>(counted->rows.front().integer(0));
  });
}

Result<void> UserRepository::clearFailedSignIns(std::string_view id) {
  return guarded("clear failed sign-ins", [&]() -> Result<void> {
    // Guarded by the WHERE so that the usual sign-in, with nothing to clear, writes nothing.
    auto cleared = db_.execute(
        "UPDATE users SET failed_sign_ins = 0, first_failed_at = 0, locked_at = NULL, "
        "locked_until = NULL WHERE id = $1 AND (failed_sign_ins <> 0 OR locked_at IS NOT NULL)",
        {id});
    if (!cleared) return cleared.error();
    return success();
  });
}

Result<void> UserRepository::lock(std::string_view id, int64_t lockedAtMs,
                                  std::optional<int64_t> lockedUntilMs) {
  return guarded("lock user", [&]() -> Result<void> {
    auto locked = db_.execute(
        "UPDATE users SET locked_at = $2, locked_until = $3, failed_sign_ins = 0, "
        "first_failed_at = 0 WHERE id = $1",
        {id, lockedAtMs, lockedUntilMs ? Param(*lockedUntilMs) : Param(nullptr)});
    if (!locked) return locked.error();
    if (locked->affectedRows == 0) {
      return Error{"not_found", "no user with id '" + std::string(id) + "'"};
    }
    return success();
  });
}

Result<void> UserRepository::updateProfile(const User& user) {
  return guarded("update user", [&]() -> Result<void> {
    auto updated = db_.execute(
        "UPDATE users SET display_name = $2, role = $3, disabled = $4, unit_id = $5, email = $6, "
        "permissions = $7, search_key = $8 WHERE id = $1",
        {user.id, user.displayName, toString(user.role), user.disabled, optionalParam(user.unitId),
         user.email, optionalParam(user.permissions), searchKeyOf(lowerCase(user.username), user)});
    if (!updated) return updated.error();
    if (updated->affectedRows == 0) {
      return Error{"not_found", "no user with id '" + user.id + "'"};
    }
    return success();
  });
}

Result<void> UserRepository::setTotp(std::string_view id, const std::optional<std::string>& secret,
                                     const std::optional<std::string>& pending) {
  return guarded("save two-factor seed", [&]() -> Result<void> {
    auto updated = db_.execute(
        "UPDATE users SET totp_secret = $2, totp_pending = $3, totp_last_step = NULL WHERE id = $1",
        {id, optionalParam(secret), optionalParam(pending)});
    if (!updated) return updated.error();
    if (updated->affectedRows == 0) return Error{"not_found", "no user with id '" + std::string(id) + "'"};
    return success();
  });
}

Result<bool> UserRepository::useTotpStep(std::string_view id, int64_t step) {
  return guarded("record two-factor step", [&]() -> Result<bool> {
    // One statement: of two sign-ins racing with the same code, only one moves the step on.
    auto updated = db_.execute(
        "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
        {id, step});
    if (!updated) return updated.error();
    return updated->affectedRows == 1;
  });
}

Result<void> UserRepository::remove(std::string_view id) {
  return guarded("remove user", [&]() -> Result<void> {
    auto removed = db_.execute("DELETE FROM users WHERE id = $1", {id});
    if (!removed) return removed.error();
    if (removed->affectedRows == 0) {
      return Error{"not_found", "no user with id '" + std::string(id) + "'"};
    }
    return success();
  });
}

Result<UserPage> UserRepository::list(const UserQuery& query) {
  return guarded("list users", [&]() -> Result<UserPage> {
    // One statement text for every combination of filters: an empty parameter turns its filter
    // off. The scope is the unit and every unit under it.
    constexpr std::string_view kFilter =
        "WITH RECURSIVE scope(id) AS ("
        "SELECT id FROM units WHERE id = $1 "
        "UNION ALL SELECT units.id FROM units JOIN scope ON units.parent_id = scope.id) "
        "{} FROM users WHERE ($1 = '' OR unit_id IN (SELECT id FROM scope)) "
        "AND ($2 = '' OR search_key LIKE $2 ESCAPE '!') "
        "AND ($3 = '' OR role = $3) "
        "AND ($4 = '' "
        "OR ($4 = 'disabled' AND disabled = 1) "
        "OR ($4 = 'locked' AND locked_at IS NOT NULL AND (locked_until IS NULL OR locked_until > $5)) "
        "OR ($4 = 'active' AND disabled = 0 "
        "AND NOT (locked_at IS NOT NULL AND (locked_until IS NULL OR locked_until > $5))))";
    const std::string scope = query.scopeUnitId.value_or("");
    const std::string pattern = query.text.empty() ? "" : containsPattern(searchKey(query.text));
    const std::string role = query.role ? std::string(toString(*query.role)) : "";
    const std::string status = std::string(toString(query.status));
    auto filter = [&](std::string_view head) {
      std::string sql(kFilter);
      sql.replace(sql.find("{}"), 2, head);
      return sql;
    };
    auto counted = db_.execute(filter("SELECT COUNT(*)"), {scope, pattern, role, status, query.nowMs});
    if (!counted) return counted.error();
    UserPage page;
    page.total = counted->rows.empty() ? 0 : counted->rows.front().integer(0);
    if (query.limit <= 0) return page;
    std::string select(kSelectUser);
    select.resize(select.rfind(" FROM users"));
    auto rows = db_.execute(filter(select) + " ORDER BY username LIMIT $6 OFFSET $7",
                            {scope, pattern, role, status, query.nowMs, query.limit, query.offset});
    if (!rows) return rows.error();
    for (const Row& row : rows->rows) {
      auto user = userFromRow(row);
      if (!user) return user.error();
      page.users.push_back(std::move(*user));
    }
    return page;
  });
}

Result<int64_t> UserRepository::count() {
  return guarded("count users", [&]() -> Result<int64_t> {
    auto counted = db_.execute("SELECT COUNT(*) FROM users");
    if (!counted) return counted.error();
    return counted->rows.empty() ? int64_t{0} : counted->rows.front().integer(0);
  });
}

}  // namespace dienhong::store
