// The shapes of what an administrator types about accounts and units (S4.1). Each check returns
// "invalid_request" naming the field and the rule, never echoing the input.
#pragma once

#include <string_view>

#include "common/result.hpp"

namespace dienhong::accounts {

// 3–64 characters: lower-case ASCII letters, digits and . _ - @, starting with a letter or digit
// (an e-mail-like name from a directory fits).
Result<void> checkUsername(std::string_view username);
// 1–100 characters of text, no control characters, not only spaces.
Result<void> checkDisplayName(std::string_view displayName);
// Empty, or at most 254 characters with one @ between a local part and a dotted domain, no spaces.
Result<void> checkEmail(std::string_view email);
// 1–120 characters of text.
Result<void> checkUnitName(std::string_view name);

}  // namespace dienhong::accounts
