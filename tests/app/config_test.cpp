#include "app/config.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace dienhong::app {
namespace {

namespace fs = std::filesystem;

class ConfigFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() / ("dh-config-" + std::to_string(::getpid()) + ".toml");
  }
  void TearDown() override { fs::remove(path_); }
  ConfigSources withFile(const std::string& text) {
    std::ofstream(path_) << text;
    ConfigSources s;
    s.file = path_.string();
    return s;
  }
  fs::path path_;
};

TEST(Config, DefaultsAreTheDocumentedPorts) {
  auto c = loadConfig({});
  ASSERT_TRUE(c);
  EXPECT_EQ(c->httpPort, 8443);
  EXPECT_EQ(c->adminPort, 8444);
}

TEST_F(ConfigFileTest, FileThenEnvironmentThenFlagsWin) {
  auto sources = withFile("[server]\nhttp_port = 9000\nadmin_port = 9001\n[log]\nlevel = \"warn\"\n");
  sources.environment["DIENHONG_SERVER_HTTP_PORT"] = "9100";
  sources.environment["DIENHONG_UNRELATED"] = "ignored";
  sources.overrides["server.admin_port"] = "9200";
  auto c = loadConfig(sources);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->httpPort, 9100);
  EXPECT_EQ(c->adminPort, 9200);
  EXPECT_EQ(c->logLevel, "warn");
}

TEST_F(ConfigFileTest, ErrorsNameKeyValueSourceAndWhatIsAllowed) {
  ConfigSources env;
  env.environment["DIENHONG_LIMITS_WEBSOCKET_PING_SECONDS"] = "0";
  auto e = loadConfig(env);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, "invalid_config");
  EXPECT_EQ(e.error().message,
            "limits.websocket_ping_seconds = \"0\" (from DIENHONG_LIMITS_WEBSOCKET_PING_SECONDS): "
            "expected an integer from 1 to 3600");

  auto moved = loadConfig(withFile("[session]\nidle_timeout_minutes = 15\n"));
  ASSERT_FALSE(moved);
  EXPECT_NE(moved.error().message.find("now part of the security policy"), std::string::npos);

  auto typed = loadConfig(withFile("[limits]\nmax_body_bytes = \"big\"\n"));
  ASSERT_FALSE(typed);
  EXPECT_NE(typed.error().message.find("line 2: limits.max_body_bytes must be an integer"),
            std::string::npos);

  auto unknown = loadConfig(withFile("[server]\nport = 1\n"));
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("unknown key 'server.port'"), std::string::npos);

  auto bare = loadConfig(withFile("http_port = 1\n"));
  ASSERT_FALSE(bare);
  EXPECT_NE(bare.error().message.find("must be a [section]"), std::string::npos);
}

TEST(Config, ValuesAreCheckedByMeaningNotOnlyType) {
  ConfigSources s;
  s.overrides["server.bind"] = "localhost; rm -rf /";
  EXPECT_FALSE(loadConfig(s));
  s.overrides = {{"storage.database_url", "mysql://x"}};
  EXPECT_FALSE(loadConfig(s));
  s.overrides = {{"storage.database_url", "postgresql://db.internal/dienhong"}};
  EXPECT_TRUE(loadConfig(s));
  s.overrides = {{"server.http_port", "12x"}};
  EXPECT_FALSE(loadConfig(s));
  s.overrides = {{"tls.certificate", "/etc/x.crt"}};
  EXPECT_FALSE(loadConfig(s)) << "certificate without key";
  s.overrides = {{"server.public_admin_url", "http://plain"}};
  EXPECT_FALSE(loadConfig(s));
  s.overrides = {{"nosuch.key", "1"}};
  EXPECT_FALSE(loadConfig(s));
}

TEST(Config, S2_1_AdminPortMustDifferFromTheUserPort) {
  ConfigSources s;
  s.overrides = {{"server.http_port", "9443"}, {"server.admin_port", "9443"}};
  auto c = loadConfig(s);
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("S2.1"), std::string::npos);
}

TEST(Config, EnvironmentNamesFollowTheKeys) {
  EXPECT_EQ(environmentName("server.http_port"), "DIENHONG_SERVER_HTTP_PORT");
  EXPECT_NE(describeKeys().find("DIENHONG_LIMITS_MAX_BODY_BYTES"), std::string::npos);
}

}  // namespace
}  // namespace dienhong::app
