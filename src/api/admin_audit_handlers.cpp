// GET /api/v1/admin/audit: the newest audit entries (S3.1), optionally of one category. Admin
// listener and administrators only; the console's filters and export build on it.
#include "api/routes.hpp"
#include "api/session_guard.hpp"


namespace dienhong::api {
namespace {

constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 1000;

http::Response list(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = auth::Permission::AuditView});
  if (!principal) return errorFor(request, principal.error());
  std::optional<store::AuditCategory> category;
  auto text = queryParameter(request, "category");
  if (!text) return errorFor(request, text.error());
  if (text->has_value()) {
    category = store::auditCategoryFromString(**text);
    if (!category) return errorFor(request, Error{"invalid_request", "unknown category"});
  }
  auto limit = integerParameter(request, "limit", kDefaultLimit, 1, kMaxLimit);
  if (!limit) return errorFor(request, limit.error());
  auto events = context.store.audit().list(category, 0, *limit);
  if (!events) return errorFor(request, events.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : events.value()) {
    out.push_back({{"id", e.id}, {"at", e.atMs}, {"category", store::toString(e.category)}, {"actor", e.actor},
                   {"sourceAddress", e.sourceAddress}, {"action", e.action}, {"target", e.target},
                   {"outcome", store::toString(e.outcome)}, {"detail", e.detail}});
  }
  return jsonResponse(200, {{"events", std::move(out)}});
}

}  // namespace

void addAdminAuditRoutes(http::Router& router, ApiContext& context) {
  router.add(http::Method::Get, "/api/v1/admin/audit", [&context](http::Request& r) { return list(context, r); });
}

}  // namespace dienhong::api
