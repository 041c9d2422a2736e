#include "auth/security_policy.hpp"

#include <gtest/gtest.h>

namespace dienhong::auth {
namespace {

using nlohmann::json;

Result<SecurityPolicy> withField(const std::string& pointer, json value) {
  json document = toJson(SecurityPolicy{});
  document[json::json_pointer(pointer)] = std::move(value);
  return securityPolicyFromJson(document);
}

TEST(SecurityPolicy, S1_3_S1_4_TheDefaultsRoundTrip) {
  SecurityPolicy changed;
  changed.password.minLength = 16;
  changed.password.historyCount = 10;
  changed.lockout.action = LockAction::UntilUnlocked;
  changed.session.idleMinutes = 7;
  auto parsed = securityPolicyFromJson(toJson(changed));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(toJson(*parsed), toJson(changed));
  EXPECT_EQ(parsed->lockout.action, LockAction::UntilUnlocked);
}

TEST(SecurityPolicy, S4_1_EachFieldIsCheckedAgainstItsRange) {
  const std::vector<std::pair<std::string, json>> bad = {
      {"/password/minLength", 7},          {"/password/minLength", 65},
      {"/password/minLength", "12"},       {"/password/requireDigit", 1},
      {"/password/historyCount", -1},      {"/password/historyCount", 25},
      {"/password/validDays", 3651},       {"/lockout/maxFailures", 0},
      {"/lockout/windowMinutes", 1441},    {"/lockout/action", "ban"},
      {"/lockout/lockMinutes", 0},         {"/addressFailuresPerMinute", 0},
      {"/session/idleMinutes", 0},         {"/session/absoluteHours", 2161},
      {"/session/idleMinutes", 12.5},      {"/password", json::array()},
      {"/proofOfWork/afterFailures", 0},   {"/proofOfWork/bits", 7},
      {"/proofOfWork/bits", 25},           {"/proofOfWork", 3},
  };
  for (const auto& [pointer, value] : bad) {
    auto parsed = withField(pointer, value);
    ASSERT_FALSE(parsed) << pointer << " = " << value.dump();
    EXPECT_EQ(parsed.error().code, "invalid_policy");
  }
  EXPECT_EQ(withField("/lockout/maxFailures", 0).error().message, "lockout.maxFailures must be an integer from 1 to 100");
}

TEST(SecurityPolicy, S4_1_MissingAndUnknownFieldsAreRefused) {
  json missing = toJson(SecurityPolicy{});
  missing["password"].erase("validDays");
  EXPECT_EQ(securityPolicyFromJson(missing).error().message, "password.validDays is missing");

  json unknown = toJson(SecurityPolicy{});
  unknown["lockout"]["maxFailure"] = 3;  // a typo must not leave maxFailures as it was
  EXPECT_EQ(securityPolicyFromJson(unknown).error().message, "lockout has a field that is not a policy field");
  EXPECT_FALSE(securityPolicyFromJson(json::array()));
  EXPECT_FALSE(securityPolicyFromJson(json(nullptr)));
}

TEST(SecurityPolicy, S1_3_TheChangeIntervalMustComeBeforeExpiry) {
  json document = toJson(SecurityPolicy{});
  document["password"]["changeAfterDays"] = 90;
  document["password"]["validDays"] = 90;
  EXPECT_EQ(securityPolicyFromJson(document).error().message, "password.changeAfterDays must be shorter than password.validDays");
  document["password"]["validDays"] = 0;  // never expires: any interval will do
  EXPECT_TRUE(securityPolicyFromJson(document));
}

}  // namespace
}  // namespace dienhong::auth
