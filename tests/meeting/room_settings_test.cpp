#include "meeting/room_settings.hpp"

#include <gtest/gtest.h>

namespace dienhong::meeting {
namespace {

using nlohmann::json;

constexpr int64_t kNow = 1'800'000'000'000;

store::Room baseRoom() {
  store::Room room;
  room.id = "482915306";
  room.title = "Giao ban";
  room.maxParticipants = 100;
  return room;
}

TEST(RoomSettings, A1_SettingsApplyAllOrNothing) {
  auto next = withRoomSettings(json{{"locked", true}, {"maxParticipants", 40}, {"title", "  Họp quý  "}}, baseRoom(), {});
  ASSERT_TRUE(next);
  EXPECT_TRUE(next->locked);
  EXPECT_EQ(next->maxParticipants, 40);
  EXPECT_EQ(next->title, "Họp quý");
  for (const json& bad : {json{{"locked", "yes"}}, json{{"maxParticipants", 1}}, json{{"maxParticipants", 1001}},
                          json{{"title", "   "}}, json{{"owner", "u2"}}, json::array()}) {
    auto refused = withRoomSettings(bad, baseRoom(), {});
    ASSERT_FALSE(refused) << bad.dump();
    EXPECT_EQ(refused.error().code, "invalid_settings");
  }
}

TEST(RoomSettings, A1_PasswordsAreHashedByTheCallerAndHashesComeOnlyWhereAccepted) {
  RoomSettingsRules inMeeting;
  inMeeting.acceptPasswordHash = true;
  RoomSettingsRules rest;
  rest.hashPassword = [](std::string_view p) { return Result<std::string>("hash:" + std::string(p)); };
  auto hashed = withRoomSettings(json{{"password", "hop-kin"}}, baseRoom(), rest);
  ASSERT_TRUE(hashed);
  EXPECT_EQ(hashed->passwordHash, "hash:hop-kin");
  EXPECT_FALSE(withRoomSettings(json{{"password", "abc"}}, baseRoom(), rest)) << "shorter than 4 bytes";
  EXPECT_FALSE(withRoomSettings(json{{"passwordHash", "$argon2id$x"}}, baseRoom(), rest)) << "REST takes no hash";
  EXPECT_FALSE(withRoomSettings(json{{"password", "hop-kin"}}, baseRoom(), inMeeting))
      << "the meeting takes no clear password";
  auto cleared = withRoomSettings(json{{"passwordHash", nullptr}}, hashed.value(), inMeeting);
  ASSERT_TRUE(cleared);
  EXPECT_FALSE(cleared->passwordHash.has_value());
}

TEST(RoomSettings, F4_ScheduledTimesOnlyWhereAllowedAndWithinFiveYears) {
  RoomSettingsRules rules;
  rules.nowMs = kNow;
  rules.allowSchedule = true;
  auto scheduled = withRoomSettings(json{{"scheduledAt", kNow + 3'600'000}}, baseRoom(), rules);
  ASSERT_TRUE(scheduled);
  EXPECT_EQ(scheduled->scheduledAtMs, kNow + 3'600'000);
  EXPECT_FALSE(withRoomSettings(json{{"scheduledAt", kNow + 6LL * 365 * 24 * 3600 * 1000}}, baseRoom(), rules));
  RoomSettingsRules inMeeting;
  inMeeting.nowMs = kNow;
  EXPECT_FALSE(withRoomSettings(json{{"scheduledAt", kNow}}, baseRoom(), inMeeting)) << "not during a meeting";
}

}  // namespace
}  // namespace dienhong::meeting
