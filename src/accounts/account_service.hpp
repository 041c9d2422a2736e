// AccountService: the console's account and unit management (S1.1) under least privilege (S2.4,
// S2.5). Every call names the administrator making it; the service checks their permission,
// keeps them inside their unit and the units under it (an administrator without a unit sees the
// whole organisation), and refuses any change that would give someone more than the actor holds.
// Every change is audited (S3.1d).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.hpp"
#include "auth/auth_service.hpp"
#include "auth/permissions.hpp"
#include "common/result.hpp"
#include "store/store.hpp"

namespace dienhong::accounts {

struct Actor {
  const auth::Principal& principal;
  std::string_view address;
};

struct NewAccount {
  std::string username;
  std::string displayName;
  std::string email;
  store::Role role = store::Role::User;
  std::optional<std::string> unitId;
  std::optional<auth::PermissionSet> permissions;  // none: all the group allows
};

// Members left empty keep their value.
struct AccountChanges {
  std::optional<std::string> displayName = std::nullopt;
  std::optional<std::string> email = std::nullopt;
  std::optional<store::Role> role = std::nullopt;
  std::optional<std::optional<std::string>> unitId = std::nullopt;               // inner none: the top
  std::optional<std::optional<auth::PermissionSet>> permissions = std::nullopt;  // inner none: the group's
  std::optional<bool> disabled = std::nullopt;
};

struct CreatedAccount {
  store::User user;
  std::string oneTimePassword;  // shown once to the administrator; must be changed at sign-in
};

// Errors of every call: "forbidden" (permission missing, or more than the actor may grant),
// "not_found" (no such account or unit within the actor's reach), "invalid_request" (with the
// field in the message), "self_change_refused" (one's own role, unit, permissions, status or
// deletion), "username_taken", "in_use" (a unit that still has units or accounts),
// "managed_by_directory" (resetting the password of a directory account).
class AccountService {
 public:
  AccountService(store::Store& store, auth::AuthService& auth, audit::AuditLog& audit);

  Result<store::UserPage> list(const Actor& actor, store::UserQuery query);
  Result<store::User> get(const Actor& actor, std::string_view id);
  Result<CreatedAccount> create(const Actor& actor, const NewAccount& account);
  Result<store::User> update(const Actor& actor, std::string_view id, const AccountChanges& changes);
  Result<std::string> resetPassword(const Actor& actor, std::string_view id);
  Result<store::User> unlock(const Actor& actor, std::string_view id);
  // For a lost phone: removes the account's second factor and ends its sessions; if its group
  // requires one, the next sign-in enrols a new one.
  Result<store::User> resetTwoFactor(const Actor& actor, std::string_view id);
  Result<void> remove(const Actor& actor, std::string_view id);

  // The units the actor may see: their own and those under it (all for an actor without one).
  Result<std::vector<store::Unit>> units(const Actor& actor);
  Result<store::Unit> createUnit(const Actor& actor, std::string_view name, const std::optional<std::string>& parentId);
  Result<store::Unit> renameUnit(const Actor& actor, std::string_view id, std::string_view name);
  Result<void> removeUnit(const Actor& actor, std::string_view id);

 private:
  Result<store::User> reachableAccount(const Actor& actor, std::string_view id, auth::Permission needed);
  Result<void> checkGrant(const Actor& actor, store::Role role, const std::optional<auth::PermissionSet>& permissions);
  void record(const Actor& actor, std::string action, std::string target, std::string detail,
              store::AuditOutcome outcome = store::AuditOutcome::Success);

  store::Store& store_;
  auth::AuthService& auth_;
  audit::AuditLog& audit_;
};

}  // namespace dienhong::accounts
