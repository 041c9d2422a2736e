// Database: dialect-independent execution on top of the connection pool (see database.hpp).
#include "store/database.hpp"

#include <cassert>
#include <charconv>
#include <string>
#include <utility>

#include "store/guard.hpp"

namespace dienhong::store {

bool Row::isNull(std::size_t column) const {
  assert(column < values_.size());
  return std::holds_alternative<std::monostate>(values_[column]);
}

std::string Row::text(std::size_t column) const {
  assert(column < values_.size());
  const Value& value = values_[column];
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  return {};
}

int64_t Row::integer(std::size_t column) const {
  assert(column < values_.size());
  const Value& value = values_[column];
  if (const auto* i = std::get_if<int64_t>(&value)) return *i;
  if (const auto* s = std::get_if<std::string>(&value)) {
    int64_t parsed = 0;
    std::from_chars(s->data(), s->data() + s->size(), parsed);
    return parsed;
  }
  return 0;
}

Database::Database(Dialect dialect, std::vector<std::unique_ptr<Connection>> connections)
    : dialect_(dialect), pool_(std::move(connections)) {}

std::string_view Database::dialectName() const {
  return dialect_ == Dialect::Sqlite ? "sqlite" : "postgresql";
}

Result<QueryResult> Database::execute(std::string_view sql, std::initializer_list<Param> params) {
  return guarded("database statement", [&]() -> Result<QueryResult> {
    ConnectionPool::Lease connection = pool_.acquire();
    return connection->executeSpan(sql, std::span<const Param>(params.begin(), params.size()));
  });
}

Result<void> Database::transaction(const std::function<Result<void>(Connection&)>& body) {
  return guarded("database transaction", [&]() -> Result<void> {
    ConnectionPool::Lease connection = pool_.acquire();
    if (auto begun = connection->begin(); !begun) return begun;
    Result<void> outcome = [&]() -> Result<void> {
      try {
        return body(*connection);
      } catch (const std::exception& e) {
        return Error{"database_error", std::string("database transaction: ") + e.what()};
      }
    }();
    if (!outcome) {
      // The body's error is the one worth reporting; a failed rollback (say, the connection is
      // gone) leaves nothing committed either way.
      (void)connection->rollback();
      return outcome;
    }
    if (auto committed = connection->commit(); !committed) {
      // SQLite keeps the transaction open after a failed COMMIT; do not hand it to the next user.
      (void)connection->rollback();
      return committed;
    }
    return success();
  });
}

}  // namespace dienhong::store
