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
