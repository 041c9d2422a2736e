// Role, audit category and audit outcome names as stored in the database and used by the API.
// Changing one needs a migration: the schema's CHECK constraints list them.
#include "store/records.hpp"

namespace dienhong::store {

std::string_view toString(Role role) {
  switch (role) {
    case Role::User:
      return "user";
    case Role::MeetingAdmin:
      return "meeting_admin";
    case Role::SystemAdmin:
      return "system_admin";
  }
  return "user";  // unreachable for a valid enumerator
}

std::optional<Role> roleFromString(std::string_view text) {
  for (Role role : {Role::User, Role::MeetingAdmin, Role::SystemAdmin}) {
    if (text == toString(role)) return role;
  }
  return std::nullopt;
}

std::string_view toString(UserStatus status) {
  switch (status) {
    case UserStatus::Any: return "";
    case UserStatus::Active: return "active";
    case UserStatus::Locked: return "locked";
    case UserStatus::Disabled: return "disabled";
  }
  return "";
}

std::optional<UserStatus> userStatusFromString(std::string_view text) {
  for (UserStatus status : {UserStatus::Any, UserStatus::Active, UserStatus::Locked, UserStatus::Disabled}) {
    if (text == toString(status)) return status;
  }
  return std::nullopt;
}

std::string_view toString(AuditCategory category) {
  switch (category) {
    case AuditCategory::Access:
      return "access";
    case AuditCategory::AdminLogin:
      return "admin_login";
    case AuditCategory::Error:
      return "error";
    case AuditCategory::Account:
      return "account";
    case AuditCategory::Configuration:
      return "configuration";
    case AuditCategory::Meeting:
      return "meeting";
  }
  return "error";  // unreachable for a valid enumerator
}

std::optional<AuditCategory> auditCategoryFromString(std::string_view text) {
  for (AuditCategory category :
       {AuditCategory::Access, AuditCategory::AdminLogin, AuditCategory::Error,
        AuditCategory::Account, AuditCategory::Configuration, AuditCategory::Meeting}) {
    if (text == toString(category)) return category;
  }
  return std::nullopt;
}

std::string_view toString(AuditOutcome outcome) {
  switch (outcome) {
    case AuditOutcome::Success:
      return "success";
    case AuditOutcome::Denied:
      return "denied";
    case AuditOutcome::Failure:
      return "failure";
  }
  return "failure";  // unreachable for a valid enumerator
}

std::optional<AuditOutcome> auditOutcomeFromString(std::string_view text) {
  for (AuditOutcome outcome :
       {AuditOutcome::Success, AuditOutcome::Denied, AuditOutcome::Failure}) {
    if (text == toString(outcome)) return outcome;
  }
  return std::nullopt;
}

}  // namespace dienhong::store
