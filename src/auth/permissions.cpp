#include "auth/permissions.hpp"

#include <array>

namespace dienhong::auth {
namespace {

constexpr std::array kAll{Permission::UsersView,      Permission::UsersManage,    Permission::RoomsManage,
                          Permission::MonitoringView, Permission::SettingsManage, Permission::AuditView,
                          Permission::BackupsManage};

}  // namespace

std::span<const Permission> allPermissions() { return kAll; }

std::string_view toString(Permission permission) {
  switch (permission) {
    case Permission::UsersView: return "users.view";
    case Permission::UsersManage: return "users.manage";
    case Permission::RoomsManage: return "rooms.manage";
    case Permission::MonitoringView: return "monitoring.view";
    case Permission::SettingsManage: return "settings.manage";
    case Permission::AuditView: return "audit.view";
    case Permission::BackupsManage: return "backups.manage";
  }
  return "";
}

std::optional<Permission> permissionFromString(std::string_view text) {
  for (Permission p : kAll) {
    if (toString(p) == text) return p;
  }
  return std::nullopt;
}

std::string toStoredString(PermissionSet set) {
  std::string out;
  for (Permission p : kAll) {
    if (!set.has(p)) continue;
    if (!out.empty()) out += ' ';
    out += toString(p);
  }
  return out;
}

PermissionSet fromStoredString(std::string_view text) {
  PermissionSet set;
  while (!text.empty()) {
    const auto end = text.find(' ');
    if (auto p = permissionFromString(text.substr(0, end))) set.add(*p);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return set;
}

PermissionSet permissionsOf(const store::User& user) {
  const PermissionSet group = allowedFor(user.role);
  return user.permissions ? fromStoredString(*user.permissions) & group : group;
}

PermissionSet allowedFor(store::Role role) {
  switch (role) {
    case store::Role::User:
      return {};
    case store::Role::MeetingAdmin:
      return {Permission::UsersView, Permission::UsersManage, Permission::RoomsManage, Permission::MonitoringView};
    case store::Role::SystemAdmin:
      return {Permission::UsersView,      Permission::UsersManage,    Permission::RoomsManage,
              Permission::MonitoringView, Permission::SettingsManage, Permission::AuditView,
              Permission::BackupsManage};
  }
  return {};
}

}  // namespace dienhong::auth
