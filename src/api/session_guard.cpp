#include "api/session_guard.hpp"

#include <fmt/format.h>

#include "auth/tokens.hpp"

namespace dienhong::api {
namespace {

// Defence in depth beside the token: a browser's cross-site request carries a foreign Origin.
bool originMatchesHost(const http::Request& request) {
  const auto origin = request.header("Origin");
  if (!origin) return true;
  const auto host = request.header("Host");
  return host && *origin == "https://" + std::string(*host);
}

std::string hostName(std::string_view host) {
  if (!host.empty() && host.front() == '[') return std::string(host.substr(0, host.find(']') + 1));
  return std::string(host.substr(0, host.rfind(':')));
}

nlohmann::json permissionNames(auth::PermissionSet set) {
  nlohmann::json names = nlohmann::json::array();
  for (auth::Permission p : auth::allPermissions()) {
    if (set.has(p)) names.push_back(auth::toString(p));
  }
  return names;
}

}  // namespace

Result<auth::Principal> authorize(ApiContext& context, const http::Request& request,
                                  GuardPolicy policy) {
  const auto token = request.cookie(kSessionCookie);
  if (!token) return Error{"unauthenticated", "no session cookie"};
  auto principal = context.auth.authenticate(*token);
  if (!principal) return principal.error();
  if (http::isStateChanging(request.method)) {
    const auto sent = request.header(kCsrfHeader);
    if (!sent || !auth::constantTimeEquals(*sent, principal->session.csrfToken) ||
        !originMatchesHost(request)) {
      return Error{"csrf_failed", "CSRF token or origin mismatch"};
    }
  }
  if (principal->mustChangePassword() && !policy.allowPendingPasswordChange) {
    return Error{"password_change_required", "password change pending"};
  }
  if (principal->twoFactor == auth::TwoFactorStatus::SetupRequired && !policy.allowPendingPasswordChange) {
    return Error{"two_factor_setup_required", "the policy requires a second factor first"};
  }
  if (policy.permission && !principal->permissions.has(*policy.permission)) {
    context.audit.record({.category = store::AuditCategory::Access,
                          .actor = principal->user.id,
                          .sourceAddress = request.clientAddress,
                          .action = "admin.access",
                          .target = fmt::format("{} {}", http::toString(request.method), request.path),
                          .outcome = store::AuditOutcome::Denied,
                          .detail = fmt::format("needs {}", auth::toString(*policy.permission))});
    return Error{"forbidden", fmt::format("permission {} required", auth::toString(*policy.permission))};
  }
  return principal;
}

nlohmann::json sessionJson(const ApiContext& context, const http::Request& request,
                           const auth::Principal& principal) {
  const auto& user = principal.user;
  const auth::SecurityPolicy policy = context.policies.current();
  const auth::PasswordPolicy& rules = policy.password;
  nlohmann::json body = {
      {"user",
       {{"id", user.id},
        {"username", user.username},
        {"displayName", user.displayName},
        {"role", store::toString(user.role)},
        {"mustChangePassword", principal.mustChangePassword()},
        {"passwordStatus", auth::toString(principal.passwordStatus)},
        {"twoFactor", auth::toString(principal.twoFactor)},
        {"passwordExpiresAt", principal.passwordExpiresAtMs ? nlohmann::json(*principal.passwordExpiresAtMs)
                                                            : nlohmann::json(nullptr)}}},
      // What the password form checks as the user types; the server checks again.
      {"passwordRules",
       {{"minLength", rules.minLength},
        {"maxLength", rules.maxLength},
        {"requireLower", rules.requireLower},
        {"requireUpper", rules.requireUpper},
        {"requireDigit", rules.requireDigit},
        {"requireSymbol", rules.requireSymbol},
        {"historyCount", rules.historyCount}}},
      {"idleTimeoutMinutes", policy.session.idleMinutes},
      {"permissions", permissionNames(principal.permissions)},
      {"csrfToken", principal.session.csrfToken}};
  if (user.role != store::Role::User) {
    std::string url = context.facts.publicAdminUrl;
    if (url.empty()) {
      const std::string host = hostName(request.header("Host").value_or("localhost"));
      url = fmt::format("https://{}:{}/admin", host.empty() ? "localhost" : host,
                        context.facts.adminPort ? context.facts.adminPort() : 0);
    }
    body["adminUrl"] = url;
  }
  return body;
}

std::string sessionCookie(std::string_view token, std::chrono::seconds maxAge) {
  // __Host- prefix: the browser insists on Secure, Path=/ and no Domain.
  return fmt::format("{}={}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age={}", kSessionCookie,
                     token, maxAge.count());
}

std::string expiredSessionCookie() {
  return fmt::format("{}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0", kSessionCookie);
}

}  // namespace dienhong::api
