// PostgreSQL back-end: URL checks and connection set-up (see postgres_database.hpp).
#include "store/postgres_database.hpp"

#include <cstring>
#include <utility>
#include <vector>

#include "store/postgres_connection.hpp"
#include "store/url_redaction.hpp"

namespace dienhong::store {

namespace {

struct PgFree {
  void operator()(char* text) const { PQfreemem(text); }
};
struct PgConninfoFree {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

std::string orUnset(const char* value, const char* fallback) {
  return value && *value ? value : fallback;
}

// Parses the URL without connecting: catches a malformed URL with a clearer message than a
// failed connection would give, and finds a password passed in a form passwordsIn() missed.
Result<std::vector<std::string>> checkUrl(const std::string& url) {
  std::vector<std::string> secrets = passwordsIn(url);
  char* rawError = nullptr;
  std::unique_ptr<PQconninfoOption, PgConninfoFree> options(
      PQconninfoParse(url.c_str(), &rawError));
  std::unique_ptr<char, PgFree> error(rawError);
  if (!options) {
    return Error{"invalid_database_url",
                 scrubSecrets("invalid PostgreSQL URL '" + redactUrl(url) +
                                  "': " + trimmedPgMessage(error ? error.get() : "out of memory"),
                              secrets)};
  }
  for (const PQconninfoOption* option = options.get(); option->keyword; ++option) {
    if (std::strcmp(option->keyword, "password") == 0 && option->val && *option->val) {
      secrets.emplace_back(option->val);
    }
  }
  return secrets;
}

Result<std::unique_ptr<Connection>> connect(const std::string& url,
                                            const std::vector<std::string>& secrets) {
  // Entries before "dbname" are defaults the URL may override (expand_dbname = 1): without a
  // connect_timeout an unreachable host would stall start-up for minutes.
  const char* keywords[] = {"connect_timeout", "application_name", "client_encoding", "dbname",
                            nullptr};
  const char* values[] = {"10", "dienhong", "UTF8", url.c_str(), nullptr};
  PgConnHandle connection(PQconnectdbParams(keywords, values, 1));
  if (!connection) return Error{"database_error", "cannot allocate a PostgreSQL connection"};
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    const std::string message = "cannot connect to PostgreSQL at host " +
                                orUnset(PQhost(connection.get()), "(default)") + " port " +
                                orUnset(PQport(connection.get()), "(default)") + ", database " +
                                orUnset(PQdb(connection.get()), "(default)") + ", user " +
                                orUnset(PQuser(connection.get()), "(default)") + ": " +
                                trimmedPgMessage(PQerrorMessage(connection.get()));
    return Error{"database_error", scrubSecrets(message, secrets)};
  }
  installQuietNoticeProcessor(connection.get());
  return std::unique_ptr<Connection>(
      std::make_unique<PostgresConnection>(std::move(connection), secrets));
}

}  // namespace

Result<std::unique_ptr<Database>> openPostgresDatabase(const std::string& url, int poolSize) {
  auto secrets = checkUrl(url);
  if (!secrets) return secrets.error();
  std::vector<std::unique_ptr<Connection>> connections;
  for (int i = 0; i < poolSize; ++i) {
    auto connection = connect(url, *secrets);
    if (!connection) return connection.error();
    connections.push_back(std::move(*connection));
  }
  return std::make_unique<Database>(Dialect::Postgres, std::move(connections));
}

}  // namespace dienhong::store
