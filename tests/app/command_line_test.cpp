#include "app/command_line.hpp"

#include <gtest/gtest.h>

namespace dienhong::app {
namespace {

TEST(CommandLine, FlagsMapOntoConfigurationKeys) {
  const char* argv[] = {"dienhong", "serve", "--data-dir", "/srv/dh", "--http-port=9443",
                        "--set", "log.level=debug", "--config", "/etc/dh.toml"};
  auto line = parseCommandLine(9, argv);
  ASSERT_TRUE(line) << line.error().message;
  EXPECT_EQ(line->words, std::vector<std::string>{"serve"});
  EXPECT_EQ(line->config.overrides.at("storage.data_dir"), "/srv/dh");
  EXPECT_EQ(line->config.overrides.at("server.http_port"), "9443");
  EXPECT_EQ(line->config.overrides.at("log.level"), "debug");
  EXPECT_EQ(line->config.file, "/etc/dh.toml");
}

TEST(CommandLine, BadUsageIsAnErrorNamingTheArgument) {
  const char* unknown[] = {"dienhong", "serve", "--frobnicate", "1"};
  auto a = parseCommandLine(4, unknown);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, "usage");
  EXPECT_NE(a.error().message.find("--frobnicate"), std::string::npos);
  const char* missing[] = {"dienhong", "serve", "--http-port"};
  EXPECT_FALSE(parseCommandLine(3, missing));
  const char* badSet[] = {"dienhong", "serve", "--set", "novalue"};
  EXPECT_FALSE(parseCommandLine(4, badSet));
}

TEST(CommandLine, PositionalWordsKeepTheirOrder) {
  const char* argv[] = {"dienhong", "admin", "reset-password", "alice", "--data-dir", "d"};
  auto line = parseCommandLine(6, argv);
  ASSERT_TRUE(line);
  EXPECT_EQ(line->words, (std::vector<std::string>{"admin", "reset-password", "alice"}));
}

}  // namespace
}  // namespace dienhong::app
