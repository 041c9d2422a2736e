// Database: the small SQL interface the repositories are written against, once for both
// back-ends. Statement text uses $1, $2 … placeholders, which PostgreSQL takes natively and the
// SQLite back-end binds by name, so one text serves both dialects. Values are always bound, never
// spliced into SQL. A Database owns a fixed pool of connections so that the control plane's
// threads can use it at the same time; each Connection is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.hpp"
#include "store/connection_pool.hpp"

namespace dienhong::store {

// A bound parameter: NULL, a 64-bit integer or text. Text is borrowed: it must outlive the call,
// which the usual `db.execute(sql, {a, b})` form guarantees.
class Param {
 public:
  Param(std::nullptr_t) {}                      // NOLINT(google-explicit-constructor)
  Param(int64_t value) : value_(value) {}       // NOLINT(google-explicit-constructor)
  Param(int value) : value_(int64_t{value}) {}  // NOLINT(google-explicit-constructor)
  // Booleans are stored as INTEGER 0/1: portable across SQLite and PostgreSQL.
  Param(bool value) : value_(int64_t{value ? 1 : 0}) {}  // NOLINT(google-explicit-constructor)
  Param(std::string_view value) : value_(value) {}       // NOLINT(google-explicit-constructor)
  Param(const std::string& value) : value_(std::string_view(value)) {}  // NOLINT
  Param(const char* value) : value_(std::string_view(value)) {}         // NOLINT

  bool isNull() const { return value_.index() == 0; }
  const int64_t* integer() const { return std::get_if<int64_t>(&value_); }
  const std::string_view* text() const { return std::get_if<std::string_view>(&value_); }

 private:
  std::variant<std::monostate, int64_t, std::string_view> value_;
};

// One result cell: NULL, a 64-bit integer or text.
using Value = std::variant<std::monostate, int64_t, std::string>;

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  bool isNull(std::size_t column) const;
  // Reading a cell as the other type converts it the way SQLite would (NULL → "" or 0), so that a
  // column the two back-ends report with different types still reads the same.
  std::string text(std::size_t column) const;
  int64_t integer(std::size_t column) const;
  bool boolean(std::size_t column) const { return integer(column) != 0; }

 private:
  std::vector<Value> values_;
};

struct QueryResult {
  std::vector<Row> rows;
  int64_t affectedRows = 0;  // INSERT / UPDATE / DELETE only
};

enum class Dialect { Sqlite, Postgres };

class Connection {
 public:
  virtual ~Connection() = default;

  Result<QueryResult> execute(std::string_view sql, std::initializer_list<Param> params = {}) {
    return executeSpan(sql, std::span<const Param>(params.begin(), params.size()));
  }
  virtual Result<QueryResult> executeSpan(std::string_view sql, std::span<const Param> params) = 0;
  // Several statements, no parameters: for migrations, whose SQL is part of the binary.
  virtual Result<void> executeScript(std::string_view sql) = 0;

  virtual Result<void> begin() { return executeScript("BEGIN"); }
  virtual Result<void> commit() { return executeScript("COMMIT"); }
  virtual Result<void> rollback() { return executeScript("ROLLBACK"); }
};

class Database {
 public:
  Database(Dialect dialect, std::vector<std::unique_ptr<Connection>> connections);

  Dialect dialect() const { return dialect_; }
  std::string_view dialectName() const;

  // One statement in its own implicit transaction, on whichever connection is free.
  Result<QueryResult> execute(std::string_view sql, std::initializer_list<Param> params = {});

  // Runs body inside a transaction on one connection: commits when body succeeds, rolls back when
  // it fails. body must use only the connection it is given: taking a second one from the pool
  // while holding one could deadlock once every thread does it.
  Result<void> transaction(const std::function<Result<void>(Connection&)>& body);

 private:
  Dialect dialect_;
  ConnectionPool pool_;
};

}  // namespace dienhong::store
