// The gate in front of every authenticated handler: session cookie → Principal, CSRF token on
// state-changing requests, the forced password change (S1.3.1), and the permission check (S2.4,
// S2.5): every admin route names the one permission it needs.
#pragma once

#include "api/api_context.hpp"

namespace dienhong::api {

struct GuardPolicy {
  // Only session, logout, password change and two-factor enrolment: what a session may still do
  // while its password must change or its second factor must be enrolled.
  bool allowPendingPasswordChange = false;
  std::optional<auth::Permission> permission = std::nullopt;  // the administrator permission the route needs
};

Result<auth::Principal> authorize(ApiContext& context, const http::Request& request,
                                  GuardPolicy policy = {});

// The session and CSRF token a client needs, as GET /auth/session and login answer them.
nlohmann::json sessionJson(const ApiContext& context, const http::Request& request,
                           const auth::Principal& principal);

std::string sessionCookie(std::string_view token, std::chrono::seconds maxAge);
std::string expiredSessionCookie();

}  // namespace dienhong::api
