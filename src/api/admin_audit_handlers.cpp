// GET /api/v1/admin/audit: the newest audit entries (S3.1), optionally of one category. Admin
// listener and administrators only; the console's filters and export build on it.
#include "api/routes.hpp"
#include "api/session_guard.hpp"

#include <charconv>

namespace dienhong::api {
namespace {

constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 1000;

std::optional<std::string_view> queryValue(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const auto end = query.find('&');
    const std::string_view pair = query.substr(0, end);
    if (const auto eq = pair.find('='); eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return pair.substr(eq + 1);
    }
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return std::nullopt;
}

http::Response list(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = auth::Permission::AuditView});
  if (!principal) return errorFor(request, principal.error());
  std::optional<store::AuditCategory> category;
  if (auto text = queryValue(request.query, "category")) {
    category = store::auditCategoryFromString(*text);
    if (!category) return errorFor(request, Error{"invalid_request", "unknown category"});
  }
  int limit = kDefaultLimit;
  if (auto text = queryValue(request.query, "limit")) {
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (ec != std::errc() || end != text->data() + text->size() || limit < 1 || limit > kMaxLimit) {
      return errorFor(request, Error{"invalid_request", "limit must be 1-1000"});
    }
  }
  auto events = context.store.audit().list(category, 0, limit);
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
