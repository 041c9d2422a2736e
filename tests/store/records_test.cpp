// Role names round-trip and unknown names are rejected.
#include "store/records.hpp"

#include <gtest/gtest.h>

namespace dienhong::store::test {
namespace {

TEST(RecordsTest, RoleNamesRoundTrip) {
  EXPECT_EQ(toString(Role::User), "user");
  EXPECT_EQ(toString(Role::MeetingAdmin), "meeting_admin");
  EXPECT_EQ(toString(Role::SystemAdmin), "system_admin");
  for (Role role : {Role::User, Role::MeetingAdmin, Role::SystemAdmin}) {
    EXPECT_EQ(roleFromString(toString(role)), role);
  }
}

TEST(RecordsTest, UnknownRoleNameIsRejected) {
  EXPECT_EQ(roleFromString("admin"), std::nullopt);
  EXPECT_EQ(roleFromString("User"), std::nullopt);
  EXPECT_EQ(roleFromString(""), std::nullopt);
}

}  // namespace
}  // namespace dienhong::store::test
