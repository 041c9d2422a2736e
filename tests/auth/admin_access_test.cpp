#include "auth/admin_access.hpp"

#include <gtest/gtest.h>

namespace dienhong::auth {
namespace {

using nlohmann::json;

TEST(AdminAccess, S2_3_TheDefaultAllowsLoopbackAndPrivateNetworksOnly) {
  const AdminAccess access;
  for (const char* allowed : {"127.0.0.1", "::1", "10.1.2.3", "172.20.0.1", "192.168.1.10", "fd00::5"}) {
    EXPECT_TRUE(access.allows(allowed)) << allowed;
  }
  for (const char* refused : {"203.0.113.7", "8.8.8.8", "2001:db8::1", "172.32.0.1", "garbage"}) {
    EXPECT_FALSE(access.allows(refused)) << refused;
  }
  EXPECT_FALSE(access.port.has_value());
}

TEST(AdminAccess, S2_1_S2_3_RoundTripsAndRefusesBadDocuments) {
  auto parsed = adminAccessFromJson(json{{"allowedNetworks", {"10.8.0.0/16", "2001:db8::/32"}}, {"port", 9444}});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_TRUE(parsed->allows("10.8.1.1"));
  EXPECT_FALSE(parsed->allows("10.9.1.1"));
  EXPECT_EQ(parsed->port, 9444);
  EXPECT_EQ(toJson(*parsed), (json{{"allowedNetworks", {"10.8.0.0/16", "2001:db8::/32"}}, {"port", 9444}}));

  const std::vector<json> bad = {
      json::array(),
      json{{"allowedNetworks", json::array()}, {"port", nullptr}},
      json{{"allowedNetworks", {"10.0.0.0/33"}}, {"port", nullptr}},
      json{{"allowedNetworks", {42}}, {"port", nullptr}},
      json{{"allowedNetworks", {"10.0.0.0/8"}}},
      json{{"allowedNetworks", {"10.0.0.0/8"}}, {"port", 80}},
      json{{"allowedNetworks", {"10.0.0.0/8"}}, {"port", 65536}},
      json{{"allowedNetworks", {"10.0.0.0/8"}}, {"port", "9444"}},
      json{{"allowedNetworks", {"10.0.0.0/8"}}, {"port", nullptr}, {"extra", true}},
      json{{"allowedNetworks", std::vector<std::string>(65, "10.0.0.0/8")}, {"port", nullptr}},
  };
  for (const json& document : bad) {
    auto refused = adminAccessFromJson(document);
    ASSERT_FALSE(refused) << document.dump();
    EXPECT_EQ(refused.error().code, "invalid_setting");
  }
}

}  // namespace
}  // namespace dienhong::auth
