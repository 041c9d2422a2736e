// /api/v1/admin/users and /api/v1/admin/units: account and unit management for the console (S1.1,
// S2.4, S2.5). The handlers read and shape JSON; AccountService decides who may do what. Bodies
// are checked against their schema: unknown members are refused, so a misspelt field never
// leaves a setting silently unchanged (S4.1).
#include "api/routes.hpp"
#include "api/session_guard.hpp"

namespace dienhong::api {
namespace {

using auth::Permission;
using nlohmann::json;

constexpr size_t kMaxFieldBytes = 1024;

json permissionArray(auth::PermissionSet set) {
  json names = json::array();
  for (Permission p : auth::allPermissions()) {
    if (set.has(p)) names.push_back(auth::toString(p));
  }
  return names;
}

json userJson(const store::User& user, int64_t nowMs) {
  return {{"id", user.id},
          {"username", user.username},
          {"displayName", user.displayName},
          {"email", user.email},
          {"role", store::toString(user.role)},
          {"unitId", user.unitId ? json(*user.unitId) : json(nullptr)},
          {"permissions", permissionArray(auth::permissionsOf(user))},
          {"ownPermissions", user.permissions ? permissionArray(auth::fromStoredString(*user.permissions)) : json(nullptr)},
          {"disabled", user.disabled},
          {"locked", user.lockedAt(nowMs)},
          {"lockedUntil", user.lockedAt(nowMs) && user.lockedUntilMs ? json(*user.lockedUntilMs) : json(nullptr)},
          {"mustChangePassword", user.mustChangePassword},
          {"twoFactor", user.totpSecret.has_value()},
          {"passwordChangedAt", user.passwordChangedAtMs},
          {"createdAt", user.createdAtMs}};
}

json unitJson(const store::Unit& unit) {
  return {{"id", unit.id},
          {"parentId", unit.parentId ? json(*unit.parentId) : json(nullptr)},
          {"name", unit.name},
          {"createdAt", unit.createdAtMs}};
}

// Reads the members of one request body and refuses what is missing, mistyped or unknown.
class BodyReader {
 public:
  explicit BodyReader(const json& body) : body_(body) {}

  std::optional<std::string> text(std::string_view name, bool required) {
    const json* value = take(name, required);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string() || value->get_ref<const std::string&>().size() > kMaxFieldBytes) {
      fail(std::string(name) + " must be a string");
      return std::nullopt;
    }
    return value->get<std::string>();
  }

  // Present: a string or null (inner nullopt).
  std::optional<std::optional<std::string>> nullableText(std::string_view name) {
    const json* value = take(name, false);
    if (value == nullptr) return std::nullopt;
    if (value->is_null()) return std::optional<std::string>();
    if (!value->is_string() || value->get_ref<const std::string&>().size() > kMaxFieldBytes) {
      fail(std::string(name) + " must be a string or null");
      return std::nullopt;
    }
    return std::optional<std::string>(value->get<std::string>());
  }

  std::optional<store::Role> role(bool required) {
    const json* value = take("role", required);
    if (value == nullptr) return std::nullopt;
    std::optional<store::Role> role;
    if (value->is_string()) role = store::roleFromString(value->get_ref<const std::string&>());
    if (!role) fail("role must be user, meeting_admin or system_admin");
    return role;
  }

  std::optional<bool> boolean(std::string_view name) {
    const json* value = take(name, false);
    if (value == nullptr) return std::nullopt;
    if (!value->is_boolean()) {
      fail(std::string(name) + " must be true or false");
      return std::nullopt;
    }
    return value->get<bool>();
  }

  // Present: an array of permission names, or null (inner nullopt: the group's).
  std::optional<std::optional<auth::PermissionSet>> permissions() {
    const json* value = take("permissions", false);
    if (value == nullptr) return std::nullopt;
    if (value->is_null()) return std::optional<auth::PermissionSet>();
    auth::PermissionSet set;
    bool valid = value->is_array() && value->size() <= auth::allPermissions().size();
    if (valid) {
      for (const json& item : *value) {
        const auto p = item.is_string() ? auth::permissionFromString(item.get_ref<const std::string&>()) : std::nullopt;
        if (!p) valid = false;
        else set.add(*p);
      }
    }
    if (!valid) {
      fail("permissions must be null or an array of permission names");
      return std::nullopt;
    }
    return std::optional<auth::PermissionSet>(set);
  }

  // The first problem, or an unknown member.
  Result<void> finish() {
    for (const auto& [name, value] : body_.items()) {
      if (std::find(taken_.begin(), taken_.end(), name) == taken_.end()) fail("the body has an unknown member");
    }
    if (problem_.empty()) return success();
    return Error{"invalid_request", problem_};
  }

 private:
  const json* take(std::string_view name, bool required) {
    taken_.emplace_back(name);
    const auto it = body_.find(name);
    if (it == body_.end()) {
      if (required) fail(std::string(name) + " is required");
      return nullptr;
    }
    return &*it;
  }
  void fail(std::string problem) {
    if (problem_.empty()) problem_ = std::move(problem);
  }

  const json& body_;
  std::vector<std::string> taken_;
  std::string problem_;
};

std::string param(const http::Request& request, const char* name) {
  const auto it = request.params.find(name);
  return it == request.params.end() ? std::string() : it->second;
}

// Runs `body` for an administrator holding `permission`, with the actor the service needs.
template <class Body>
http::Response asAdministrator(ApiContext& context, http::Request& request, Permission permission, Body body) {
  auto principal = authorize(context, request, {.permission = permission});
  if (!principal) return errorFor(request, principal.error());
  const accounts::Actor actor{*principal, request.clientAddress};
  return body(actor);
}

http::Response listUsers(ApiContext& context, http::Request& request) {
  return asAdministrator(context, request, Permission::UsersView, [&](const accounts::Actor& actor) {
    store::UserQuery query;
    auto text = queryParameter(request, "q");
    auto unit = queryParameter(request, "unit");
    auto role = queryParameter(request, "role");
    auto status = queryParameter(request, "status");
    auto offset = integerParameter(request, "offset", 0, 0, 1'000'000);
    auto limit = integerParameter(request, "limit", 50, 1, 200);
    for (const auto* part : {&text, &unit, &role, &status}) {
      if (!*part) return errorFor(request, part->error());
    }
    if (!offset) return errorFor(request, offset.error());
    if (!limit) return errorFor(request, limit.error());
    if (text->has_value()) {
      if ((*text)->size() > 200) return errorFor(request, Error{"invalid_request", "q is too long"});
      query.text = **text;
    }
    if (unit->has_value()) query.scopeUnitId = **unit;
    if (role->has_value() && !(*role)->empty()) {
      query.role = store::roleFromString(**role);
      if (!query.role) return errorFor(request, Error{"invalid_request", "unknown role"});
    }
    if (status->has_value()) {
      const auto parsed = store::userStatusFromString(**status);
      if (!parsed) return errorFor(request, Error{"invalid_request", "unknown status"});
      query.status = *parsed;
    }
    query.offset = *offset;
    query.limit = *limit;
    auto page = context.accounts.list(actor, query);
    if (!page) return errorFor(request, page.error());
    json users = json::array();
    const int64_t now = context.auth.now();
    for (const auto& user : page->users) users.push_back(userJson(user, now));
    return jsonResponse(200, {{"users", std::move(users)}, {"total", page->total}});
  });
}

http::Response getUser(ApiContext& context, http::Request& request) {
  return asAdministrator(context, request, Permission::UsersView, [&](const accounts::Actor& actor) {
    auto user = context.accounts.get(actor, param(request, "id"));
    if (!user) return errorFor(request, user.error());
    return jsonResponse(200, {{"user", userJson(*user, context.auth.now())}});
  });
}

http::Response createUser(ApiContext& context, http::Request& request) {
  return asAdministrator(context, request, Permission::UsersManage, [&](const accounts::Actor& actor) {
    auto body = parseJsonObject(request);
    if (!body) return errorFor(request, body.error());
    BodyReader reader(*body);
    accounts::NewAccount account;
    account.username = reader.text("username", true).value_or("");
    account.displayName = reader.text("displayName", true).value_or("");
    account.email = reader.text("email", false).value_or("");
    account.role = reader.role(true).value_or(store::Role::User);
    account.unitId = reader.nullableText("unitId").value_or(std::nullopt);
    account.permissions = reader.permissions().value_or(std::nullopt);
    if (auto ok = reader.finish(); !ok) return errorFor(request, ok.error());
    auto created = context.accounts.create(actor, account);
    if (!created) return errorFor(request, created.error());
    return jsonResponse(201, {{"user", userJson(created->user, context.auth.now())},
                              {"oneTimePassword", created->oneTimePassword}});
  });
}

http::Response updateUser(ApiContext& context, http::Request& request) {
  return asAdministrator(context, request, Permission::UsersManage, [&](const accounts::Actor& actor) {
    auto body = parseJsonObject(request);
    if (!body) return errorFor(request, body.error());
    BodyReader reader(*body);
    accounts::AccountChanges changes;
    changes.displayName = reader.text("displayName", false);
    changes.email = reader.text("email", false);
    changes.role = reader.role(false);
    changes.unitId = reader.nullableText("unitId");
    changes.permissions = reader.permissions();
    changes.disabled = reader.boolean("disabled");
    if (auto ok = reader.finish(); !ok) return errorFor(request, ok.error());
    auto updated = context.accounts.update(actor, param(request, "id"), changes);
    if (!updated) return errorFor(request, updated.error());
    return jsonResponse(200, {{"user", userJson(*updated, context.auth.now())}});
  });
}

http::Response resetPassword(ApiContext& context, http::Request& request) {
  return asAdministrator(context, request, Permission::UsersManage, [&](const accounts::Actor& actor) {
    auto password = context.accounts.resetPassword(actor, param(request, "id"));
    if (!password) return errorFor(request, password.error());
    return jsonResponse(200, {{"oneTimePassword", *password}});
  });
}

http::Response unlockUser(ApiContext& context, http::Request& request) {
  return asAdministrator(context, request, Permission::UsersManage, [&](const accounts::Actor& actor) {
    auto user = context.accounts.unlock(actor, param(request, "id"));
    if (!user) return errorFor(request, user.error());
    return jsonResponse(200, {{"user", userJson(*user, context.auth.now())}});
  });
}

http::Response resetTwoFactor(ApiContext& context, http::Request& request) {
  return asAdministrator(context, request, Permission::UsersManage, [&](const accounts::Actor& actor) {
    auto user = context.accounts.resetTwoFactor(actor, param(request, "id"));
    if (!user) return errorFor(request, user.error());
    return jsonResponse(200, {{"user", userJson(*user, context.auth.now())}});
  });
}

http::Response removeUser(ApiContext& context, http::Request& request) {
  return asAdministrator(context, request, Permission::UsersManage, [&](const accounts::Actor& actor) {
    if (auto removed = context.accounts.remove(actor, param(request, "id")); !removed) {
      return errorFor(request, removed.error());
    }
    return http::Response::noContent();
  });
}

http::Response listUnits(ApiContext& context, http::Request& request) {
  return asAdministrator(context, request, Permission::UsersView, [&](const accounts::Actor& actor) {
    auto units = context.accounts.units(actor);
    if (!units) return errorFor(request, units.error());
    json out = json::array();
    for (const auto& unit : *units) out.push_back(unitJson(unit));
    return jsonResponse(200, {{"units", std::move(out)},
                              {"rootUnitId", actor.principal.user.unitId ? json(*actor.principal.user.unitId) : json(nullptr)}});
  });
}

http::Response createUnit(ApiContext& context, http::Request& request) {
  return asAdministrator(context, request, Permission::UsersManage, [&](const accounts::Actor& actor) {
    auto body = parseJsonObject(request);
    if (!body) return errorFor(request, body.error());
    BodyReader reader(*body);
    const std::string name = reader.text("name", true).value_or("");
    const auto parentId = reader.nullableText("parentId").value_or(std::nullopt);
    if (auto ok = reader.finish(); !ok) return errorFor(request, ok.error());
    auto unit = context.accounts.createUnit(actor, name, parentId);
    if (!unit) return errorFor(request, unit.error());
    return jsonResponse(201, {{"unit", unitJson(*unit)}});
  });
}

http::Response renameUnit(ApiContext& context, http::Request& request) {
  return asAdministrator(context, request, Permission::UsersManage, [&](const accounts::Actor& actor) {
    auto body = parseJsonObject(request);
    if (!body) return errorFor(request, body.error());
    BodyReader reader(*body);
    const std::string name = reader.text("name", true).value_or("");
    if (auto ok = reader.finish(); !ok) return errorFor(request, ok.error());
    auto unit = context.accounts.renameUnit(actor, param(request, "id"), name);
    if (!unit) return errorFor(request, unit.error());
    return jsonResponse(200, {{"unit", unitJson(*unit)}});
  });
}

http::Response removeUnit(ApiContext& context, http::Request& request) {
  return asAdministrator(context, request, Permission::UsersManage, [&](const accounts::Actor& actor) {
    if (auto removed = context.accounts.removeUnit(actor, param(request, "id")); !removed) {
      return errorFor(request, removed.error());
    }
    return http::Response::noContent();
  });
}

}  // namespace

void addAdminAccountRoutes(http::Router& router, ApiContext& context) {
  using http::Method;
  const auto bind = [&context](http::Response (*handler)(ApiContext&, http::Request&)) {
    return [&context, handler](http::Request& r) { return handler(context, r); };
  };
  router.add(Method::Get, "/api/v1/admin/users", bind(listUsers));
  router.add(Method::Post, "/api/v1/admin/users", bind(createUser));
  router.add(Method::Get, "/api/v1/admin/users/{id}", bind(getUser));
  router.add(Method::Patch, "/api/v1/admin/users/{id}", bind(updateUser));
  router.add(Method::Delete, "/api/v1/admin/users/{id}", bind(removeUser));
  router.add(Method::Post, "/api/v1/admin/users/{id}/reset-password", bind(resetPassword));
  router.add(Method::Post, "/api/v1/admin/users/{id}/unlock", bind(unlockUser));
  router.add(Method::Post, "/api/v1/admin/users/{id}/reset-two-factor", bind(resetTwoFactor));
  router.add(Method::Get, "/api/v1/admin/units", bind(listUnits));
  router.add(Method::Post, "/api/v1/admin/units", bind(createUnit));
  router.add(Method::Patch, "/api/v1/admin/units/{id}", bind(renameUnit));
  router.add(Method::Delete, "/api/v1/admin/units/{id}", bind(removeUnit));
}

}  // namespace dienhong::api
