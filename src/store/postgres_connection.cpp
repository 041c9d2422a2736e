// PostgresConnection: executes statements on one libpq connection (see postgres_connection.hpp).
#include "store/postgres_connection.hpp"

#include <charconv>
#include <utility>

#include "store/url_redaction.hpp"

namespace dienhong::store {

namespace {

// Type OIDs from pg_type.h (server headers, not shipped with libpq-dev).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;

Value cellValue(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return std::monostate{};
  const char* text = PQgetvalue(result, row, column);
  const auto length = static_cast<std::size_t>(PQgetlength(result, row, column));
  switch (PQftype(result, column)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid: {
      int64_t parsed = 0;
      std::from_chars(text, text + length, parsed);
      return parsed;
    }
    case kBoolOid:
      return int64_t{length > 0 && text[0] == 't' ? 1 : 0};
    default:
      return std::string(text, length);
  }
}

void ignoreNotice(void* /*arg*/, const char* /*message*/) {}

}  // namespace

std::string trimmedPgMessage(const char* message) {
  // libpq spreads hints over several lines; a log line should stay one line.
  std::string text;
  for (const char* c = message ? message : ""; *c; ++c) {
    const bool space = *c == '\n' || *c == '\t' || *c == ' ';
    if (!space) {
      text.push_back(*c);
    } else if (!text.empty() && text.back() != ' ') {
      text.push_back(' ');
    }
  }
  if (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

void installQuietNoticeProcessor(PGconn* connection) {
  PQsetNoticeProcessor(connection, ignoreNotice, nullptr);
}

PostgresConnection::PostgresConnection(PgConnHandle connection, std::vector<std::string> secrets)
    : connection_(std::move(connection)), secrets_(std::move(secrets)) {}

std::string PostgresConnection::where() const {
  const char* host = PQhost(connection_.get());
  const char* database = PQdb(connection_.get());
  return std::string("PostgreSQL at ") + (host ? host : "?") + " (database " +
         (database ? database : "?") + ")";
}

Error PostgresConnection::errorFrom(const PGresult* result, std::string_view what) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlState = state ? state : "";
  std::string detail = trimmedPgMessage(result ? PQresultErrorMessage(result) : nullptr);
  if (detail.empty()) detail = trimmedPgMessage(PQerrorMessage(connection_.get()));
  std::string message = scrubSecrets(where() + ": " + std::string(what) + ": " + detail, secrets_);
  if (sqlState == "23505") return Error{"conflict", std::move(message)};  // unique_violation
  if (sqlState == "XX001" || sqlState == "XX002") {  // data_corrupted, index_corrupted
    return Error{"database_corrupt", std::move(message)};
  }
  return Error{"database_error", std::move(message)};
}

// A server restart or a dropped network link leaves the connection dead; reconnect once, and
// forget the prepared statements, which died with the old session.
Result<void> PostgresConnection::ensureConnected() {
  // Reading what is already waiting on the socket (no round trip) notices a server that closed
  // the connection while it sat in the pool, so a restart costs no failed request. Twice: the
  // first read takes the server's parting error message, the second sees the end of the stream.
  for (int read = 0; read < 2 && !inTransaction_ && PQstatus(connection_.get()) == CONNECTION_OK;
       ++read) {
    PQconsumeInput(connection_.get());
  }
  if (PQstatus(connection_.get()) == CONNECTION_OK) return success();
  if (inTransaction_) {
    return Error{
        "database_error",
        scrubSecrets("lost connection to " + where() + " in the middle of a transaction: " +
                         trimmedPgMessage(PQerrorMessage(connection_.get())),
                     secrets_)};
  }
  statementNames_.clear();
  PQreset(connection_.get());
  if (PQstatus(connection_.get()) != CONNECTION_OK) {
    return Error{"database_error",
                 scrubSecrets("lost connection to " + where() + " and cannot reconnect: " +
                                  trimmedPgMessage(PQerrorMessage(connection_.get())),
                              secrets_)};
  }
  return success();
}

Result<std::string> PostgresConnection::prepare(std::string_view sql) {
  std::string key(sql);
  if (auto found = statementNames_.find(key); found != statementNames_.end()) return found->second;
  std::string name = "dh" + std::to_string(nextStatement_++);
  // No parameter types: the server infers them from the statement, as it does for $n in psql.
  PgResultHandle result(PQprepare(connection_.get(), name.c_str(), key.c_str(), 0, nullptr));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    return errorFrom(result.get(), "cannot prepare statement");
  }
  statementNames_.emplace(std::move(key), name);
  return name;
}

Result<QueryResult> PostgresConnection::executeSpan(std::string_view sql,
                                                    std::span<const Param> params) {
  if (auto connected = ensureConnected(); !connected) return connected.error();
  auto name = prepare(sql);
  if (!name) return name.error();

  // Text format for every parameter: libpq wants NUL-terminated values, so copy them.
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (const int64_t* integer = params[i].integer()) {
      texts[i] = std::to_string(*integer);
    } else if (const std::string_view* text = params[i].text()) {
      texts[i] = std::string(*text);
    } else {
      continue;  // NULL
    }
    values[i] = texts[i].c_str();
  }
  PgResultHandle result(PQexecPrepared(connection_.get(), name->c_str(),
                                       static_cast<int>(params.size()), values.data(), nullptr,
                                       nullptr, 0));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    return errorFrom(result.get(), "statement failed");
  }

  QueryResult out;
  const int rows = PQntuples(result.get());
  const int columns = PQnfields(result.get());
  out.rows.reserve(static_cast<std::size_t>(rows));
  for (int row = 0; row < rows; ++row) {
    std::vector<Value> cells;
    cells.reserve(static_cast<std::size_t>(columns));
    for (int column = 0; column < columns; ++column) {
      cells.push_back(cellValue(result.get(), row, column));
    }
    out.rows.emplace_back(std::move(cells));
  }
  // PQcmdTuples also counts the rows a SELECT returned; only changes are "affected".
  const std::string_view command = PQcmdStatus(result.get());
  const char* affected = PQcmdTuples(result.get());
  if (!command.starts_with("SELECT") && affected && *affected) {
    std::from_chars(affected, affected + std::char_traits<char>::length(affected),
                    out.affectedRows);
  }
  return out;
}

Result<void> PostgresConnection::executeScript(std::string_view sql) {
  if (auto connected = ensureConnected(); !connected) return connected;
  PgResultHandle result(PQexec(connection_.get(), std::string(sql).c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return errorFrom(result.get(), "script failed");
  }
  return success();
}

Result<void> PostgresConnection::begin() {
  auto begun = executeScript("BEGIN");
  inTransaction_ = begun.ok();
  return begun;
}

Result<void> PostgresConnection::commit() {
  auto committed = executeScript("COMMIT");
  inTransaction_ = false;  // a failed COMMIT ends the transaction too (it rolls back)
  return committed;
}

Result<void> PostgresConnection::rollback() {
  auto rolledBack = executeScript("ROLLBACK");
  inTransaction_ = false;
  return rolledBack;
}

}  // namespace dienhong::store
