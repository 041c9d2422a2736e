// SqliteConnection: one sqlite3 handle with its cache of prepared statements. Binds the shared
// $1, $2 … placeholders by name, so the statement text is the same as PostgreSQL's. Also the RAII
// wrappers for SQLite handles and the mapping of SQLite result codes to the store's error codes.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/database.hpp"

namespace dienhong::store {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

struct SqliteFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using SqliteStatement = std::unique_ptr<sqlite3_stmt, SqliteFinalizer>;

// "conflict" for a unique violation, "database_corrupt" for a damaged or foreign file, otherwise
// "database_error"; the message names the file so an operator knows which one.
Error sqliteError(sqlite3* db, int rc, std::string_view path, std::string_view what);

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(SqliteHandle db, std::string path);

  Result<QueryResult> executeSpan(std::string_view sql, std::span<const Param> params) override;
  Result<void> executeScript(std::string_view sql) override;
  // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes
  // can fail with SQLITE_BUSY without waiting when another connection wrote in between.
  Result<void> begin() override;

 private:
  Result<sqlite3_stmt*> prepare(std::string_view sql);
  Result<void> bind(sqlite3_stmt* statement, std::span<const Param> params);

  SqliteHandle db_;
  std::string path_;
  // Declared after db_ so the statements are finalized before the handle closes.
  std::unordered_map<std::string, SqliteStatement> statements_;
};

}  // namespace dienhong::store
