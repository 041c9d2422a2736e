#include "signaling/message_fields.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace dienhong::signaling {
namespace {

using nlohmann::json;

TEST(MessageFields, F4_RoomCodesAreNineDigitsHoweverTheyWereTyped) {
  EXPECT_EQ(readRoomCode(json{{"roomId", "482915306"}}).value(), "482915306");
  EXPECT_EQ(readRoomCode(json{{"roomId", "482 915 306"}}).value(), "482915306");
  EXPECT_EQ(readRoomCode(json{{"roomId", "482-915-306"}}).value(), "482915306");
  for (const json& bad : {json{{"roomId", "48291530"}}, json{{"roomId", "4829153061"}}, json{{"roomId", "082915306"}},
                          json{{"roomId", "phong-hop-1"}}, json{{"roomId", "<script>"}}, json{{"roomId", 482915306}},
                          json{{"roomId", std::string(65, '1')}}, json::object()}) {
    EXPECT_EQ(readRoomCode(bad).error().code, "invalid_room") << bad.dump();
  }
}

TEST(MessageFields, S4_1_OptionalSecretsAreBoundedStrings) {
  EXPECT_FALSE(readOptionalSecret(json::object(), "password").value().has_value());
  EXPECT_EQ(*readOptionalSecret(json{{"password", "mat-khau"}}, "password").value(), "mat-khau");
  for (const json& bad : {json{{"password", ""}}, json{{"password", std::string(257, 'x')}}, json{{"password", 5}}}) {
    EXPECT_EQ(readOptionalSecret(bad, "password").error().code, "invalid_message") << bad.dump();
  }
}

TEST(MessageFields, F5_ChairActionsAreParsedStrictly) {
  auto mute = readModeration(json{{"action", "muteAll"}, {"lock", true}});
  ASSERT_TRUE(mute);
  EXPECT_EQ(mute->kind, meeting::ModerationAction::Kind::MuteAll);
  EXPECT_TRUE(mute->flag);
  auto remove = readModeration(json{{"action", "remove"}, {"target", "p1"}, {"ban", true}});
  ASSERT_TRUE(remove);
  EXPECT_EQ(remove->target, "p1");
  EXPECT_TRUE(remove->flag);
  for (const json& bad : {json{{"action", "explode"}}, json::object(), json{{"action", "setRole"}, {"role", "king"}},
                          json{{"action", "setPermissions"}, {"permissions", {{"shareContent", "yes"}}}},
                          json{{"action", "updateSettings"}, {"settings", {{"passwordHash", "$argon2id$..."}}}},
                          json{{"action", "updateSettings"}, {"settings", {{"password", "abc"}}}},
                          json{{"action", "setPriority"}, {"order", "p1"}}}) {
    EXPECT_EQ(readModeration(bad).error().code, "invalid_message") << bad.dump();
  }
}

TEST(MessageFields, PublishSourcesNameWhatEachMidCarries) {
  auto sources = readSources(json{{"sources", {{"0", "microphone"}, {"2", "screen"}}}});
  ASSERT_TRUE(sources);
  ASSERT_EQ(sources->size(), 2u);
  EXPECT_TRUE(readSources(json::object()).value().empty());
  EXPECT_FALSE(readSources(json{{"sources", {{"0", "projector"}}}}));
  EXPECT_FALSE(readSources(json{{"sources", json::array()}}));
}

TEST(MessageFields, S4_1_DisplayNamesAreTrimmedTextOfAtMost64Characters) {
  EXPECT_EQ(readDisplayName(json{{"displayName", "  Nguyễn Văn An "}}).value(), "Nguyễn Văn An");
  std::string vietnamese64;
  for (int i = 0; i < 64; ++i) vietnamese64 += "ệ";
  EXPECT_TRUE(readDisplayName(json{{"displayName", vietnamese64}}));
  for (const std::string& bad : {std::string(""), std::string("   "), std::string(65, 'x'), std::string("a\x07"),
                                std::string("\xC0\xAF"), std::string("\xED\xA0\x80"), std::string("\xFF")}) {
    EXPECT_EQ(readDisplayName(json{{"displayName", bad}}).error().code, "invalid_name") << bad;
  }
}

TEST(MessageFields, S4_1_SdpIsBoundedText) {
  EXPECT_TRUE(readSdp(json{{"sdp", "v=0\r\n"}}));
  EXPECT_EQ(readSdp(json{{"sdp", std::string(kMaxSdpBytes + 1, 'a')}}).error().code, "invalid_sdp");
  EXPECT_EQ(readSdp(json{{"sdp", 5}}).error().code, "invalid_sdp");
}

TEST(MessageFields, S4_1_TilesAreCheckedOneByOne) {
  auto tiles = readTiles(json::parse(R"({"tiles":[{"mid":"0","width":1280,"height":720}]})"));
  ASSERT_TRUE(tiles);
  EXPECT_EQ(tiles->at(0).width, 1280u);
  for (const char* bad : {R"({"tiles":"all"})", R"({"tiles":[{"mid":"0","width":-1,"height":2}]})",
                          R"({"tiles":[{"mid":"","width":1,"height":2}]})", R"({"tiles":[{"width":1,"height":2}]})",
                          R"({"tiles":[{"mid":"0","width":99999,"height":2}]})", R"({"tiles":[5]})"}) {
    EXPECT_EQ(readTiles(json::parse(bad)).error().code, "invalid_message") << bad;
  }
  json many = {{"tiles", json::array()}};
  for (size_t i = 0; i <= kMaxTiles; ++i) many["tiles"].push_back({{"mid", "0"}, {"width", 1}, {"height", 1}});
  EXPECT_FALSE(readTiles(many));
}

TEST(MessageFields, VersionsAndRequestIds) {
  EXPECT_EQ(readUnsigned(json{{"version", 3}}, "version").value(), 3u);
  EXPECT_FALSE(readUnsigned(json{{"version", -1}}, "version"));
  EXPECT_FALSE(readUnsigned(json{{"version", "3"}}, "version"));
  EXPECT_EQ(readRequestId(json{{"requestId", 9}}), 9);
  EXPECT_FALSE(readRequestId(json{{"requestId", "9"}}));
}

}  // namespace
}  // namespace dienhong::signaling
