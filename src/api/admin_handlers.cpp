// /api/v1/admin/*: the administration API. Registered on the admin listener only (S2.1).
#include "api/routes.hpp"
#include "api/session_guard.hpp"

namespace dienhong::api {
namespace {

http::Response overview(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = auth::Permission::MonitoringView});
  if (!principal) return errorFor(request, principal.error());
  auto users = context.store.users().count();
  if (!users) return errorFor(request, users.error());
  const int64_t now = auth::AuthService::systemNowMs();
  return jsonResponse(200, {{"version", context.facts.version},
                            {"startedAtMs", context.facts.startedAtMs},
                            {"uptimeSeconds", (now - context.facts.startedAtMs) / 1000},
                            {"users", users.value()},
                            {"database", context.store.backendName()},
                            {"schemaVersion", context.store.schemaVersion()}});
}

}  // namespace

void addAdminRoutes(http::Router& router, ApiContext& context) {
  router.add(http::Method::Get, "/api/v1/admin/overview",
             [&context](http::Request& r) { return overview(context, r); });
}

}  // namespace dienhong::api
