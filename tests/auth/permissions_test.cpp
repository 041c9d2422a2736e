#include "auth/permissions.hpp"

#include <gtest/gtest.h>

namespace dienhong::auth {
namespace {

using store::Role;

TEST(Permissions, S2_4_ThreeGroupsWithLeastPrivilege) {
  EXPECT_TRUE(allowedFor(Role::User).empty());
  const PermissionSet usage = allowedFor(Role::MeetingAdmin);
  EXPECT_TRUE(usage.has(Permission::UsersManage));
  EXPECT_TRUE(usage.has(Permission::RoomsManage));
  EXPECT_TRUE(usage.has(Permission::MonitoringView));
  EXPECT_FALSE(usage.has(Permission::SettingsManage)) << "usage administrators do not run the system";
  EXPECT_FALSE(usage.has(Permission::AuditView));
  EXPECT_FALSE(usage.has(Permission::BackupsManage));
  const PermissionSet operations = allowedFor(Role::SystemAdmin);
  for (Permission p : allPermissions()) EXPECT_TRUE(operations.has(p)) << toString(p);
  EXPECT_TRUE(usage.subsetOf(operations));
  EXPECT_FALSE(operations.subsetOf(usage));
}

TEST(Permissions, NamesRoundTrip) {
  for (Permission p : allPermissions()) EXPECT_EQ(permissionFromString(toString(p)), p);
  EXPECT_FALSE(permissionFromString("users.*"));
  EXPECT_FALSE(permissionFromString(""));
}

TEST(Permissions, SetOperations) {
  const PermissionSet a{Permission::UsersView, Permission::AuditView};
  const PermissionSet b{Permission::AuditView};
  EXPECT_EQ(a & b, b);
  EXPECT_TRUE(b.subsetOf(a));
  EXPECT_FALSE(a.subsetOf(b));
  EXPECT_TRUE(PermissionSet{}.subsetOf(b));
}

}  // namespace
}  // namespace dienhong::auth
