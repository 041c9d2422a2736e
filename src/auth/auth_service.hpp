// AuthService: sign-in, sessions, password changes and the first administrator. Pure logic over
// the Store; the HTTP side (cookies, CSRF headers, JSON) lives in src/api.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "auth/password_hasher.hpp"
#include "auth/password_policy.hpp"
#include "common/attempt_limiter.hpp"
#include "common/result.hpp"
#include "store/store.hpp"

namespace dienhong::auth {

struct AuthOptions {
  std::chrono::minutes sessionIdleTimeout{30};   // S2.2
  std::chrono::hours sessionAbsoluteTimeout{12};
  PasswordPolicy passwordPolicy;
  // S1.6: failed sign-ins from one address within a minute before that address is refused
  // (too_many_attempts) until the oldest failure is a minute old; checked before argon2id.
  size_t signInFailuresPerAddress = 10;
};

// Who is making a request: the signed-in user and the session they hold.
struct Principal {
  store::User user;
  store::Session session;
};

struct LoginResult {
  std::string token;  // goes to the client once, in the cookie
  Principal principal;
};

struct ClientInfo {
  std::string_view address;
  std::string_view userAgent;
};

inline constexpr std::string_view kFirstAdminUsername = "admin";
// The cookie that carries a session token: the REST API sets it, signalling reads it too.
inline constexpr std::string_view kSessionCookie = "__Host-dh_session";

class AuthService {
 public:
  using Clock = std::function<int64_t()>;  // Unix milliseconds
  static int64_t systemNowMs();

  AuthService(store::Store& store, AuthOptions options, PasswordHasher hasher = PasswordHasher(),
              Clock clock = &AuthService::systemNowMs);

  // Errors: "invalid_credentials" (unknown user or wrong password, indistinguishable),
  // "account_disabled", "invalid_request", "too_many_attempts" (the address failed too often).
  Result<LoginResult> login(std::string_view username, std::string_view password,
                            const ClientInfo& client);
  // Errors: "unauthenticated" (unknown token), "session_expired" (idle or absolute timeout).
  Result<Principal> authenticate(std::string_view token);
  Result<void> logout(std::string_view token);
  // Errors: "invalid_credentials" (current password wrong), "weak_password", "password_reused".
  // Ends the user's other sessions; the current one stays signed in.
  Result<store::User> changePassword(const Principal& principal, std::string_view currentPassword,
                                     std::string_view newPassword);

  // With an empty database: creates "admin" (system administrator) with a one-time password that
  // must be changed at first sign-in (S1.3.1) and returns it; otherwise returns nullopt.
  Result<std::optional<std::string>> bootstrapFirstAdmin();
  // Sets a new one-time password, forces a change at next sign-in and ends all sessions.
  Result<std::string> resetPassword(std::string_view username);

  const AuthOptions& options() const { return options_; }
  // The same argon2id parameters for other secrets people type (room passwords).
  const PasswordHasher& hasher() const { return hasher_; }

 private:
  // The principal's user is left for the caller to fill in.
  Result<LoginResult> openSession(const store::User& user, const ClientInfo& client);

  store::Store& store_;
  AuthOptions options_;
  PasswordHasher hasher_;
  Clock clock_;
  AttemptLimiter failuresByAddress_;
};

}  // namespace dienhong::auth
