// PostgresConnection: one libpq connection with its named prepared statements. Statement text
// uses $1, $2 … natively; parameters travel as text, separately from the SQL. Also the RAII
// wrappers for libpq handles and the mapping of SQLSTATEs to the store's error codes.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database.hpp"

namespace dienhong::store {

struct PgConnCloser {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
using PgConnHandle = std::unique_ptr<PGconn, PgConnCloser>;

struct PgResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResultHandle = std::unique_ptr<PGresult, PgResultClearer>;

// A libpq message on one line, without its trailing newline ("" for null).
std::string trimmedPgMessage(const char* message);

// Ignores server notices such as "relation already exists, skipping", which libpq would
// otherwise print on stderr.
void installQuietNoticeProcessor(PGconn* connection);

class PostgresConnection final : public Connection {
 public:
  // secrets: passwords to scrub from every message (see url_redaction.hpp).
  PostgresConnection(PgConnHandle connection, std::vector<std::string> secrets);

  Result<QueryResult> executeSpan(std::string_view sql, std::span<const Param> params) override;
  Result<void> executeScript(std::string_view sql) override;
  Result<void> begin() override;
  Result<void> commit() override;
  Result<void> rollback() override;

 private:
  Result<void> ensureConnected();
  Result<std::string> prepare(std::string_view sql);
  Error errorFrom(const PGresult* result, std::string_view what) const;
  std::string where() const;

  PgConnHandle connection_;
  std::vector<std::string> secrets_;
  std::unordered_map<std::string, std::string> statementNames_;  // SQL text → prepared name
  int nextStatement_ = 0;
  // A dead connection is only re-established outside a transaction: reconnecting in the middle
  // of one would run the rest of its statements on their own, without the ones already lost.
  bool inTransaction_ = false;
};

}  // namespace dienhong::store
