// Password rules (S1.3): length and character classes, checked here; history, the change interval
// and the validity period, which AuthService applies. Part of the SecurityPolicy the console
// edits; these are the defaults.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace dienhong::auth {

struct PasswordPolicy {
  size_t minLength = 12;
  size_t maxLength = 128;  // argon2 takes any length; the cap bounds work per login attempt
  bool requireLower = true;
  bool requireUpper = true;
  bool requireDigit = true;
  bool requireSymbol = true;
  int historyCount = 5;      // a new password may not be any of the last N (0: only the current)
  int changeAfterDays = 60;  // S1.3.3: asked to change after this many days (0: never)
  int validDays = 90;        // S1.3.4/5: the password expires, the account locks (0: never)

  // Error code "weak_password"; the message lists every rule broken, for logs and the client.
  Result<void> check(std::string_view password, std::string_view username = {}) const;
};

}  // namespace dienhong::auth
