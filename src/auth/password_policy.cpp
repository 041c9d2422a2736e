#include "auth/password_policy.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace dienhong::auth {
namespace {

// Length in Unicode code points, so Vietnamese passphrases count as people expect.
size_t codePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

Result<void> PasswordPolicy::check(std::string_view password, std::string_view username) const {
  bool lowerSeen = false, upperSeen = false, digitSeen = false, symbolSeen = false;
  for (unsigned char c : password) {
    if (std::islower(c)) lowerSeen = true;
    else if (std::isupper(c)) upperSeen = true;
    else if (std::isdigit(c)) digitSeen = true;
    else symbolSeen = true;  // punctuation, space and any non-ASCII letter count as symbols
  }
  std::string broken;
  auto add = [&](std::string_view rule) {
    if (!broken.empty()) broken += ", ";
    broken += rule;
  };
  const size_t length = codePoints(password);
  if (length < minLength) add(fmt::format("at least {} characters", minLength));
  if (length > maxLength) add(fmt::format("at most {} characters", maxLength));
  if (requireLower && !lowerSeen) add("a lower-case letter");
  if (requireUpper && !upperSeen) add("an upper-case letter");
  if (requireDigit && !digitSeen) add("a digit");
  if (requireSymbol && !symbolSeen) add("a symbol");
  if (!username.empty() && lower(password).find(lower(username)) != std::string::npos) {
    add("not containing the username");
  }
  if (broken.empty()) return success();
  return Error{"weak_password", "password must have " + broken};
}

}  // namespace dienhong::auth
