// Password rules (S1.3.2): minimum length and character classes. The policy is data so the
// administration console can change it (issue: security policy); these are the defaults.
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

  // Error code "weak_password"; the message lists every rule broken, for logs and the client.
  Result<void> check(std::string_view password, std::string_view username = {}) const;
};

}  // namespace dienhong::auth
