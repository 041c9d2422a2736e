// What a participant does for themselves: media state, raised hand, display name (F5, F6, A1)
// and chat (A6).
#include <gtest/gtest.h>

#include "meeting_test_support.hpp"

namespace dienhong::meeting {
namespace {

using namespace test_support;
using nlohmann::json;

class MeetingSelfService : public MeetingFixture {
 protected:
  MeetingSelfService() : MeetingFixture(restrictedRoom()) {}
  static store::Room restrictedRoom() {
    store::Room room = baseRoom();
    room.allowGuests = true;
    room.mayShareContent = false;
    return room;
  }
  Result<void> say(std::string_view who, const std::string& text, int64_t at = kNow) {
    out = {};
    return meeting.chat(who, text, at, out);
  }
};

TEST_F(MeetingSelfService, A1_SharingTheScreenNeedsThePermission) {
  EXPECT_FALSE(meeting.mayPublish("p1", MediaSource::Screen));
  EXPECT_TRUE(meeting.mayPublish("p1", MediaSource::Microphone));
  EXPECT_TRUE(meeting.mayPublish("p1", MediaSource::Camera));
  const Result<void> r = meeting.setMediaState("p1", MediaSource::Screen, true, out);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "forbidden");
  EXPECT_FALSE(m("p1").screenOn);
  EXPECT_TRUE(out.deliveries.empty());
  EXPECT_TRUE(out.media.empty());

  // Chairs may; so may someone granted the permission.
  EXPECT_TRUE(meeting.mayPublish("chair", MediaSource::Screen));
  EXPECT_TRUE(meeting.setMediaState("chair", MediaSource::Screen, true, out));
  ModerationAction grant = action(K::SetPermissions, "p1");
  grant.permissions.shareContent = true;
  ASSERT_TRUE(meeting.moderate("chair", grant, out));
  EXPECT_TRUE(meeting.setMediaState("p1", MediaSource::Screen, true, out));
  EXPECT_TRUE(m("p1").screenOn);

  EXPECT_FALSE(meeting.mayPublish("nobody", MediaSource::Microphone));
}

TEST_F(MeetingSelfService, F5_MediaStateIsAnnouncedAndOnlyForMembers) {
  ASSERT_TRUE(meeting.setMediaState("p1", MediaSource::Camera, true, out));
  EXPECT_TRUE(m("p1").cameraOn);
  ASSERT_EQ(updatesAbout(out, "p1").size(), 1u);
  EXPECT_EQ(updatesAbout(out, "p1")[0]["camera"], true);

  Outcome same;
  ASSERT_TRUE(meeting.setMediaState("p1", MediaSource::Camera, true, same));  // no change: nothing to say
  EXPECT_TRUE(same.deliveries.empty());
  EXPECT_TRUE(same.media.empty());

  Outcome off;
  ASSERT_TRUE(meeting.setMediaState("p1", MediaSource::Camera, false, off));
  EXPECT_FALSE(m("p1").cameraOn);
  EXPECT_TRUE(off.media.empty());  // turning off needs no media command
  EXPECT_EQ(updatesAbout(off, "p1").size(), 1u);

  EXPECT_EQ(meeting.setMediaState("nobody", MediaSource::Camera, true, off).error().code, "not_joined");
  EXPECT_EQ(meeting.raiseHand("nobody", true, off).error().code, "not_joined");
  EXPECT_EQ(meeting.rename("nobody", "Lan", off).error().code, "not_joined");
  EXPECT_EQ(meeting.chat("nobody", "xin chào", kNow, off).error().code, "not_joined");
}

TEST_F(MeetingSelfService, F5_TurningAStoppedSourceBackOnUnblocksIt) {
  for (MediaSource source : {MediaSource::Microphone, MediaSource::Camera}) {
    ASSERT_TRUE(meeting.setMediaState("p1", source, true, out));
    ModerationAction stop = action(source == MediaSource::Microphone ? K::Mute : K::StopCamera, "p1");
    Outcome stopped;
    ASSERT_TRUE(meeting.moderate("chair", stop, stopped));
    EXPECT_EQ(countMedia(stopped, MediaCommand::Kind::Block, "p1", source), 1u);

    Outcome again;
    ASSERT_TRUE(meeting.setMediaState("p1", source, true, again));
    EXPECT_EQ(countMedia(again, MediaCommand::Kind::Unblock, "p1", source), 1u) << toString(source);
    EXPECT_EQ(again.media.size(), 1u);
    EXPECT_EQ(updatesAbout(again, "p1").size(), 1u);
  }
}

TEST_F(MeetingSelfService, F6_RaisingAHandTogglesAndIsAnnounced) {
  ASSERT_TRUE(meeting.raiseHand("p1", true, out));
  EXPECT_TRUE(m("p1").handRaised);
  auto updates = updatesAbout(out, "p1");
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0]["handRaised"], true);

  Outcome again;
  ASSERT_TRUE(meeting.raiseHand("p1", true, again));
  EXPECT_TRUE(again.deliveries.empty());

  Outcome lowered;
  ASSERT_TRUE(meeting.raiseHand("p1", false, lowered));
  EXPECT_FALSE(m("p1").handRaised);
  updates = updatesAbout(lowered, "p1");
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0]["handRaised"], false);
}

TEST_F(MeetingSelfService, F6_ParticipantsRenameThemselvesWithinTheRules) {
  ASSERT_TRUE(meeting.rename("p1", "\tTrần Văn Bình ", out));
  EXPECT_EQ(m("p1").displayName, "Trần Văn Bình");
  EXPECT_EQ(updatesAbout(out, "p1").at(0)["displayName"], "Trần Văn Bình");
  Outcome bad;
  EXPECT_EQ(meeting.rename("p1", " ", bad).error().code, "invalid_name");
  EXPECT_EQ(meeting.rename("p1", std::string(65, 'b'), bad).error().code, "invalid_name");
  EXPECT_TRUE(bad.deliveries.empty());
  EXPECT_EQ(m("p1").displayName, "Trần Văn Bình");
}

TEST_F(MeetingSelfService, A6_AChatLineIsTrimmedAndCarriedInTheOutcome) {
  ASSERT_TRUE(say("p1", "  xin chào mọi người \n"));
  ASSERT_TRUE(out.chat.has_value());
  EXPECT_EQ(out.chat->text, "xin chào mọi người");
  EXPECT_EQ(out.chat->participantId, "p1");
  EXPECT_EQ(out.chat->displayName, nameOf("p1"));
  EXPECT_EQ(out.chat->userId, std::optional<std::string>("u1"));
  EXPECT_EQ(out.chat->sentAtMs, kNow);

  ASSERT_TRUE(say("p1", "dòng một\ndòng hai\n\tthụt lề"));  // line breaks and tabs inside are kept
  EXPECT_EQ(out.chat->text, "dòng một\ndòng hai\n\tthụt lề");

  enter(meeting, guestAt("203.0.113.9"), "g1");
  ASSERT_TRUE(say("g1", "chào"));
  EXPECT_EQ(out.chat->userId, std::nullopt);
}

TEST_F(MeetingSelfService, A6_EmptyOverlongAndControlCharacterChatIsRejected) {
  std::string longest;
  for (size_t i = 0; i < kMaxChatCharacters; ++i) longest += "ơ";  // 2000 characters, 4000 bytes
  for (const std::string& bad : {std::string(), std::string("   "), std::string(" \n\t \n"),
                                 std::string(kMaxChatCharacters + 1, 'x'), longest + "!", std::string("bíp\x07"),
                                 std::string("a\x1b[31mđỏ"), std::string("\xc3\x28"), std::string("x\x7fy"),
                                 std::string("a\0b", 3)}) {
    const Result<void> r = say("p1", bad);
    ASSERT_FALSE(r) << bad.size();
    EXPECT_EQ(r.error().code, "invalid_chat");
    EXPECT_FALSE(out.chat.has_value());
  }
  ASSERT_TRUE(say("p1", longest));
  EXPECT_EQ(out.chat->text, longest);
  ASSERT_TRUE(say("p1", std::string(kMaxChatCharacters, 'x')));
}

TEST_F(MeetingSelfService, A6_ChatIsRateLimitedPerParticipant) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(say("p1", "tin " + std::to_string(i), kNow + i * 100)) << i;
  const Result<void> limited = say("p1", "một tin nữa", kNow + 1000);
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().code, "chat_rate_limited");
  EXPECT_FALSE(out.chat.has_value());
  EXPECT_EQ(say("p1", "vẫn chưa", kNow + 9999).error().code, "chat_rate_limited");

  // Someone else is not held back.
  EXPECT_TRUE(say("p2", "tôi thì được", kNow + 1000));

  // Refused messages do not count: once the first is ten seconds old there is room for one.
  EXPECT_TRUE(say("p1", "giờ thì được", kNow + 10'000));
  EXPECT_EQ(say("p1", "nhưng chỉ một", kNow + 10'050).error().code, "chat_rate_limited");
  EXPECT_TRUE(say("p1", "lại được", kNow + 10'100));

  // Invalid messages do not use up the allowance either.
  for (int i = 0; i < 20; ++i) EXPECT_FALSE(say("p2", "", kNow + 2000));
  for (int i = 0; i < 9; ++i) EXPECT_TRUE(say("p2", "ok", kNow + 2000)) << i;
  EXPECT_EQ(say("p2", "quá", kNow + 2000).error().code, "chat_rate_limited");
}

}  // namespace
}  // namespace dienhong::meeting
