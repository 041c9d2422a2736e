// Choosing the back-end from a database URL: "postgresql://…" or "postgres://…" → PostgreSQL;
// "sqlite:PATH" or a plain path → SQLite; anything else is refused as "invalid_database_url".
#pragma once

#include <memory>
#include <string>

#include "common/result.hpp"
#include "store/database.hpp"

namespace dienhong::store {

// Connections per Database: enough for the control plane's thread pool to overlap requests,
// few enough that a PostgreSQL server shared by a cluster is not flooded.
inline constexpr int kConnectionPoolSize = 4;

// Opens the database (creating an SQLite file if missing) without running migrations.
Result<std::unique_ptr<Database>> openDatabase(const std::string& url,
                                               int poolSize = kConnectionPoolSize);

}  // namespace dienhong::store
