#include "signaling/message_fields.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace dienhong::signaling {
namespace {

using nlohmann::json;

TEST(MessageFields, S4_1_RoomIdsAreShortAndPlain) {
  EXPECT_EQ(readRoomId(json{{"roomId", "phong-hop-1"}}).value(), "phong-hop-1");
  for (const json& bad : {json{{"roomId", "ab"}}, json{{"roomId", std::string(65, 'a')}}, json{{"roomId", "a b c"}},
                          json{{"roomId", "<script>"}}, json{{"roomId", 123}}, json::object()}) {
    EXPECT_EQ(readRoomId(bad).error().code, "invalid_room") << bad.dump();
  }
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
