// /api/v1/auth/*: sign in (with a TOTP code as second step when the account has one, and a solved
// puzzle after repeated failures), sign out, the current session, changing one's password, and
// enrolling or removing the second factor.
#include "api/routes.hpp"
#include "api/session_guard.hpp"

namespace dienhong::api {
namespace {

constexpr size_t kMaxFieldBytes = 1024;

http::Response withSessionCleared(http::Response response) {
  response.setHeader("Set-Cookie", expiredSessionCookie());
  return response;
}

http::Response signedIn(ApiContext& context, http::Request& request, const auth::LoginResult& result);

http::Response login(ApiContext& context, http::Request& request) {
  auto body = parseJsonObject(request);
  if (!body) return errorFor(request, body.error());
  const auto username = stringField(*body, "username", kMaxFieldBytes);
  const auto password = stringField(*body, "password", kMaxFieldBytes);
  if (!username || !password) {
    return errorFor(request, Error{"invalid_request", "username and password required"});
  }
  // S1.6: {"challenge", "solution"} of a puzzle from /auth/login/proof, when asked for one (428).
  std::optional<std::string> challenge;
  std::optional<std::string> solution;
  auth::ProofOfWorkSolution proof;
  if (const auto it = body->find("proof"); it != body->end()) {
    if (it->is_object()) {
      challenge = stringField(*it, "challenge", 128);
      solution = stringField(*it, "solution", 32);
    }
    if (!challenge || !solution) return errorFor(request, Error{"invalid_request", "proof needs challenge and solution"});
    proof = {*challenge, *solution};
  }
  const auth::ClientInfo client{request.clientAddress, request.header("User-Agent").value_or("")};
  auto result = context.auth.login(*username, *password, client, proof);
  if (!result) return errorFor(request, result.error());
  if (!result->challenge.empty()) {
    // The password was right: the client asks for the code and calls /auth/login/totp.
    return jsonResponse(200, {{"secondFactor", "totp"}, {"challenge", result->challenge}});
  }
  return signedIn(context, request, *result);
}

http::Response proofOfWorkPuzzle(ApiContext& context, http::Request&) {
  const auth::Puzzle puzzle = context.auth.proofOfWorkPuzzle();
  http::Response response = jsonResponse(
      200, {{"challenge", puzzle.challenge}, {"bits", puzzle.bits}, {"expiresAtMs", puzzle.expiresAtMs}});
  response.setHeader("Cache-Control", "no-store");
  return response;
}

http::Response loginWithCode(ApiContext& context, http::Request& request) {
  auto body = parseJsonObject(request);
  if (!body) return errorFor(request, body.error());
  const auto challenge = stringField(*body, "challenge", kMaxFieldBytes);
  const auto code = stringField(*body, "code", 32);
  if (!challenge || !code) return errorFor(request, Error{"invalid_request", "challenge and code required"});
  const auth::ClientInfo client{request.clientAddress, request.header("User-Agent").value_or("")};
  auto result = context.auth.completeSecondFactor(*challenge, *code, client);
  if (!result) return errorFor(request, result.error());
  return signedIn(context, request, *result);
}

http::Response beginEnrolment(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.allowPendingPasswordChange = true});
  if (!principal) return errorFor(request, principal.error());
  auto enrolment = context.auth.beginTotpEnrolment(*principal, request.clientAddress);
  if (!enrolment) return errorFor(request, enrolment.error());
  http::Response response = jsonResponse(200, {{"secret", enrolment->secret}, {"uri", enrolment->uri}});
  response.setHeader("Cache-Control", "no-store");
  return response;
}

http::Response confirmEnrolment(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.allowPendingPasswordChange = true});
  if (!principal) return errorFor(request, principal.error());
  auto body = parseJsonObject(request);
  if (!body) return errorFor(request, body.error());
  const auto code = stringField(*body, "code", 32);
  if (!code) return errorFor(request, Error{"invalid_request", "code required"});
  auto enabled = context.auth.confirmTotpEnrolment(*principal, *code, request.clientAddress);
  if (!enabled) return errorFor(request, enabled.error());
  return jsonResponse(200, sessionJson(context, request, *enabled));
}

http::Response disableTwoFactor(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request);
  if (!principal) return errorFor(request, principal.error());
  auto body = parseJsonObject(request);
  if (!body) return errorFor(request, body.error());
  const auto password = stringField(*body, "password", kMaxFieldBytes);
  if (!password) return errorFor(request, Error{"invalid_request", "password required"});
  auto disabled = context.auth.disableTotp(*principal, *password, request.clientAddress);
  if (!disabled) return errorFor(request, disabled.error());
  return jsonResponse(200, sessionJson(context, request, *disabled));
}

http::Response signedIn(ApiContext& context, http::Request& request, const auth::LoginResult& result) {
  http::Response response = jsonResponse(200, sessionJson(context, request, result.principal));
  response.setHeader("Set-Cookie",
                     sessionCookie(result.token, std::chrono::hours(context.auth.policy().session.absoluteHours)));
  return response;
}

http::Response logout(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.allowPendingPasswordChange = true});
  if (!principal) {
    http::Response error = errorFor(request, principal.error());
    return error.status == 401 ? withSessionCleared(std::move(error)) : error;
  }
  if (auto ended = context.auth.logout(*request.cookie(kSessionCookie)); !ended) {
    return errorFor(request, ended.error());
  }
  return withSessionCleared(http::Response::noContent());
}

http::Response session(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.allowPendingPasswordChange = true});
  if (!principal) {
    http::Response error = errorFor(request, principal.error());
    return error.status == 401 ? withSessionCleared(std::move(error)) : error;
  }
  return jsonResponse(200, sessionJson(context, request, *principal));
}

http::Response changePassword(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.allowPendingPasswordChange = true});
  if (!principal) return errorFor(request, principal.error());
  auto body = parseJsonObject(request);
  if (!body) return errorFor(request, body.error());
  const auto current = stringField(*body, "currentPassword", kMaxFieldBytes);
  const auto next = stringField(*body, "newPassword", kMaxFieldBytes);
  if (!current || !next) {
    return errorFor(request, Error{"invalid_request", "currentPassword and newPassword required"});
  }
  auto changed = context.auth.changePassword(*principal, *current, *next, request.clientAddress);
  if (!changed) return errorFor(request, changed.error());
  return jsonResponse(200, sessionJson(context, request, *changed));
}

}  // namespace

void addAuthRoutes(http::Router& router, ApiContext& context) {
  using http::Method;
  router.add(Method::Post, "/api/v1/auth/login", [&context](http::Request& r) { return login(context, r); });
  router.add(Method::Post, "/api/v1/auth/logout", [&context](http::Request& r) { return logout(context, r); });
  router.add(Method::Get, "/api/v1/auth/session", [&context](http::Request& r) { return session(context, r); });
  router.add(Method::Post, "/api/v1/auth/password",
             [&context](http::Request& r) { return changePassword(context, r); });
  router.add(Method::Get, "/api/v1/auth/login/proof",
             [&context](http::Request& r) { return proofOfWorkPuzzle(context, r); });
  router.add(Method::Post, "/api/v1/auth/login/totp", [&context](http::Request& r) { return loginWithCode(context, r); });
  router.add(Method::Post, "/api/v1/auth/totp/enrolment",
             [&context](http::Request& r) { return beginEnrolment(context, r); });
  router.add(Method::Post, "/api/v1/auth/totp/enrolment/confirm",
             [&context](http::Request& r) { return confirmEnrolment(context, r); });
  router.add(Method::Post, "/api/v1/auth/totp/disable",
             [&context](http::Request& r) { return disableTwoFactor(context, r); });
}

}  // namespace dienhong::api
