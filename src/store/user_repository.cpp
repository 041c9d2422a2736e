// UserRepository: accounts, written once over Database for both back-ends. Usernames are stored
// lower-case and looked up lower-cased, which makes matching case-insensitive without relying on
// either database's idea of case.
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
    "password_changed_at, created_at FROM users ";

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
        "must_change_password, disabled, password_changed_at, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {user.id, username, user.displayName, user.passwordHash, toString(user.role),
         user.mustChangePassword, user.disabled, user.passwordChangedAtMs, user.createdAtMs});
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
    auto updated = db_.execute(
        "UPDATE users SET password_hash = $2, must_change_password = $3, "
        "password_changed_at = $4 WHERE id = $1",
        {id, passwordHash, mustChangePassword, changedAtMs});
    if (!updated) return updated.error();
    if (updated->affectedRows == 0) {
      return Error{"not_found", "no user with id '" + std::string(id) + "'"};
    }
    return success();
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
