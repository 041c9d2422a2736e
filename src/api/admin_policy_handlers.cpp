// /api/v1/admin/security-policy: the password, lockout, address-throttle and session rules
// (S1.3, S1.4, S1.6, S2.2). Read and replaced as one document; every change is audited with the
// fields it changed (S3.1e).
#include "api/routes.hpp"
#include "api/session_guard.hpp"

#include <algorithm>

namespace dienhong::api {
namespace {

using auth::Permission;

// "password.minLength 12→14, lockout.action lock_for→until_unlocked": the audit detail.
std::string describeChanges(const nlohmann::json& before, const nlohmann::json& after) {
  const nlohmann::json patch = nlohmann::json::diff(before, after);
  std::string out;
  for (const auto& op : patch) {
    const std::string path = op.value("path", "");
    std::string field = path.substr(path.empty() ? 0 : 1);
    std::replace(field.begin(), field.end(), '/', '.');
    const nlohmann::json::json_pointer pointer(path);
    if (!out.empty()) out += ", ";
    out += field + " " + before.at(pointer).dump() + "→" + after.at(pointer).dump();
  }
  return out;
}

nlohmann::json policyBody(ApiContext& context) {
  return {{"policy", auth::toJson(context.policies.current())},
          {"updatedAt", context.policies.updatedAtMs() == 0 ? nlohmann::json(nullptr)
                                                            : nlohmann::json(context.policies.updatedAtMs())}};
}

http::Response show(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = Permission::SettingsManage});
  if (!principal) return errorFor(request, principal.error());
  return jsonResponse(200, policyBody(context));
}

http::Response replace(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = Permission::SettingsManage});
  if (!principal) return errorFor(request, principal.error());
  auto body = parseJsonObject(request);
  if (!body) return errorFor(request, body.error());
  const auto policy = auth::securityPolicyFromJson(*body);
  if (!policy) {
    context.audit.record({.category = store::AuditCategory::Configuration,
                          .actor = principal->user.id,
                          .sourceAddress = request.clientAddress,
                          .action = "settings.security_policy",
                          .target = "security_policy",
                          .outcome = store::AuditOutcome::Failure,
                          .detail = policy.error().message});
    return errorFor(request, policy.error());
  }
  const nlohmann::json before = auth::toJson(context.policies.current());
  if (auto saved = context.policies.save(*policy, principal->user.id, context.auth.now()); !saved) {
    return errorFor(request, saved.error());
  }
  const std::string changes = describeChanges(before, auth::toJson(*policy));
  context.audit.record({.category = store::AuditCategory::Configuration,
                        .actor = principal->user.id,
                        .sourceAddress = request.clientAddress,
                        .action = "settings.security_policy",
                        .target = "security_policy",
                        .outcome = store::AuditOutcome::Success,
                        .detail = changes.empty() ? "no change" : changes});
  return jsonResponse(200, policyBody(context));
}

}  // namespace

void addAdminPolicyRoutes(http::Router& router, ApiContext& context) {
  router.add(http::Method::Get, "/api/v1/admin/security-policy",
             [&context](http::Request& r) { return show(context, r); });
  router.add(http::Method::Put, "/api/v1/admin/security-policy",
             [&context](http::Request& r) { return replace(context, r); });
}

}  // namespace dienhong::api
