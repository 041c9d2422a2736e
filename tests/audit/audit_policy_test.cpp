#include "audit/audit_policy.hpp"

#include <gtest/gtest.h>

namespace dienhong::audit {
namespace {

using nlohmann::json;

// A real certificate is accepted in tests/integration/audit_syslog.test.mjs, which makes one.
json enabled(std::string certificate) {
  return {{"retentionDays", 90},
          {"syslog",
           {{"enabled", true}, {"host", "logs.most.gov.vn"}, {"port", 6514}, {"serverName", ""},
            {"caCertificate", std::move(certificate)}}}};
}

TEST(AuditPolicy, S3_2_DefaultsKeepAYearAndForwardNothing) {
  const AuditPolicy policy;
  EXPECT_EQ(policy.retentionDays, 365);
  EXPECT_FALSE(policy.syslog.enabled);
  auto parsed = auditPolicyFromJson(toJson(policy));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(toJson(*parsed), toJson(policy));
}

TEST(AuditPolicy, S3_2_ForwardingNeedsAHostAndACertificateThatParses) {
  EXPECT_EQ(auditPolicyFromJson(enabled("not a certificate")).error().message,
            "syslog.caCertificate must hold the PEM certificate of the authority that signed the log server's");
  json noHost = enabled("x");
  noHost["syslog"]["host"] = "";
  EXPECT_EQ(auditPolicyFromJson(noHost).error().message, "syslog.host must be a host name or address");
  json badHost = enabled("x");
  badHost["syslog"]["host"] = "logs; rm -rf /";
  EXPECT_FALSE(auditPolicyFromJson(badHost));
}

TEST(AuditPolicy, S4_1_RangesTypesAndUnknownMembers) {
  const std::vector<std::pair<std::string, json>> bad = {
      {"/retentionDays", 0}, {"/retentionDays", 3651}, {"/retentionDays", "30"}, {"/syslog/port", 0},
      {"/syslog/port", 70000}, {"/syslog/enabled", "yes"}, {"/syslog/extra", 1}, {"/extra", 1},
  };
  for (const auto& [pointer, value] : bad) {
    json document = toJson(AuditPolicy{});
    document[json::json_pointer(pointer)] = value;
    auto parsed = auditPolicyFromJson(document);
    ASSERT_FALSE(parsed) << pointer;
    EXPECT_EQ(parsed.error().code, "invalid_setting");
  }
}

}  // namespace
}  // namespace dienhong::audit
