#include "auth/directory.hpp"

#include <gtest/gtest.h>

namespace dienhong::auth {
namespace {

using nlohmann::json;

json consoleDocument() {
  return {{"enabled", true}, {"url", "ldaps://ldap.most.gov.vn"}, {"startTls", false},
          {"caCertificate", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"},
          {"bindDn", "cn=dienhong,ou=services,dc=most,dc=gov,dc=vn"}, {"bindPassword", "bind-secret"},
          {"userBase", "ou=people,dc=most,dc=gov,dc=vn"}, {"userFilter", "(sAMAccountName={username})"},
          {"displayNameAttribute", "displayName"}, {"emailAttribute", "mail"}, {"groupBase", "ou=groups,dc=most,dc=gov,dc=vn"},
          {"groupMappings", {{{"group", "CN=Admins,OU=Groups,DC=most,DC=gov,DC=vn"}, {"role", "system_admin"}},
                             {{"group", "cn=usage,ou=groups,dc=most,dc=gov,dc=vn"}, {"role", "meeting_admin"}}}}};
}

TEST(Directory, F6_S4_1_TheConsoleDocumentIsCheckedAndTheStoredOneRoundTrips) {
  auto update = directoryUpdateFromJson(consoleDocument());
  ASSERT_TRUE(update) << update.error().message;
  EXPECT_EQ(update->bindPassword, "bind-secret");
  update->config.bindPasswordSealed = "v1.sealed";
  auto stored = directoryConfigFromJson(toJson(update->config));
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(toJson(*stored), toJson(update->config));
  const json shown = toPublicJson(*stored);
  EXPECT_FALSE(shown.contains("bindPasswordSealed"));
  EXPECT_EQ(shown["bindPasswordSet"], true);

  for (const auto& [field, value] : std::vector<std::pair<std::string, json>>{
           {"url", "http://ldap"}, {"startTls", "yes"}, {"caCertificate", "none"}, {"userFilter", "(uid=x)"},
           {"groupMappings", json::array({{{"group", "cn=x"}, {"role", "root"}}})}, {"extra", 1}}) {
    json document = consoleDocument();
    document[field] = value;
    EXPECT_FALSE(directoryUpdateFromJson(document)) << field;
  }
  json plain = consoleDocument();
  plain["url"] = "ldap://ldap.most.gov.vn";
  EXPECT_EQ(directoryUpdateFromJson(plain).error().message,
            "an ldap:// url needs startTls: credentials travel only over TLS");
  plain["startTls"] = true;
  EXPECT_TRUE(directoryUpdateFromJson(plain));
}

TEST(Directory, F6_FilterValuesAreEscaped) {
  EXPECT_EQ(escapeFilterValue("lan.nguyen"), "lan.nguyen");
  EXPECT_EQ(escapeFilterValue("*)(uid=*"), "\\2a\\29\\28uid=\\2a");
  EXPECT_EQ(escapeFilterValue(std::string("a\\b\0c", 5)), "a\\5cb\\00c");
  EXPECT_EQ(escapeFilterValue("Đức"), "Đức") << "UTF-8 passes as it is (RFC 4515 allows it)";
}

TEST(Directory, F6_TheHighestMappedGroupGivesTheRole) {
  auto config = directoryUpdateFromJson(consoleDocument())->config;
  EXPECT_EQ(roleFor(config, {}), store::Role::User);
  EXPECT_EQ(roleFor(config, {"cn=usage,ou=groups,dc=most,dc=gov,dc=vn"}), store::Role::MeetingAdmin);
  EXPECT_EQ(roleFor(config, {"cn=usage,ou=groups,dc=most,dc=gov,dc=vn", "cn=admins,ou=groups,dc=most,dc=gov,dc=vn"}),
            store::Role::SystemAdmin) << "DNs compare without regard to case";
  EXPECT_EQ(roleFor(config, {"cn=other,dc=x"}), store::Role::User);
}

}  // namespace
}  // namespace dienhong::auth
