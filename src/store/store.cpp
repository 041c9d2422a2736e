// Store: opens the database named by a URL, brings its schema up to date and hands out the
// repositories (see store.hpp).
#include "store/store.hpp"

#include <utility>

#include "store/database.hpp"
#include "store/database_url.hpp"
#include "store/guard.hpp"
#include "store/migrations.hpp"

namespace dienhong::store {

Result<std::unique_ptr<Store>> Store::open(const std::string& url) {
  return guarded("open database", [&]() -> Result<std::unique_ptr<Store>> {
    auto db = openDatabase(url);
    if (!db) return db.error();
    auto version = migrate(**db);
    if (!version) return version.error();
    return std::unique_ptr<Store>(new Store(std::move(*db), *version));
  });
}

Store::Store(std::unique_ptr<Database> db, int schemaVersion)
    : db_(std::move(db)),
      users_(*db_),
      sessions_(*db_),
      rooms_(*db_),
      chat_(*db_),
      audit_(*db_),
      settings_(*db_),
      units_(*db_),
      schemaVersion_(schemaVersion) {}

Store::~Store() = default;

Result<void> Store::ping() {
  return guarded("ping database", [&]() -> Result<void> {
    auto pong = db_->execute("SELECT 1");
    if (!pong) return pong.error();
    return success();
  });
}

std::string_view Store::backendName() const { return db_->dialectName(); }

}  // namespace dienhong::store
