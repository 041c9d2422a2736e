// Versioned schema migrations. Each migration is applied once, in its own transaction, and
// recorded in schema_migrations; a database recorded at a version newer than this binary knows is
// refused ("database_too_new") rather than used with a schema the code does not understand.
// Several processes may open one PostgreSQL database at once (a cluster starting up), so each
// migration re-reads the version under a lock before applying anything.
#pragma once

#include <span>
#include <string_view>

#include "common/result.hpp"
#include "store/database.hpp"

namespace dienhong::store {

struct Migration {
  int version;  // 1, 2, 3 … without gaps
  std::string_view description;
  std::string_view sql;  // portable between SQLite and PostgreSQL; may hold several statements
};

// The schema this binary knows, oldest first.
std::span<const Migration> migrations();

// Applies the pending migrations of `known` and returns the resulting schema version.
Result<int> migrate(Database& db, std::span<const Migration> known = migrations());

}  // namespace dienhong::store
