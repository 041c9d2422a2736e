// SessionRepository: login sessions, written once over Database for both back-ends. A session
// row's id is the hash of the client's token; rows go when the user logs out, when an
// administrator ends them, when they expire, or with their user (ON DELETE CASCADE).
#include <string>
#include <utility>

#include "store/database.hpp"
#include "store/guard.hpp"
#include "store/store.hpp"

namespace dienhong::store {

namespace {

Session sessionFromRow(const Row& row) {
  Session session;
  session.id = row.text(0);
  session.userId = row.text(1);
  session.csrfToken = row.text(2);
  session.clientAddress = row.text(3);
  session.userAgent = row.text(4);
  session.createdAtMs = row.integer(5);
  session.lastSeenAtMs = row.integer(6);
  session.expiresAtMs = row.integer(7);
  return session;
}

}  // namespace

Result<void> SessionRepository::create(const Session& session) {
  return guarded("create session", [&]() -> Result<void> {
    auto inserted = db_.execute(
        "INSERT INTO sessions (id, user_id, csrf_token, client_address, user_agent, created_at, "
        "last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {session.id, session.userId, session.csrfToken, session.clientAddress, session.userAgent,
         session.createdAtMs, session.lastSeenAtMs, session.expiresAtMs});
    if (!inserted) return inserted.error();
    return success();
  });
}

Result<std::optional<Session>> SessionRepository::find(std::string_view id) {
  return guarded("find session", [&]() -> Result<std::optional<Session>> {
    auto found = db_.execute(
        "SELECT id, user_id, csrf_token, client_address, user_agent, created_at, last_seen_at, "
        "expires_at FROM sessions WHERE id = $1",
        {id});
    if (!found) return found.error();
    if (found->rows.empty()) return std::optional<Session>();
    return std::optional<Session>(sessionFromRow(found->rows.front()));
  });
}

Result<void> SessionRepository::touch(std::string_view id, int64_t lastSeenAtMs) {
  return guarded("touch session", [&]() -> Result<void> {
    auto updated =
        db_.execute("UPDATE sessions SET last_seen_at = $2 WHERE id = $1", {id, lastSeenAtMs});
    if (!updated) return updated.error();
    if (updated->affectedRows == 0) {
      return Error{"not_found", "no session with that id"};  // the id is a credential: not logged
    }
    return success();
  });
}

Result<void> SessionRepository::remove(std::string_view id) {
  return guarded("remove session", [&]() -> Result<void> {
    auto removed = db_.execute("DELETE FROM sessions WHERE id = $1", {id});
    if (!removed) return removed.error();
    return success();
  });
}

Result<void> SessionRepository::removeAllForUser(std::string_view userId) {
  return guarded("remove sessions", [&]() -> Result<void> {
    auto removed = db_.execute("DELETE FROM sessions WHERE user_id = $1", {userId});
    if (!removed) return removed.error();
    return success();
  });
}

Result<int64_t> SessionRepository::removeExpired(int64_t nowMs) {
  return guarded("remove expired sessions", [&]() -> Result<int64_t> {
    auto removed = db_.execute("DELETE FROM sessions WHERE expires_at <= $1", {nowMs});
    if (!removed) return removed.error();
    return removed->affectedRows;
  });
}

}  // namespace dienhong::store
