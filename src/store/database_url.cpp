// Choosing the back-end from a database URL (see database_url.hpp).
#include "store/database_url.hpp"

#include <string_view>

#include "store/postgres_database.hpp"
#include "store/sqlite_database.hpp"
#include "store/url_redaction.hpp"

namespace dienhong::store {

namespace {

Error invalidUrl(const std::string& url, std::string_view why) {
  return Error{"invalid_database_url",
               "invalid database URL '" + redactUrl(url) + "': " + std::string(why) +
                   " (expected postgresql://…, postgres://…, sqlite:PATH or a file path)"};
}

}  // namespace

Result<std::unique_ptr<Database>> openDatabase(const std::string& url, int poolSize) {
  const std::string_view text(url);
  if (text.starts_with("postgresql://") || text.starts_with("postgres://")) {
    return openPostgresDatabase(url, poolSize);
  }
  std::string_view path = text;
  if (text.starts_with("sqlite:")) {
    path.remove_prefix(7);
    // "sqlite:///var/lib/x.db" is the URL spelling of "sqlite:/var/lib/x.db".
    if (path.starts_with("//")) path.remove_prefix(2);
  } else if (text.find("://") != std::string_view::npos) {
    return invalidUrl(url, "unknown scheme");
  }
  if (path.empty()) return invalidUrl(url, "no file path");
  if (path.find('\0') != std::string_view::npos) return invalidUrl(url, "NUL byte in path");
  return openSqliteDatabase(std::string(path), poolSize);
}

}  // namespace dienhong::store
