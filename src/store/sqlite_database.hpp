// SQLite back-end: opens (or creates) the database file and fills a Database with a small pool of
// connections on it. Refuses — before writing a single byte — a file that is not an SQLite
// database, an SQLite database that is not Diên Hồng's, and a file it cannot read or write.
#pragma once

#include <memory>
#include <string>

#include "common/result.hpp"
#include "store/database.hpp"

namespace dienhong::store {

// path: a file path; missing parent directories are created with mode 0700, a missing file with
// mode 0600. The database is switched to WAL with synchronous=NORMAL and foreign keys on.
Result<std::unique_ptr<Database>> openSqliteDatabase(const std::string& path, int poolSize);

}  // namespace dienhong::store
