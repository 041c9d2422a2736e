// SqliteConnection: executes statements on one sqlite3 handle (see sqlite_connection.hpp).
#include "store/sqlite_connection.hpp"

#include <string>
#include <utility>
#include <vector>

namespace dienhong::store {

namespace {

struct SqliteFree {
  void operator()(char* text) const { sqlite3_free(text); }
};

// Resets a cached statement however execution ends, so it can be reused and releases its locks.
class StatementReset {
 public:
  explicit StatementReset(sqlite3_stmt* statement) : statement_(statement) {}
  ~StatementReset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  StatementReset(const StatementReset&) = delete;
  StatementReset& operator=(const StatementReset&) = delete;

 private:
  sqlite3_stmt* statement_;
};

Value columnValue(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_NULL:
      return std::monostate{};
    case SQLITE_INTEGER:
      return static_cast<int64_t>(sqlite3_column_int64(statement, column));
    default: {
      // TEXT, and anything else read as its text form (the schema has no REAL or BLOB columns).
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
      return std::string(text ? text : "",
                         static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
    }
  }
}

}  // namespace

Error sqliteError(sqlite3* db, int rc, std::string_view path, std::string_view what) {
  const int primary = rc & 0xff;
  std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string message =
      "SQLite database '" + std::string(path) + "': " + std::string(what) + ": " + detail;
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Error{"conflict", std::move(message)};
  }
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
    return Error{"database_corrupt", std::move(message)};
  }
  return Error{"database_error", std::move(message)};
}

SqliteConnection::SqliteConnection(SqliteHandle db, std::string path)
    : db_(std::move(db)), path_(std::move(path)) {}

Result<sqlite3_stmt*> SqliteConnection::prepare(std::string_view sql) {
  std::string key(sql);
  if (auto found = statements_.find(key); found != statements_.end()) return found->second.get();
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  SqliteStatement statement(raw);
  if (rc != SQLITE_OK) return sqliteError(db_.get(), rc, path_, "cannot prepare statement");
  if (!statement) return Error{"database_error", "empty SQL statement"};
  return statements_.emplace(std::move(key), std::move(statement)).first->second.get();
}

Result<void> SqliteConnection::bind(sqlite3_stmt* statement, std::span<const Param> params) {
  // $1 used twice is one parameter to SQLite, so distinct names must equal the values given.
  if (sqlite3_bind_parameter_count(statement) != static_cast<int>(params.size())) {
    return Error{"database_error", "statement expects " +
                                       std::to_string(sqlite3_bind_parameter_count(statement)) +
                                       " parameters, got " + std::to_string(params.size()) + ": " +
                                       sqlite3_sql(statement)};
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string name = "$" + std::to_string(i + 1);
    const int index = sqlite3_bind_parameter_index(statement, name.c_str());
    if (index == 0) {
      return Error{"database_error",
                   "statement has no parameter " + name + ": " + sqlite3_sql(statement)};
    }
    int rc = SQLITE_OK;
    if (const int64_t* integer = params[i].integer()) {
      rc = sqlite3_bind_int64(statement, index, *integer);
    } else if (const std::string_view* text = params[i].text()) {
      rc = sqlite3_bind_text64(statement, index, text->data(), text->size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
    } else {
      rc = sqlite3_bind_null(statement, index);
    }
    if (rc != SQLITE_OK) return sqliteError(db_.get(), rc, path_, "cannot bind " + name);
  }
  return success();
}

Result<QueryResult> SqliteConnection::executeSpan(std::string_view sql,
                                                  std::span<const Param> params) {
  auto prepared = prepare(sql);
  if (!prepared) return prepared.error();
  sqlite3_stmt* statement = *prepared;
  StatementReset reset(statement);
  if (auto bound = bind(statement, params); !bound) return bound.error();

  QueryResult result;
  const int columns = sqlite3_column_count(statement);
  for (;;) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return sqliteError(db_.get(), rc, path_, "statement failed");
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int column = 0; column < columns; ++column) {
      values.push_back(columnValue(statement, column));
    }
    result.rows.emplace_back(std::move(values));
  }
  if (!sqlite3_stmt_readonly(statement)) result.affectedRows = sqlite3_changes64(db_.get());
  return result;
}

Result<void> SqliteConnection::executeScript(std::string_view sql) {
  char* rawMessage = nullptr;
  const int rc = sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, &rawMessage);
  std::unique_ptr<char, SqliteFree> message(rawMessage);
  if (rc != SQLITE_OK) return sqliteError(db_.get(), rc, path_, "script failed");
  return success();
}

Result<void> SqliteConnection::begin() {
  // A transaction left open by a failed ROLLBACK must not swallow the next user's work.
  if (!sqlite3_get_autocommit(db_.get())) (void)executeScript("ROLLBACK");
  return executeScript("BEGIN IMMEDIATE");
}

}  // namespace dienhong::store
