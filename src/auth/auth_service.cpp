#include "auth/auth_service.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "auth/tokens.hpp"
#include "common/logging.hpp"

namespace dienhong::auth {
namespace {

using logging::Category;
using logging::quote;

constexpr int64_t kTouchIntervalMs = 30'000;  // bounds session writes to one per 30 s per user
constexpr size_t kMaxUsernameBytes = 64;
constexpr size_t kMaxPasswordBytes = 1024;

int64_t toMs(std::chrono::milliseconds d) { return d.count(); }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool isAdmin(const store::User& user) { return user.role != store::Role::User; }

// S3.1: administrators' sign-ins are their own log category.
spdlog::logger& loginLog(const store::User* user) {
  return logging::logger(user != nullptr && isAdmin(*user) ? Category::AdminLogin : Category::Access);
}

}  // namespace

int64_t AuthService::systemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

AuthService::AuthService(store::Store& store, AuthOptions options, PasswordHasher hasher,
                         Clock clock)
    : store_(store),
      options_(std::move(options)),
      hasher_(hasher),
      clock_(std::move(clock)),
      failuresByAddress_(options_.signInFailuresPerAddress, 60'000) {}

Result<LoginResult> AuthService::login(std::string_view username, std::string_view password,
                                       const ClientInfo& client) {
  if (username.empty() || username.size() > kMaxUsernameBytes || password.empty() ||
      password.size() > kMaxPasswordBytes) {
    return Error{"invalid_request", "username or password missing or too long"};
  }
  const std::string address(client.address);
  if (failuresByAddress_.blocked(address, clock_())) {
    loginLog(nullptr).warn("msg=login_throttled user={} client={}", quote(lower(username)), client.address);
    return Error{"too_many_attempts", "too many failed sign-ins from this address"};
  }
  auto found = store_.users().findByUsername(lower(username));
  if (!found) return found.error();
  const store::User* user = found->has_value() ? &found->value() : nullptr;
  if (user == nullptr) {
    hasher_.verifyDummy(password);
  } else if (hasher_.verify(user->passwordHash, password)) {
    if (user->disabled) {
      loginLog(user).warn("msg=login_refused user={} client={} reason=disabled",
                          quote(user->username), client.address);
      return Error{"account_disabled", "account is disabled"};
    }
    auto opened = openSession(*user, client);
    if (!opened) return opened.error();
    loginLog(user).info("msg=login user={} role={} client={}", quote(user->username),
                        store::toString(user->role), client.address);
    opened->principal.user = *user;
    return std::move(opened.value());
  }
  failuresByAddress_.fail(address, clock_());
  loginLog(user).warn("msg=login_failed user={} client={} known={}", quote(lower(username)),
                      client.address, user != nullptr);
  return Error{"invalid_credentials", "unknown user or wrong password"};
}

Result<LoginResult> AuthService::openSession(const store::User& user, const ClientInfo& client) {
  const int64_t now = clock_();
  const std::string token = randomToken();
  store::Session session;
  session.id = sha256Hex(token);
  session.userId = user.id;
  session.csrfToken = randomToken();
  session.clientAddress = std::string(client.address);
  session.userAgent = std::string(client.userAgent.substr(0, 256));
  session.createdAtMs = now;
  session.lastSeenAtMs = now;
  session.expiresAtMs = now + toMs(options_.sessionAbsoluteTimeout);
  if (auto created = store_.sessions().create(session); !created) return created.error();
  return LoginResult{token, Principal{{}, std::move(session)}};
}

Result<Principal> AuthService::authenticate(std::string_view token) {
  if (token.empty() || token.size() > 128) return Error{"unauthenticated", "no session"};
  const std::string id = sha256Hex(token);
  auto found = store_.sessions().find(id);
  if (!found) return found.error();
  if (!found->has_value()) return Error{"unauthenticated", "unknown session"};
  store::Session session = std::move(found->value());
  const int64_t now = clock_();
  if (now >= session.expiresAtMs ||
      now - session.lastSeenAtMs >= toMs(options_.sessionIdleTimeout)) {
    (void)store_.sessions().remove(id);
    return Error{"session_expired", "session expired"};
  }
  auto user = store_.users().findById(session.userId);
  if (!user) return user.error();
  if (!user->has_value() || user->value().disabled) {
    (void)store_.sessions().remove(id);
    return Error{"unauthenticated", "user gone or disabled"};
  }
  if (now - session.lastSeenAtMs >= kTouchIntervalMs) {
    if (auto touched = store_.sessions().touch(id, now); !touched) return touched.error();
    session.lastSeenAtMs = now;
  }
  return Principal{std::move(user->value()), std::move(session)};
}

Result<void> AuthService::logout(std::string_view token) {
  return store_.sessions().remove(sha256Hex(token));
}

Result<store::User> AuthService::changePassword(const Principal& principal,
                                                std::string_view currentPassword,
                                                std::string_view newPassword) {
  const store::User& user = principal.user;
  if (currentPassword.size() > kMaxPasswordBytes || !hasher_.verify(user.passwordHash, currentPassword)) {
    logging::logger(Category::Account)
        .warn("msg=password_change_refused user={} reason=wrong_current", quote(user.username));
    return Error{"invalid_credentials", "current password is wrong"};
  }
  if (newPassword == currentPassword) {
    return Error{"password_reused", "new password equals the current one"};
  }
  if (auto ok = options_.passwordPolicy.check(newPassword, user.username); !ok) return ok.error();
  auto hash = hasher_.hash(newPassword);
  if (!hash) return hash.error();
  const int64_t now = clock_();
  if (auto updated = store_.users().updatePassword(user.id, hash.value(), false, now); !updated) {
    return updated.error();
  }
  // Other devices signed in with the old password lose their sessions; this one stays.
  if (auto removed = store_.sessions().removeAllForUser(user.id); !removed) return removed.error();
  if (auto kept = store_.sessions().create(principal.session); !kept) return kept.error();
  logging::logger(Category::Account).info("msg=password_changed user={}", quote(user.username));
  store::User changed = user;
  changed.passwordHash = hash.value();
  changed.mustChangePassword = false;
  changed.passwordChangedAtMs = now;
  return changed;
}

Result<std::optional<std::string>> AuthService::bootstrapFirstAdmin() {
  auto count = store_.users().count();
  if (!count) return count.error();
  if (count.value() > 0) return std::optional<std::string>();
  const std::string password = oneTimePassword();
  auto hash = hasher_.hash(password);
  if (!hash) return hash.error();
  const int64_t now = clock_();
  store::User admin;
  admin.id = randomToken(16);
  admin.username = std::string(kFirstAdminUsername);
  admin.displayName = "Quản trị viên";
  admin.passwordHash = hash.value();
  admin.role = store::Role::SystemAdmin;
  admin.mustChangePassword = true;
  admin.passwordChangedAtMs = now;
  admin.createdAtMs = now;
  if (auto created = store_.users().create(admin); !created) return created.error();
  logging::logger(Category::Account).info("msg=first_admin_created user=admin");
  return std::optional<std::string>(password);
}

Result<std::string> AuthService::resetPassword(std::string_view username) {
  auto found = store_.users().findByUsername(lower(username));
  if (!found) return found.error();
  if (!found->has_value()) {
    return Error{"not_found", fmt::format("no user named '{}'", lower(username))};
  }
  const store::User& user = found->value();
  const std::string password = oneTimePassword();
  auto hash = hasher_.hash(password);
  if (!hash) return hash.error();
  if (auto updated = store_.users().updatePassword(user.id, hash.value(), true, clock_());
      !updated) {
    return updated.error();
  }
  if (auto removed = store_.sessions().removeAllForUser(user.id); !removed) return removed.error();
  logging::logger(Category::Account).warn("msg=password_reset user={} via=cli", quote(user.username));
  return password;
}

}  // namespace dienhong::auth
