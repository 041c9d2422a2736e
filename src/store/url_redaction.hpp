// Keeping passwords out of messages: a database URL may carry one (postgresql://user:pw@host/db
// or ?password=…) and libpq sometimes echoes parts of its input, so every message built from a
// URL or a libpq error goes through here before it reaches a log.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dienhong::store {

// The URL with its password (user-info or query parameter) replaced by "***".
std::string redactUrl(std::string_view url);

// Every spelling of a password the URL carries: as written and percent-decoded.
std::vector<std::string> passwordsIn(std::string_view url);

// text with every occurrence of every secret replaced by "***".
std::string scrubSecrets(std::string text, const std::vector<std::string>& secrets);

}  // namespace dienhong::store
