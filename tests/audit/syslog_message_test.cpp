#include "audit/syslog_message.hpp"

#include <gtest/gtest.h>

namespace dienhong::audit {
namespace {

store::AuditEvent sample() {
  store::AuditEvent event;
  event.id = "019abc";
  event.atMs = 1'795'000'000'123;  // 2026-11-18T11:06:40.123Z
  event.category = store::AuditCategory::AdminLogin;
  event.actor = "u-1";
  event.sourceAddress = "192.0.2.4";
  event.action = "auth.login";
  event.target = "user:admin";
  event.outcome = store::AuditOutcome::Denied;
  event.detail = "sai mật khẩu";
  return event;
}

TEST(SyslogMessage, S3_2_IsRfc5424WithTheEntryAsStructuredData) {
  const std::string message = syslogMessage(sample(), "meet.most.gov.vn", 42);
  EXPECT_EQ(message,
            "<108>1 2026-11-18T11:06:40.123Z meet.most.gov.vn dienhong 42 auth.login "
            "[dienhong@32473 id=\"019abc\" category=\"admin_login\" actor=\"u-1\" source=\"192.0.2.4\" "
            "action=\"auth.login\" target=\"user:admin\" outcome=\"denied\"] \xEF\xBB\xBFsai mật khẩu");
  store::AuditEvent success = sample();
  success.outcome = store::AuditOutcome::Success;
  success.detail.clear();
  const std::string quiet = syslogMessage(success, "h", 1);
  EXPECT_EQ(quiet.substr(0, 5), "<110>") << "log audit (13) × 8 + informational (6)";
  EXPECT_EQ(quiet.back(), ']') << "no detail: no message part";
}

TEST(SyslogMessage, S3_2_EscapesParameterValuesAndCleansHeaderFields) {
  store::AuditEvent event = sample();
  event.target = R"(room "A" [x]\y)";
  event.action = "has space and a very long name beyond thirty-two characters";
  const std::string message = syslogMessage(event, "bad host", 7);
  EXPECT_NE(message.find(R"(target="room \"A\" [x\]\\y")"), std::string::npos) << message;
  EXPECT_NE(message.find(" bad_host dienhong 7 has_space_and_a_very_long_name_b "), std::string::npos) << message;
}

TEST(SyslogMessage, S3_2_FramesByOctetCounting) {
  const std::string message = syslogMessage(sample(), "h", 1);
  const std::string frame = syslogFrame(sample(), "h", 1);
  EXPECT_EQ(frame, std::to_string(message.size()) + " " + message) << "RFC 5425: length in bytes, not characters";
}

}  // namespace
}  // namespace dienhong::audit
