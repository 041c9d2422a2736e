// PostgreSQL back-end: connects a small pool of libpq connections for a postgresql:// or
// postgres:// URL (libpq's own URI syntax, including ?host=/socket/dir) and wraps them in a
// Database. Errors name the host and database, never the password.
#pragma once

#include <memory>
#include <string>

#include "common/result.hpp"
#include "store/database.hpp"

namespace dienhong::store {

Result<std::unique_ptr<Database>> openPostgresDatabase(const std::string& url, int poolSize);

}  // namespace dienhong::store
