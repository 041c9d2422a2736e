// Administrator permissions (S2.4, S2.5). A group (Role) allows a set of permissions; each
// administrator account holds a subset of its group's set, and every admin API route names the
// one permission it needs. An ordinary user holds none.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "store/records.hpp"

namespace dienhong::auth {

enum class Permission : uint8_t {
  UsersView,       // see the accounts (of one's unit, for usage administrators)
  UsersManage,     // create, edit, disable, unlock, reset and delete accounts
  RoomsManage,     // see and end any meeting of one's unit
  MonitoringView,  // the overview and media statistics
  SettingsManage,  // the security policy and the other system settings
  AuditView,       // the audit log and its export
  BackupsManage,   // backups and restores
};

std::span<const Permission> allPermissions();
std::string_view toString(Permission permission);
std::optional<Permission> permissionFromString(std::string_view text);

class PermissionSet {
 public:
  constexpr PermissionSet() = default;
  constexpr PermissionSet(std::initializer_list<Permission> permissions) {
    for (Permission p : permissions) add(p);
  }

  constexpr void add(Permission p) { bits_ |= bit(p); }
  constexpr bool has(Permission p) const { return (bits_ & bit(p)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool subsetOf(PermissionSet other) const { return (bits_ & ~other.bits_) == 0; }
  constexpr PermissionSet operator&(PermissionSet other) const { return fromBits(bits_ & other.bits_); }
  constexpr bool operator==(const PermissionSet&) const = default;

 private:
  static constexpr uint32_t bit(Permission p) { return uint32_t{1} << static_cast<unsigned>(p); }
  static constexpr PermissionSet fromBits(uint32_t bits) {
    PermissionSet set;
    set.bits_ = bits;
    return set;
  }
  uint32_t bits_ = 0;
};

// What a group allows. Usage administrators run the service for their unit (accounts, rooms,
// monitoring); operations administrators run the system (settings, logs, backups) and, being
// the group of the first administrator, may also manage every account.
PermissionSet allowedFor(store::Role role);

// Space-separated names, as the users table keeps an account's own permissions.
std::string toStoredString(PermissionSet set);
// Unknown names are skipped (a newer release may have written them).
PermissionSet fromStoredString(std::string_view text);
// What the account may do: its own permissions if it has any, never beyond its group.
PermissionSet permissionsOf(const store::User& user);

}  // namespace dienhong::auth
