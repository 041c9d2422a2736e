#include "accounts/account_service.hpp"

#include <unordered_set>

#include <fmt/format.h>

#include "accounts/account_fields.hpp"
#include "auth/tokens.hpp"
#include "common/text.hpp"
#include "store/text_case.hpp"

namespace dienhong::accounts {
namespace {

using auth::Permission;
using auth::PermissionSet;
using store::AuditCategory;
using store::Role;

int rank(Role role) {
  switch (role) {
    case Role::User: return 0;
    case Role::MeetingAdmin: return 1;
    case Role::SystemAdmin: return 2;
  }
  return 0;
}

const Error kNotFound{"not_found", "no such account or unit within reach"};

// The units an administrator reaches: their own and every unit under it. An administrator
// without a unit reaches the whole organisation, accounts without a unit included.
class Reach {
 public:
  static Result<Reach> of(store::Store& store, const store::User& actor) {
    auto all = store.units().list();
    if (!all) return all.error();
    Reach reach;
    reach.root_ = actor.unitId;
    if (!reach.root_) {
      for (const auto& unit : *all) reach.ids_.insert(unit.id);
    } else {
      reach.ids_.insert(*reach.root_);
      // The tree is small; repeat until no new unit joins (each pass adds at least one level).
      for (bool grew = true; grew;) {
        grew = false;
        for (const auto& unit : *all) {
          if (unit.parentId && reach.ids_.contains(*unit.parentId) && reach.ids_.insert(unit.id).second) grew = true;
        }
      }
    }
    for (auto& unit : *all) {
      if (reach.ids_.contains(unit.id)) reach.units_.push_back(std::move(unit));
    }
    return reach;
  }

  bool everything() const { return !root_.has_value(); }
  const std::optional<std::string>& root() const { return root_; }
  bool covers(const std::optional<std::string>& unitId) const {
    return unitId ? ids_.contains(*unitId) : everything();
  }
  std::vector<store::Unit>& units() { return units_; }
  const store::Unit* find(std::string_view id) const {
    for (const auto& unit : units_) {
      if (unit.id == id) return &unit;
    }
    return nullptr;
  }

 private:
  std::optional<std::string> root_;
  std::unordered_set<std::string> ids_;
  std::vector<store::Unit> units_;
};

std::string unitText(const std::optional<std::string>& unitId) { return unitId.value_or("none"); }

std::string permissionsText(const std::optional<std::string>& stored) {
  return stored ? "[" + *stored + "]" : "group";
}

}  // namespace

AccountService::AccountService(store::Store& store, auth::AuthService& auth, audit::AuditLog& audit)
    : store_(store), auth_(auth), audit_(audit) {}

void AccountService::record(const Actor& actor, std::string action, std::string target, std::string detail,
                            store::AuditOutcome outcome) {
  audit_.record({.category = AuditCategory::Account,
                 .actor = actor.principal.user.id,
                 .sourceAddress = std::string(actor.address),
                 .action = std::move(action),
                 .target = std::move(target),
                 .outcome = outcome,
                 .detail = std::move(detail)});
}

Result<store::User> AccountService::reachableAccount(const Actor& actor, std::string_view id, Permission needed) {
  if (!actor.principal.permissions.has(needed)) return Error{"forbidden", "permission missing"};
  auto found = store_.users().findById(id);
  if (!found) return found.error();
  if (!found->has_value()) return kNotFound;
  auto reach = Reach::of(store_, actor.principal.user);
  if (!reach) return reach.error();
  if (!reach->covers((*found)->unitId)) return kNotFound;
  store::User user = std::move(found->value());
  if (needed == Permission::UsersManage && user.id != actor.principal.user.id) {
    // Nobody manages an account that may do more than they may.
    if (rank(user.role) > rank(actor.principal.user.role) ||
        !auth::permissionsOf(user).subsetOf(actor.principal.permissions)) {
      return Error{"forbidden", "the account holds more than the actor"};
    }
  }
  return user;
}

Result<void> AccountService::checkGrant(const Actor& actor, Role role, const std::optional<PermissionSet>& permissions) {
  const PermissionSet granted = permissions ? *permissions & auth::allowedFor(role) : auth::allowedFor(role);
  if (permissions && !permissions->subsetOf(auth::allowedFor(role))) {
    return Error{"invalid_request", "permissions must be among those the group allows"};
  }
  if (rank(role) > rank(actor.principal.user.role) || !granted.subsetOf(actor.principal.permissions)) {
    return Error{"forbidden", "cannot grant more than the actor holds"};
  }
  return success();
}

Result<store::UserPage> AccountService::list(const Actor& actor, store::UserQuery query) {
  if (!actor.principal.permissions.has(Permission::UsersView)) return Error{"forbidden", "permission missing"};
  auto reach = Reach::of(store_, actor.principal.user);
  if (!reach) return reach.error();
  if (query.scopeUnitId) {
    if (!reach->covers(query.scopeUnitId)) return kNotFound;
  } else {
    query.scopeUnitId = reach->root();
  }
  query.nowMs = auth_.now();
  return store_.users().list(query);
}

Result<store::User> AccountService::get(const Actor& actor, std::string_view id) {
  return reachableAccount(actor, id, Permission::UsersView);
}

Result<CreatedAccount> AccountService::create(const Actor& actor, const NewAccount& account) {
  if (!actor.principal.permissions.has(Permission::UsersManage)) return Error{"forbidden", "permission missing"};
  const std::string username = store::lowerCase(account.username);
  if (auto ok = checkUsername(username); !ok) return ok.error();
  if (auto ok = checkDisplayName(account.displayName); !ok) return ok.error();
  if (auto ok = checkEmail(account.email); !ok) return ok.error();
  if (auto ok = checkGrant(actor, account.role, account.permissions); !ok) return ok.error();
  auto reach = Reach::of(store_, actor.principal.user);
  if (!reach) return reach.error();
  if (!reach->covers(account.unitId)) {
    return account.unitId ? kNotFound : Error{"forbidden", "only an administrator of the whole organisation may leave the unit empty"};
  }
  const std::string password = auth::oneTimePassword();
  auto hash = auth_.hasher().hash(password);
  if (!hash) return hash.error();
  const int64_t now = auth_.now();
  store::User user;
  user.id = auth::randomToken(16);
  user.username = username;
  user.displayName = text::trim(account.displayName);
  user.email = account.email;
  user.passwordHash = hash.value();
  user.role = account.role;
  user.unitId = account.unitId;
  if (account.permissions) user.permissions = auth::toStoredString(*account.permissions & auth::allowedFor(account.role));
  user.mustChangePassword = true;
  user.passwordChangedAtMs = now;
  user.createdAtMs = now;
  if (auto created = store_.users().create(user); !created) {
    if (created.error().code == "conflict") return Error{"username_taken", "the username is taken"};
    return created.error();
  }
  record(actor, "account.create", "user:" + username,
         fmt::format("role {}, unit {}, permissions {}", store::toString(user.role), unitText(user.unitId),
                     permissionsText(user.permissions)));
  return CreatedAccount{std::move(user), password};
}

Result<store::User> AccountService::update(const Actor& actor, std::string_view id, const AccountChanges& changes) {
  auto found = reachableAccount(actor, id, Permission::UsersManage);
  if (!found) return found.error();
  store::User user = std::move(found.value());
  const store::User before = user;
  const bool self = user.id == actor.principal.user.id;
  if (self && (changes.role || changes.unitId || changes.permissions || changes.disabled)) {
    return Error{"self_change_refused", "one's own role, unit, permissions and status are changed by another administrator"};
  }
  if (changes.displayName) {
    if (auto ok = checkDisplayName(*changes.displayName); !ok) return ok.error();
    user.displayName = text::trim(*changes.displayName);
  }
  if (changes.email) {
    if (auto ok = checkEmail(*changes.email); !ok) return ok.error();
    user.email = *changes.email;
  }
  if (changes.role) user.role = *changes.role;
  std::optional<PermissionSet> permissions =
      user.permissions ? std::optional(auth::fromStoredString(*user.permissions)) : std::nullopt;
  if (changes.permissions) permissions = *changes.permissions;
  if (changes.role || changes.permissions) {
    if (auto ok = checkGrant(actor, user.role, permissions); !ok) return ok.error();
    user.permissions = permissions ? std::optional(auth::toStoredString(*permissions & auth::allowedFor(user.role)))
                                   : std::nullopt;
  }
  if (changes.unitId) {
    auto reach = Reach::of(store_, actor.principal.user);
    if (!reach) return reach.error();
    if (!reach->covers(*changes.unitId)) {
      return changes.unitId->has_value()
                 ? kNotFound
                 : Error{"forbidden", "only an administrator of the whole organisation may leave the unit empty"};
    }
    user.unitId = *changes.unitId;
  }
  if (changes.disabled) user.disabled = *changes.disabled;
  if (auto saved = store_.users().updateProfile(user); !saved) return saved.error();
  if (user.disabled && !before.disabled) {
    if (auto ended = store_.sessions().removeAllForUser(user.id); !ended) return ended.error();
  }
  std::vector<std::string> changed;
  auto note = [&](std::string_view field, const std::string& from, const std::string& to) {
    if (from != to) changed.push_back(fmt::format("{} {}→{}", field, from, to));
  };
  note("displayName", before.displayName, user.displayName);
  note("email", before.email, user.email);
  note("role", std::string(store::toString(before.role)), std::string(store::toString(user.role)));
  note("unit", unitText(before.unitId), unitText(user.unitId));
  note("permissions", permissionsText(before.permissions), permissionsText(user.permissions));
  note("disabled", before.disabled ? "true" : "false", user.disabled ? "true" : "false");
  record(actor, "account.update", "user:" + user.username, changed.empty() ? "no change" : fmt::format("{}", fmt::join(changed, ", ")));
  return user;
}

Result<std::string> AccountService::resetPassword(const Actor& actor, std::string_view id) {
  auto user = reachableAccount(actor, id, Permission::UsersManage);
  if (!user) return user.error();
  if (user->id == actor.principal.user.id) {
    return Error{"self_change_refused", "one's own password is changed with the current one"};
  }
  if (user->directoryDn) return Error{"managed_by_directory", "the directory holds this account's password"};
  return auth_.resetPassword(user->username, actor.principal.user.id, actor.address);
}

Result<store::User> AccountService::unlock(const Actor& actor, std::string_view id) {
  auto user = reachableAccount(actor, id, Permission::UsersManage);
  if (!user) return user.error();
  if (auto cleared = store_.users().clearFailedSignIns(user->id); !cleared) return cleared.error();
  record(actor, "account.unlock", "user:" + user->username, user->lockedAt(auth_.now()) ? "" : "was not locked");
  user->failedSignIns = 0;
  user->lockedAtMs.reset();
  user->lockedUntilMs.reset();
  return std::move(user.value());
}

Result<store::User> AccountService::resetTwoFactor(const Actor& actor, std::string_view id) {
  auto user = reachableAccount(actor, id, Permission::UsersManage);
  if (!user) return user.error();
  if (user->id == actor.principal.user.id) {
    return Error{"self_change_refused", "one's own second factor is removed with one's password"};
  }
  if (auto saved = store_.users().setTotp(user->id, std::nullopt, std::nullopt); !saved) return saved.error();
  if (auto ended = store_.sessions().removeAllForUser(user->id); !ended) return ended.error();
  record(actor, "account.two_factor_reset", "user:" + user->username, user->totpSecret ? "" : "had none");
  user->totpSecret.reset();
  user->totpPending.reset();
  return std::move(user.value());
}

Result<void> AccountService::remove(const Actor& actor, std::string_view id) {
  auto user = reachableAccount(actor, id, Permission::UsersManage);
  if (!user) return user.error();
  if (user->id == actor.principal.user.id) return Error{"self_change_refused", "one cannot delete one's own account"};
  if (auto removed = store_.users().remove(user->id); !removed) return removed.error();
  record(actor, "account.delete", "user:" + user->username,
         fmt::format("role {}, unit {}", store::toString(user->role), unitText(user->unitId)));
  return success();
}

Result<std::vector<store::Unit>> AccountService::units(const Actor& actor) {
  if (!actor.principal.permissions.has(Permission::UsersView)) return Error{"forbidden", "permission missing"};
  auto reach = Reach::of(store_, actor.principal.user);
  if (!reach) return reach.error();
  return std::move(reach->units());
}

Result<store::Unit> AccountService::createUnit(const Actor& actor, std::string_view name,
                                               const std::optional<std::string>& parentId) {
  if (!actor.principal.permissions.has(Permission::UsersManage)) return Error{"forbidden", "permission missing"};
  if (auto ok = checkUnitName(name); !ok) return ok.error();
  auto reach = Reach::of(store_, actor.principal.user);
  if (!reach) return reach.error();
  if (!reach->covers(parentId)) {
    return parentId ? kNotFound : Error{"forbidden", "only an administrator of the whole organisation adds top-level units"};
  }
  store::Unit unit{auth::randomHex(8), parentId, text::trim(name), auth_.now()};
  for (const auto& sibling : reach->units()) {
    if (sibling.parentId == parentId && store::lowerCase(sibling.name) == store::lowerCase(unit.name)) {
      return Error{"unit_name_taken", "a unit of that name is already there"};
    }
  }
  if (auto created = store_.units().create(unit); !created) return created.error();
  record(actor, "unit.create", "unit:" + unit.id, fmt::format("{} under {}", unit.name, unitText(parentId)));
  return unit;
}

Result<store::Unit> AccountService::renameUnit(const Actor& actor, std::string_view id, std::string_view name) {
  if (!actor.principal.permissions.has(Permission::UsersManage)) return Error{"forbidden", "permission missing"};
  if (auto ok = checkUnitName(name); !ok) return ok.error();
  auto reach = Reach::of(store_, actor.principal.user);
  if (!reach) return reach.error();
  const store::Unit* found = reach->find(id);
  if (found == nullptr) return kNotFound;
  if (reach->root() == found->id) return Error{"forbidden", "one's own unit is changed from above"};
  store::Unit unit = *found;
  const std::string before = unit.name;
  unit.name = text::trim(name);
  for (const auto& sibling : reach->units()) {
    if (sibling.id != unit.id && sibling.parentId == unit.parentId &&
        store::lowerCase(sibling.name) == store::lowerCase(unit.name)) {
      return Error{"unit_name_taken", "a unit of that name is already there"};
    }
  }
  if (auto renamed = store_.units().rename(unit.id, unit.name); !renamed) return renamed.error();
  record(actor, "unit.rename", "unit:" + unit.id, fmt::format("{}→{}", before, unit.name));
  return unit;
}

Result<void> AccountService::removeUnit(const Actor& actor, std::string_view id) {
  if (!actor.principal.permissions.has(Permission::UsersManage)) return Error{"forbidden", "permission missing"};
  auto reach = Reach::of(store_, actor.principal.user);
  if (!reach) return reach.error();
  const store::Unit* found = reach->find(id);
  if (found == nullptr) return kNotFound;
  if (reach->root() == found->id) return Error{"forbidden", "one's own unit is changed from above"};
  const std::string name = found->name;
  if (auto removed = store_.units().remove(id); !removed) return removed.error();
  record(actor, "unit.delete", "unit:" + std::string(id), name);
  return success();
}

}  // namespace dienhong::accounts
