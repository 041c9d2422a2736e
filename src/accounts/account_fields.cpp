#include "accounts/account_fields.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "store/records.hpp"

namespace dienhong::accounts {
namespace {

Result<void> checkText(std::string_view value, std::string_view field, size_t maxCharacters) {
  const auto characters = text::countCharacters(value);
  if (!characters || *characters == 0 || *characters > maxCharacters || text::trim(value).empty()) {
    return Error{"invalid_request", std::string(field) + " must be 1-" + std::to_string(maxCharacters) +
                                        " characters of text"};
  }
  return success();
}

bool usernameCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@';
}

}  // namespace

Result<void> checkUsername(std::string_view username) {
  const bool shaped = username.size() >= 3 && username.size() <= 64 &&
                      std::all_of(username.begin(), username.end(), usernameCharacter) &&
                      usernameCharacter(username.front()) && username.front() != '.' && username.front() != '_' &&
                      username.front() != '-' && username.front() != '@';
  if (!shaped) {
    return Error{"invalid_request",
                 "username must be 3-64 characters: a-z, 0-9, '.', '_', '-', '@', starting with a letter or digit"};
  }
  return success();
}

Result<void> checkDisplayName(std::string_view displayName) {
  return checkText(displayName, "displayName", store::kMaxDisplayNameCharacters);
}

Result<void> checkUnitName(std::string_view name) { return checkText(name, "name", 120); }

Result<void> checkEmail(std::string_view email) {
  if (email.empty()) return success();
  const auto at = email.find('@');
  const bool shaped = email.size() <= 254 && at != std::string_view::npos && at > 0 &&
                      email.find('@', at + 1) == std::string_view::npos &&
                      email.find('.', at + 2) != std::string_view::npos && email.back() != '.' &&
                      std::none_of(email.begin(), email.end(), [](char c) {
                        return static_cast<unsigned char>(c) <= ' ' || c == 0x7F;
                      });
  if (!shaped || !text::countCharacters(email)) {
    return Error{"invalid_request", "email must be empty or an address such as name@example.gov.vn"};
  }
  return success();
}

}  // namespace dienhong::accounts
