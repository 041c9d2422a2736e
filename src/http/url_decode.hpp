// Percent-decoding (RFC 3986 §2.1) for URL paths and query components.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dienhong::http {

// nullopt on a malformed escape ("%zz", a truncated "%4"). With plusAsSpace, '+' decodes to ' '
// (application/x-www-form-urlencoded query components).
std::optional<std::string> percentDecode(std::string_view in, bool plusAsSpace);

}  // namespace dienhong::http
