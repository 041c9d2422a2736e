// Role, audit category and audit outcome names round-trip and unknown names are rejected.
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

TEST(RecordsTest, AuditCategoryNamesRoundTrip) {
  EXPECT_EQ(toString(AuditCategory::Access), "access");
  EXPECT_EQ(toString(AuditCategory::AdminLogin), "admin_login");
  EXPECT_EQ(toString(AuditCategory::Error), "error");
  EXPECT_EQ(toString(AuditCategory::Account), "account");
  EXPECT_EQ(toString(AuditCategory::Configuration), "configuration");
  EXPECT_EQ(toString(AuditCategory::Meeting), "meeting");
  for (AuditCategory category :
       {AuditCategory::Access, AuditCategory::AdminLogin, AuditCategory::Error,
        AuditCategory::Account, AuditCategory::Configuration, AuditCategory::Meeting}) {
    EXPECT_EQ(auditCategoryFromString(toString(category)), category);
  }
}

TEST(RecordsTest, UnknownAuditCategoryNameIsRejected) {
  EXPECT_EQ(auditCategoryFromString("login"), std::nullopt);
  EXPECT_EQ(auditCategoryFromString("Access"), std::nullopt);
  EXPECT_EQ(auditCategoryFromString("admin-login"), std::nullopt);
  EXPECT_EQ(auditCategoryFromString(""), std::nullopt);
}

TEST(RecordsTest, AuditOutcomeNamesRoundTrip) {
  EXPECT_EQ(toString(AuditOutcome::Success), "success");
  EXPECT_EQ(toString(AuditOutcome::Denied), "denied");
  EXPECT_EQ(toString(AuditOutcome::Failure), "failure");
  for (AuditOutcome outcome :
       {AuditOutcome::Success, AuditOutcome::Denied, AuditOutcome::Failure}) {
    EXPECT_EQ(auditOutcomeFromString(toString(outcome)), outcome);
  }
}

TEST(RecordsTest, UnknownAuditOutcomeNameIsRejected) {
  EXPECT_EQ(auditOutcomeFromString("ok"), std::nullopt);
  EXPECT_EQ(auditOutcomeFromString("Denied"), std::nullopt);
  EXPECT_EQ(auditOutcomeFromString(""), std::nullopt);
}

}  // namespace
}  // namespace dienhong::store::test
