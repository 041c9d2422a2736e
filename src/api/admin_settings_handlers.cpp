// The console's settings, each read and replaced as one document, every change audited with the
// fields it changed (S3.1e):
// - /api/v1/admin/security-policy: password, lockout, address-throttle and session rules (S1.3,
//   S1.4, S1.6, S2.2);
// - /api/v1/admin/admin-access: the networks allowed to reach the console and its port (S2.1,
//   S2.3);
// - /api/v1/admin/directory: sign-in against an LDAP directory or Active Directory (F6).
#include "api/routes.hpp"
#include "api/session_guard.hpp"

namespace dienhong::api {
namespace {

using auth::Permission;

// "password.minLength 12→14, lockout.action \"lock_for\"→\"until_unlocked\"": the audit detail.
// Objects are compared member by member; anything else (numbers, lists) as a whole.
void describeChanges(const nlohmann::json& before, const nlohmann::json& after, const std::string& path,
                     std::string& out) {
  if (before.is_object() && after.is_object()) {
    for (const auto& [name, value] : after.items()) {
      const std::string field = path.empty() ? name : path + "." + name;
      describeChanges(before.contains(name) ? before.at(name) : nlohmann::json(), value, field, out);
    }
    return;
  }
  if (before == after) return;
  if (!out.empty()) out += ", ";
  out += path + " " + before.dump() + "→" + after.dump();
}

std::string describeChanges(const nlohmann::json& before, const nlohmann::json& after) {
  std::string out;
  describeChanges(before, after, "", out);
  return out;
}

nlohmann::json policyBody(ApiContext& context) {
  return {{"policy", auth::toJson(context.policies.current())},
          {"updatedAt", context.policies.updatedAtMs() == 0 ? nlohmann::json(nullptr)
                                                            : nlohmann::json(context.policies.updatedAtMs())}};
}

void auditChange(ApiContext& context, const http::Request& request, const auth::Principal& principal,
                 std::string_view setting, store::AuditOutcome outcome, std::string detail) {
  context.audit.record({.category = store::AuditCategory::Configuration,
                        .actor = principal.user.id,
                        .sourceAddress = request.clientAddress,
                        .action = "settings." + std::string(setting),
                        .target = std::string(setting),
                        .outcome = outcome,
                        .detail = std::move(detail)});
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
    auditChange(context, request, *principal, "security_policy", store::AuditOutcome::Failure, policy.error().message);
    return errorFor(request, policy.error());
  }
  const nlohmann::json before = auth::toJson(context.policies.current());
  if (auto saved = context.policies.save(*policy, principal->user.id, context.auth.now()); !saved) {
    return errorFor(request, saved.error());
  }
  const std::string changes = describeChanges(before, auth::toJson(*policy));
  auditChange(context, request, *principal, "security_policy", store::AuditOutcome::Success,
              changes.empty() ? "no change" : changes);
  return jsonResponse(200, policyBody(context));
}

nlohmann::json accessBody(ApiContext& context) {
  const auth::AdminAccess access = context.adminAccess.current();
  const uint16_t active = context.facts.adminPort ? context.facts.adminPort() : 0;
  return {{"access", auth::toJson(access)},
          {"updatedAt", context.adminAccess.updatedAtMs() == 0 ? nlohmann::json(nullptr)
                                                               : nlohmann::json(context.adminAccess.updatedAtMs())},
          {"activePort", active},
          {"restartRequired", access.port.has_value() && *access.port != active}};
}

http::Response showAccess(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = Permission::SettingsManage});
  if (!principal) return errorFor(request, principal.error());
  return jsonResponse(200, accessBody(context));
}

http::Response replaceAccess(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = Permission::SettingsManage});
  if (!principal) return errorFor(request, principal.error());
  auto body = parseJsonObject(request);
  if (!body) return errorFor(request, body.error());
  auto access = auth::adminAccessFromJson(*body);
  if (access && !access->allows(request.clientAddress)) {
    access = Error{"would_lock_out", "the new list does not include " + request.clientAddress};
  }
  const uint16_t publicPort = context.facts.publicPort ? context.facts.publicPort() : 0;
  if (access && access->port && *access->port == publicPort) {
    access = Error{"invalid_setting", "port must differ from the user port"};
  }
  if (!access) {
    auditChange(context, request, *principal, "admin_access", store::AuditOutcome::Failure, access.error().message);
    return errorFor(request, access.error());
  }
  const nlohmann::json before = auth::toJson(context.adminAccess.current());
  if (auto saved = context.adminAccess.save(*access, principal->user.id, context.auth.now()); !saved) {
    return errorFor(request, saved.error());
  }
  const std::string changes = describeChanges(before, auth::toJson(*access));
  auditChange(context, request, *principal, "admin_access", store::AuditOutcome::Success,
              changes.empty() ? "no change" : changes);
  return jsonResponse(200, accessBody(context));
}

nlohmann::json directoryBody(ApiContext& context) {
  return {{"directory", auth::toPublicJson(context.directory.current())},
          {"updatedAt", context.directory.updatedAtMs() == 0 ? nlohmann::json(nullptr)
                                                             : nlohmann::json(context.directory.updatedAtMs())}};
}

http::Response showDirectory(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = Permission::SettingsManage});
  if (!principal) return errorFor(request, principal.error());
  return jsonResponse(200, directoryBody(context));
}

// The bind password arrives in clear over TLS, is sealed with the master key at once (S4.4) and
// never leaves the server again; null keeps the one saved.
http::Response replaceDirectory(ApiContext& context, http::Request& request) {
  auto principal = authorize(context, request, {.permission = Permission::SettingsManage});
  if (!principal) return errorFor(request, principal.error());
  auto body = parseJsonObject(request);
  if (!body) return errorFor(request, body.error());
  auto update = auth::directoryUpdateFromJson(*body);
  if (!update) {
    auditChange(context, request, *principal, "directory", store::AuditOutcome::Failure, update.error().message);
    return errorFor(request, update.error());
  }
  const auth::DirectoryConfig before = context.directory.current();
  auth::DirectoryConfig config = std::move(update->config);
  config.bindPasswordSealed =
      update->bindPassword ? context.secrets.seal(*update->bindPassword, "directory-bind") : before.bindPasswordSealed;
  if (auto saved = context.directory.save(config, principal->user.id, context.auth.now()); !saved) {
    return errorFor(request, saved.error());
  }
  std::string changes = describeChanges(auth::toPublicJson(before), auth::toPublicJson(config));
  if (update->bindPassword) changes += std::string(changes.empty() ? "" : ", ") + "new bind password";
  auditChange(context, request, *principal, "directory", store::AuditOutcome::Success,
              changes.empty() ? "no change" : changes);
  return jsonResponse(200, directoryBody(context));
}

}  // namespace

void addAdminSettingsRoutes(http::Router& router, ApiContext& context) {
  router.add(http::Method::Get, "/api/v1/admin/security-policy",
             [&context](http::Request& r) { return show(context, r); });
  router.add(http::Method::Put, "/api/v1/admin/security-policy",
             [&context](http::Request& r) { return replace(context, r); });
  router.add(http::Method::Get, "/api/v1/admin/admin-access",
             [&context](http::Request& r) { return showAccess(context, r); });
  router.add(http::Method::Put, "/api/v1/admin/admin-access",
             [&context](http::Request& r) { return replaceAccess(context, r); });
  router.add(http::Method::Get, "/api/v1/admin/directory",
             [&context](http::Request& r) { return showDirectory(context, r); });
  router.add(http::Method::Put, "/api/v1/admin/directory",
             [&context](http::Request& r) { return replaceDirectory(context, r); });
}

}  // namespace dienhong::api
