// Plain records the repositories read and write. Times are Unix milliseconds (UTC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dienhong::store {

// S2.4: three groups at least — ordinary users, usage-level administrators, system administrators.
enum class Role { User, MeetingAdmin, SystemAdmin };

std::string_view toString(Role role);
std::optional<Role> roleFromString(std::string_view text);

struct User {
  std::string id;            // random, not guessable
  std::string username;      // unique, lower-case
  std::string displayName;
  std::string passwordHash;  // argon2id encoded string (libsodium crypto_pwhash_str)
  Role role = Role::User;
  bool mustChangePassword = false;
  bool disabled = false;
  int64_t passwordChangedAtMs = 0;
  int64_t createdAtMs = 0;
};

struct Session {
  std::string id;  // SHA-256 (hex) of the token the client holds; the token itself is never stored
  std::string userId;
  std::string csrfToken;
  std::string clientAddress;
  std::string userAgent;
  int64_t createdAtMs = 0;
  int64_t lastSeenAtMs = 0;
  int64_t expiresAtMs = 0;
};

}  // namespace dienhong::store
