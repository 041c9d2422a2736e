// The chair's actions (F5), roles and permissions (A1), the display-priority order (A3) and room
// settings. Everything is decided on the server: a non-chair can do none of it.
#include <gtest/gtest.h>

#include "meeting_test_support.hpp"

namespace dienhong::meeting {
namespace {

using namespace test_support;
using nlohmann::json;

class MeetingModeration : public MeetingFixture {
 protected:
  void turnOn(std::string_view id, MediaSource source) {
    Outcome o;
    ASSERT_TRUE(meeting.setMediaState(id, source, true, o)) << id << ' ' << toString(source);
  }
  const Delivery* moderatedTo(std::string_view id, std::string_view what) const {
    for (const auto* d : ofType(out, "moderated")) {
      if (d->to == Delivery::To::One && d->id == id && d->message["action"] == what) return d;
    }
    return nullptr;
  }
  static ModerationAction settings(json s) {
    ModerationAction a = action(K::UpdateSettings);
    a.settings = std::move(s);
    return a;
  }
};

TEST_F(MeetingModeration, F5_EveryChairActionByANonChairIsForbiddenAndChangesNothing) {
  const std::string waiting = knock(account("u9"));
  turnOn("p2", MediaSource::Microphone);
  turnOn("p2", MediaSource::Screen);
  Outcome raised;
  ASSERT_TRUE(meeting.raiseHand("p2", true, raised));

  for (int k = 0; k <= static_cast<int>(K::End); ++k) {
    const auto kind = static_cast<K>(k);
    ModerationAction a = action(kind, kind == K::Admit || kind == K::Reject ? waiting : "p2");
    a.flag = true;
    a.role = Role::Chair;
    a.permissions = {false, true, true};
    a.name = "Đổi tên";
    a.order = {"p1", "chair"};
    a.settings = {{"locked", true}};
    if (kind == K::Remove || kind == K::SetRole) a.target = "chair";
    const Result<void> r = moderate(a, "p1");
    ASSERT_FALSE(r) << toString(kind);
    EXPECT_EQ(r.error().code, "forbidden") << toString(kind);
    EXPECT_TRUE(out.deliveries.empty()) << toString(kind);
    EXPECT_TRUE(out.media.empty()) << toString(kind);
    EXPECT_TRUE(out.admitted.empty()) << toString(kind);
    EXPECT_FALSE(out.roomChanged) << toString(kind);
    EXPECT_FALSE(out.ended) << toString(kind);
  }
  EXPECT_EQ(meeting.lobby().size(), 1u);
  EXPECT_FALSE(meeting.room().locked);
  EXPECT_TRUE(m("p2").microphoneOn);
  EXPECT_TRUE(m("p2").screenOn);
  EXPECT_TRUE(m("p2").handRaised);
  EXPECT_FALSE(m("p2").microphoneLocked);
  EXPECT_EQ(m("p2").displayName, nameOf("p2"));
  EXPECT_EQ(m("p2").role, Role::Participant);
  EXPECT_EQ(m("p1").role, Role::Participant);
  EXPECT_EQ(m("p2").permissions, (Permissions{true, false, false}));
  EXPECT_EQ(tryAdmit(meeting, request(account("u2"))).kind, Admission::Kind::Enter);  // nobody was banned
}

TEST_F(MeetingModeration, F5_OnlyMembersMayActAndOnlyOnMembers) {
  const Result<void> stranger = moderate(action(K::Mute, "p1"), "nobody");
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, "not_joined");
  for (K kind : {K::Mute, K::AskUnmute, K::StopCamera, K::Remove, K::SetRole, K::Rename, K::LowerHand}) {
    const Result<void> r = moderate(action(kind, "ghost"));
    ASSERT_FALSE(r) << toString(kind);
    EXPECT_EQ(r.error().code, "unknown_participant") << toString(kind);
    EXPECT_TRUE(out.media.empty());
  }
  for (K kind : {K::Admit, K::Reject}) {
    const Result<void> r = moderate(action(kind, "l999"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "unknown_participant");
  }
}

TEST_F(MeetingModeration, F5_MuteBlocksTheMicrophoneAndTellsTheTarget) {
  turnOn("p1", MediaSource::Microphone);
  ASSERT_TRUE(moderate(action(K::Mute, "p1")));
  EXPECT_EQ(countMedia(out, MediaCommand::Kind::Block, "p1", MediaSource::Microphone), 1u);
  EXPECT_EQ(out.media.size(), 1u);
  EXPECT_FALSE(m("p1").microphoneOn);
  const Delivery* told = moderatedTo("p1", "mute");
  ASSERT_NE(told, nullptr);
  EXPECT_EQ(told->message["by"], nameOf("chair"));
  const auto updates = updatesAbout(out, "p1");
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0]["microphone"], false);

  // A plain mute is not a lock: the participant may speak again.
  Outcome again;
  EXPECT_TRUE(meeting.setMediaState("p1", MediaSource::Microphone, true, again));
  EXPECT_EQ(countMedia(again, MediaCommand::Kind::Unblock, "p1", MediaSource::Microphone), 1u);
}

TEST_F(MeetingModeration, F5_MuteAllWithLockKeepsEveryoneButChairsMutedUntilAllowed) {
  for (const char* id : {"chair", "p1", "p2"}) turnOn(id, MediaSource::Microphone);
  ModerationAction muteAll = action(K::MuteAll);
  muteAll.flag = true;
  ASSERT_TRUE(moderate(muteAll));
  EXPECT_EQ(countMedia(out, MediaCommand::Kind::Block, "p1", MediaSource::Microphone), 1u);
  EXPECT_EQ(countMedia(out, MediaCommand::Kind::Block, "p2", MediaSource::Microphone), 1u);
  EXPECT_EQ(countMedia(out, MediaCommand::Kind::Block, "chair", MediaSource::Microphone), 0u);
  EXPECT_TRUE(m("chair").microphoneOn);
  for (const char* id : {"p1", "p2"}) {
    EXPECT_FALSE(m(id).microphoneOn) << id;
    EXPECT_TRUE(m(id).microphoneLocked) << id;
    ASSERT_EQ(updatesAbout(out, id).size(), 1u) << id;
    EXPECT_EQ(updatesAbout(out, id)[0]["microphoneLocked"], true);
  }
  const Delivery* told = firstOfType(out, "moderated");
  ASSERT_NE(told, nullptr);
  EXPECT_EQ(told->to, Delivery::To::Everyone);
  EXPECT_EQ(told->message["action"], "muteAll");
  EXPECT_EQ(told->message["locked"], true);

  Outcome tried;
  const Result<void> unmute = meeting.setMediaState("p1", MediaSource::Microphone, true, tried);
  ASSERT_FALSE(unmute);
  EXPECT_EQ(unmute.error().code, "unmute_not_allowed");
  EXPECT_TRUE(tried.media.empty());
  EXPECT_TRUE(tried.deliveries.empty());
  EXPECT_TRUE(meeting.setMediaState("p1", MediaSource::Camera, true, tried));  // only the microphone is locked

  // Someone joining now is locked too.
  const json joined = enter(meeting, account("u3"), "p3");
  EXPECT_EQ(joined["microphoneLocked"], true);
  EXPECT_EQ(joined["startMuted"], true);

  ASSERT_TRUE(moderate(action(K::AllowUnmute)));
  for (const char* id : {"p1", "p2", "p3"}) EXPECT_FALSE(m(id).microphoneLocked) << id;
  Outcome unmuted;
  ASSERT_TRUE(meeting.setMediaState("p1", MediaSource::Microphone, true, unmuted));
  EXPECT_EQ(countMedia(unmuted, MediaCommand::Kind::Unblock, "p1", MediaSource::Microphone), 1u);
  EXPECT_EQ(enter(meeting, account("u4"), "p4")["microphoneLocked"], false);
}

TEST_F(MeetingModeration, F5_MuteAllWithoutLockLetsPeopleUnmute) {
  turnOn("p1", MediaSource::Microphone);
  ASSERT_TRUE(moderate(action(K::MuteAll)));
  EXPECT_EQ(countMedia(out, MediaCommand::Kind::Block, "p1", MediaSource::Microphone), 1u);
  EXPECT_FALSE(m("p1").microphoneLocked);
  Outcome o;
  EXPECT_TRUE(meeting.setMediaState("p1", MediaSource::Microphone, true, o));
}

TEST_F(MeetingModeration, F5_AskUnmuteLiftsTheLockForOneWithoutOpeningTheMicrophone) {
  ModerationAction muteAll = action(K::MuteAll);
  muteAll.flag = true;
  ASSERT_TRUE(moderate(muteAll));
  ASSERT_TRUE(moderate(action(K::AskUnmute, "p1")));
  EXPECT_FALSE(m("p1").microphoneLocked);
  EXPECT_FALSE(m("p1").microphoneOn);  // the participant decides
  EXPECT_TRUE(out.media.empty());
  EXPECT_NE(moderatedTo("p1", "askUnmute"), nullptr);
  EXPECT_TRUE(m("p2").microphoneLocked);

  Outcome o;
  EXPECT_TRUE(meeting.setMediaState("p1", MediaSource::Microphone, true, o));
  EXPECT_EQ(meeting.setMediaState("p2", MediaSource::Microphone, true, o).error().code, "unmute_not_allowed");

  ASSERT_TRUE(moderate(action(K::AllowUnmute, "p2")));  // allowing one by name
  EXPECT_FALSE(m("p2").microphoneLocked);
  EXPECT_NE(moderatedTo("p2", "allowUnmute"), nullptr);
}

TEST_F(MeetingModeration, F5_StopCameraAndStopScreenBlockThoseSources) {
  turnOn("p1", MediaSource::Camera);
  turnOn("p1", MediaSource::Screen);
  turnOn("p1", MediaSource::Microphone);

  ASSERT_TRUE(moderate(action(K::StopCamera, "p1")));
  EXPECT_EQ(countMedia(out, MediaCommand::Kind::Block, "p1", MediaSource::Camera), 1u);
  EXPECT_EQ(out.media.size(), 1u);
  EXPECT_FALSE(m("p1").cameraOn);
  EXPECT_TRUE(m("p1").screenOn);
  EXPECT_NE(moderatedTo("p1", "stopCamera"), nullptr);
  EXPECT_EQ(updatesAbout(out, "p1").size(), 1u);

  ASSERT_TRUE(moderate(action(K::StopScreen, "p1")));
  EXPECT_EQ(countMedia(out, MediaCommand::Kind::Block, "p1", MediaSource::Screen), 1u);
  EXPECT_EQ(out.media.size(), 1u);
  EXPECT_FALSE(m("p1").screenOn);
  EXPECT_TRUE(m("p1").microphoneOn);
  EXPECT_NE(moderatedTo("p1", "stopScreen"), nullptr);
}

TEST_F(MeetingModeration, F5_RemoveTakesTheParticipantOutWithoutBarringThem) {
  ASSERT_TRUE(moderate(action(K::Remove, "p1")));
  const MediaCommand* gone = removal(out, "p1");
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->reason, "removed");
  EXPECT_EQ(out.media.size(), 1u);
  meeting.removeMember("p1", out);
  EXPECT_EQ(tryAdmit(meeting, request(account("u1"))).kind, Admission::Kind::Enter);
}

TEST_F(MeetingModeration, A1_RemoveWithBanRefusesTheUserAndTheGuestAddressAtAdmit) {
  ModerationAction ban = action(K::Remove, "p1");
  ban.flag = true;
  ASSERT_TRUE(moderate(ban));
  ASSERT_NE(removal(out, "p1"), nullptr);
  EXPECT_EQ(removal(out, "p1")->reason, "banned");
  meeting.removeMember("p1", out);
  EXPECT_EQ(tryAdmit(meeting, request(account("u1", "203.0.113.1"))).refusal.code, "banned");
  EXPECT_EQ(tryAdmit(meeting, request(account("u1"), false)).refusal.code, "banned");  // not even the lobby
  EXPECT_TRUE(meeting.lobby().empty());

  enter(meeting, guestAt("203.0.113.9"), "g1");
  ban.target = "g1";
  ASSERT_TRUE(moderate(ban));
  ASSERT_NE(removal(out, "g1"), nullptr);
  EXPECT_EQ(removal(out, "g1")->reason, "banned");
  meeting.removeMember("g1", out);
  EXPECT_EQ(tryAdmit(meeting, request(guestAt("203.0.113.9"))).refusal.code, "banned");
  EXPECT_EQ(tryAdmit(meeting, request(account("u3"))).kind, Admission::Kind::Enter);
}

TEST_F(MeetingModeration, A1_TheOwnerCannotBeRemovedOrDemoted) {
  ModerationAction promote = action(K::SetRole, "p1");
  promote.role = Role::Chair;
  ASSERT_TRUE(moderate(promote));

  ModerationAction ban = action(K::Remove, "chair");
  ban.flag = true;
  ModerationAction demote = action(K::SetRole, "chair");
  demote.role = Role::Participant;
  for (const char* actor : {"p1", "chair"}) {
    for (const ModerationAction& a : {action(K::Remove, "chair"), ban, demote}) {
      const Result<void> r = moderate(a, actor);
      ASSERT_FALSE(r) << actor << ' ' << toString(a.kind);
      EXPECT_EQ(r.error().code, "forbidden");
      EXPECT_TRUE(out.media.empty());
      EXPECT_TRUE(out.deliveries.empty());
    }
  }
  EXPECT_EQ(m("chair").role, Role::Chair);
  EXPECT_EQ(tryAdmit(meeting, request(ownerIdentity())).role, Role::Chair);  // not banned either
}

TEST_F(MeetingModeration, F4_AdmittingFromTheLobbyReservesAPlace) {
  const std::string waiting = knock(account("u9"), "Hoa");
  ASSERT_TRUE(moderate(action(K::Admit, waiting)));
  EXPECT_EQ(out.admitted, (std::vector<std::string>{waiting}));
  EXPECT_TRUE(meeting.lobby().empty());
  const Delivery* lobby = firstOfType(out, "lobby");
  ASSERT_NE(lobby, nullptr);
  EXPECT_EQ(lobby->to, Delivery::To::Chairs);
  EXPECT_TRUE(lobby->message["waiting"].empty());

  // Three members and the admitted one: a limit of four is reached.
  ASSERT_TRUE(moderate(settings({{"maxParticipants", 4}})));
  EXPECT_EQ(tryAdmit(meeting, request(account("u5"))).refusal.code, "room_full");
  meeting.addMember("p9", "Hoa", account("u9"), Role::Participant, out);
  EXPECT_EQ(tryAdmit(meeting, request(account("u5"))).refusal.code, "room_full");
  meeting.removeMember("p9", out);
  EXPECT_EQ(tryAdmit(meeting, request(account("u5"))).kind, Admission::Kind::Enter);
}

TEST_F(MeetingModeration, P1_AdmittingFromTheLobbyWhenFullIsRefusedWithRoomFull) {
  const std::string waiting = knock(account("u9"));
  ASSERT_TRUE(moderate(settings({{"maxParticipants", 3}})));
  const Result<void> r = moderate(action(K::Admit, waiting));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "room_full");
  EXPECT_TRUE(out.admitted.empty());
  ASSERT_EQ(meeting.lobby().size(), 1u);  // still waiting
  EXPECT_EQ(meeting.lobby()[0].lobbyId, waiting);
}

TEST_F(MeetingModeration, F4_RejectTellsTheWaitingPersonAndClearsTheEntry) {
  const std::string waiting = knock(account("u9"));
  const std::string other = knock(guestAt("203.0.113.9"));
  ASSERT_TRUE(moderate(action(K::Reject, waiting)));
  const Delivery* rejected = firstOfType(out, "lobbyRejected");
  ASSERT_NE(rejected, nullptr);
  EXPECT_EQ(rejected->to, Delivery::To::Lobby);
  EXPECT_EQ(rejected->id, waiting);
  EXPECT_TRUE(out.admitted.empty());
  ASSERT_EQ(meeting.lobby().size(), 1u);
  EXPECT_EQ(meeting.lobby()[0].lobbyId, other);
  const Delivery* lobby = firstOfType(out, "lobby");
  ASSERT_NE(lobby, nullptr);
  EXPECT_EQ(lobby->to, Delivery::To::Chairs);
  EXPECT_EQ(lobby->message["waiting"].size(), 1u);
}

TEST_F(MeetingModeration, A1_MakingSomeoneChairGivesEveryPermissionAndTheLobby) {
  const std::string waiting = knock(account("u9"), "Hoa");
  ModerationAction promote = action(K::SetRole, "p1");
  promote.role = Role::Chair;
  ASSERT_TRUE(moderate(promote));
  EXPECT_EQ(m("p1").role, Role::Chair);
  EXPECT_EQ(m("p1").permissions, (Permissions{true, true, true}));
  const Delivery* changed = firstOfType(out, "roleChanged");
  ASSERT_NE(changed, nullptr);
  EXPECT_EQ(changed->to, Delivery::To::One);
  EXPECT_EQ(changed->id, "p1");
  EXPECT_EQ(changed->message["role"], "chair");
  EXPECT_EQ(changed->message["permissions"], (json{{"shareContent", true}, {"recordAudio", true}, {"recordVideo", true}}));
  ASSERT_EQ(changed->message["lobby"].size(), 1u);
  EXPECT_EQ(changed->message["lobby"][0]["lobbyId"], waiting);
  ASSERT_EQ(updatesAbout(out, "p1").size(), 1u);
  EXPECT_EQ(updatesAbout(out, "p1")[0]["role"], "chair");

  // The new chair can act, and is told about the lobby from now on.
  ASSERT_TRUE(moderate(action(K::Mute, "p2"), "p1"));
  ASSERT_TRUE(moderate(action(K::Admit, waiting), "p1"));

  ModerationAction demote = action(K::SetRole, "p1");
  demote.role = Role::Participant;
  ASSERT_TRUE(moderate(demote));
  EXPECT_EQ(m("p1").permissions, (Permissions{true, false, false}));
  EXPECT_EQ(firstOfType(out, "roleChanged")->message["lobby"], json::array());
  EXPECT_EQ(moderate(action(K::Mute, "p2"), "p1").error().code, "forbidden");
}

TEST_F(MeetingModeration, A1_RevokingShareContentWhileSharingStopsTheScreen) {
  turnOn("p1", MediaSource::Screen);
  ModerationAction revoke = action(K::SetPermissions, "p1");
  revoke.permissions = {false, true, false};
  ASSERT_TRUE(moderate(revoke));
  EXPECT_EQ(m("p1").permissions, (Permissions{false, true, false}));
  EXPECT_FALSE(m("p1").screenOn);
  EXPECT_EQ(countMedia(out, MediaCommand::Kind::Block, "p1", MediaSource::Screen), 1u);
  const Delivery* changed = firstOfType(out, "permissionsChanged");
  ASSERT_NE(changed, nullptr);
  EXPECT_EQ(changed->to, Delivery::To::One);
  EXPECT_EQ(changed->id, "p1");
  EXPECT_EQ(changed->message["permissions"], (json{{"shareContent", false}, {"recordAudio", true}, {"recordVideo", false}}));
  EXPECT_FALSE(meeting.mayPublish("p1", MediaSource::Screen));
  Outcome o;
  EXPECT_EQ(meeting.setMediaState("p1", MediaSource::Screen, true, o).error().code, "forbidden");

  // Granting it back while not sharing stops nothing.
  revoke.permissions = {true, false, false};
  ASSERT_TRUE(moderate(revoke));
  EXPECT_TRUE(out.media.empty());
  EXPECT_TRUE(meeting.mayPublish("p1", MediaSource::Screen));

  ModerationAction onChair = action(K::SetPermissions, "chair");
  EXPECT_EQ(moderate(onChair).error().code, "forbidden");  // chairs have every permission
  EXPECT_EQ(m("chair").permissions, (Permissions{true, true, true}));
}

TEST_F(MeetingModeration, F5_RenameValidatesTheName) {
  ModerationAction rename = action(K::Rename, "p1");
  for (const std::string& bad : {std::string(), std::string("   "), std::string(65, 'x'), std::string("a\x01" "b"),
                                 std::string("a\nb"), std::string("\xff\xfe"), std::string("a\x7f")}) {
    rename.name = bad;
    const Result<void> r = moderate(rename);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "invalid_name");
    EXPECT_TRUE(out.deliveries.empty());
  }
  EXPECT_EQ(m("p1").displayName, nameOf("p1"));

  rename.name = "  Nguyễn Thị Lan  ";
  ASSERT_TRUE(moderate(rename));
  EXPECT_EQ(m("p1").displayName, "Nguyễn Thị Lan");
  ASSERT_EQ(updatesAbout(out, "p1").size(), 1u);
  EXPECT_EQ(updatesAbout(out, "p1")[0]["displayName"], "Nguyễn Thị Lan");

  std::string longest;
  for (int i = 0; i < 64; ++i) longest += "ễ";  // 64 characters, 192 bytes
  rename.name = longest;
  EXPECT_TRUE(moderate(rename));
  rename.name = longest + "a";
  EXPECT_EQ(moderate(rename).error().code, "invalid_name");
}

TEST_F(MeetingModeration, F6_TheChairCanLowerAHand) {
  Outcome o;
  ASSERT_TRUE(meeting.raiseHand("p1", true, o));
  ASSERT_TRUE(moderate(action(K::LowerHand, "p1")));
  EXPECT_FALSE(m("p1").handRaised);
  ASSERT_EQ(updatesAbout(out, "p1").size(), 1u);
  EXPECT_EQ(updatesAbout(out, "p1")[0]["handRaised"], false);
}

TEST_F(MeetingModeration, A3_SetPriorityKeepsPresentParticipantsOnceAndIsBroadcast) {
  ModerationAction order = action(K::SetPriority);
  order.order = {"p2", "ghost", "p2", "chair", "", "p1", "chair"};
  ASSERT_TRUE(moderate(order));
  const Delivery* d = firstOfType(out, "priority");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->to, Delivery::To::Everyone);
  EXPECT_TRUE(d->except.empty());
  EXPECT_EQ(d->message["order"], (json{"p2", "chair", "p1"}));
  EXPECT_EQ(d->message["by"], nameOf("chair"));
  EXPECT_EQ(enter(meeting, account("u3"), "p3")["priority"], (json{"p2", "chair", "p1"}));

  order.order = {};
  ASSERT_TRUE(moderate(order));
  EXPECT_EQ(firstOfType(out, "priority")->message["order"], json::array());
}

TEST_F(MeetingModeration, F5_UpdateSettingsAppliesTheRoomPolicy) {
  ASSERT_TRUE(moderate(settings({{"locked", true}, {"lobbyEnabled", true}, {"maxParticipants", 50},
                                 {"title", "  Họp tuần  "}, {"startMuted", true}, {"allowGuests", false},
                                 {"mayRecordAudio", true}})));
  EXPECT_TRUE(out.roomChanged);
  const store::Room& room = meeting.room();
  EXPECT_TRUE(room.locked);
  EXPECT_TRUE(room.lobbyEnabled);
  EXPECT_EQ(room.maxParticipants, 50);
  EXPECT_EQ(room.title, "Họp tuần");
  EXPECT_TRUE(room.startMuted);
  EXPECT_FALSE(room.allowGuests);
  EXPECT_TRUE(room.mayRecordAudio);
  EXPECT_TRUE(room.mayShareContent);  // untouched keys keep their value
  const Delivery* d = firstOfType(out, "roomSettings");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->to, Delivery::To::Everyone);
  EXPECT_EQ(d->message["settings"]["locked"], true);
  EXPECT_EQ(d->message["settings"]["title"], "Họp tuần");
  EXPECT_EQ(d->message["settings"]["maxParticipants"], 50);
  EXPECT_EQ(d->message["settings"]["defaultPermissions"]["recordAudio"], true);

  // The lock takes effect at once.
  EXPECT_EQ(tryAdmit(meeting, request(account("u7"))).refusal.code, "room_locked");
  ASSERT_TRUE(moderate(settings({{"locked", false}})));
  EXPECT_EQ(tryAdmit(meeting, request(account("u7"))).kind, Admission::Kind::Wait);  // lobby enabled

  for (int limit : {2, 1000}) {
    ASSERT_TRUE(moderate(settings({{"maxParticipants", limit}}))) << limit;
    EXPECT_EQ(meeting.room().maxParticipants, limit);
  }
}

TEST_F(MeetingModeration, F5_UpdateSettingsRejectsUnknownKeysWrongTypesAndOutOfRangeLimits) {
  const store::Room before = meeting.room();
  for (const json& bad : {json::array(), json("locked"), json(nullptr), json{{"colour", "red"}},
                          json{{"locked", true}, {"colour", "red"}}, json{{"locked", "yes"}}, json{{"locked", 1}},
                          json{{"lobbyEnabled", nullptr}}, json{{"mayShareContent", "no"}},
                          json{{"maxParticipants", 1}}, json{{"maxParticipants", 1001}}, json{{"maxParticipants", 0}},
                          json{{"maxParticipants", -5}}, json{{"maxParticipants", "10"}},
                          json{{"maxParticipants", 10.5}}, json{{"maxParticipants", true}},
                          json{{"maxParticipants", 4294967298LL}}, json{{"title", ""}},
                          json{{"title", std::string(201, 'x')}}, json{{"title", 5}}, json{{"title", "a\x01"}},
                          json{{"title", "\xff"}}}) {
    const Result<void> r = moderate(settings(bad));
    ASSERT_FALSE(r) << bad.dump(-1, ' ', false, json::error_handler_t::replace);
    EXPECT_EQ(r.error().code, "invalid_message");
    EXPECT_FALSE(out.roomChanged);
    EXPECT_TRUE(out.deliveries.empty());
  }
  const store::Room& after = meeting.room();
  EXPECT_EQ(after.locked, before.locked);  // nothing of a refused update is applied
  EXPECT_EQ(after.maxParticipants, before.maxParticipants);
  EXPECT_EQ(after.title, before.title);
  EXPECT_EQ(after.mayShareContent, before.mayShareContent);
}

// A title is measured after trimming: one of only spaces is no title.
TEST_F(MeetingModeration, F5_UpdateSettingsRejectsABlankTitle) {
  for (const char* blank : {" ", "    "}) {
    const Result<void> r = moderate(settings({{"title", blank}}));
    EXPECT_FALSE(r) << '"' << blank << '"';
    EXPECT_FALSE(out.roomChanged) << '"' << blank << '"';
    EXPECT_EQ(meeting.room().title, "Giao ban") << '"' << blank << '"';
  }
}

TEST_F(MeetingModeration, A1_ChangedDefaultPermissionsReachOrdinaryMembers) {
  turnOn("p1", MediaSource::Screen);
  ASSERT_TRUE(moderate(settings({{"mayShareContent", false}, {"mayRecordVideo", true}})));
  EXPECT_TRUE(out.roomChanged);
  const Permissions now{false, false, true};
  for (const char* id : {"p1", "p2"}) {
    EXPECT_EQ(m(id).permissions, now) << id;
    bool told = false;
    for (const auto* d : ofType(out, "permissionsChanged")) {
      if (d->to == Delivery::To::One && d->id == id) {
        told = true;
        EXPECT_EQ(d->message["permissions"], (json{{"shareContent", false}, {"recordAudio", false}, {"recordVideo", true}}));
      }
    }
    EXPECT_TRUE(told) << id;
  }
  EXPECT_FALSE(m("p1").screenOn);
  EXPECT_EQ(countMedia(out, MediaCommand::Kind::Block, "p1", MediaSource::Screen), 1u);
  EXPECT_EQ(countMedia(out, MediaCommand::Kind::Block, "p2", MediaSource::Screen), 0u);  // was not sharing

  // Chairs keep everything.
  EXPECT_EQ(m("chair").permissions, (Permissions{true, true, true}));
  for (const auto* d : ofType(out, "permissionsChanged")) EXPECT_NE(d->id, "chair");

  EXPECT_EQ(enter(meeting, account("u3"), "p3")["permissions"],
            (json{{"shareContent", false}, {"recordAudio", false}, {"recordVideo", true}}));

  // Settings that leave the defaults alone send no permission changes.
  ASSERT_TRUE(moderate(settings({{"title", "Khác"}})));
  EXPECT_TRUE(ofType(out, "permissionsChanged").empty());
}

TEST_F(MeetingModeration, F5_EndRemovesEveryoneAndDismissesTheLobby) {
  const std::string waiting = knock(account("u9"));
  ASSERT_TRUE(moderate(action(K::End)));
  EXPECT_TRUE(out.ended);
  for (const char* id : {"chair", "p1", "p2"}) {
    const MediaCommand* gone = removal(out, id);
    ASSERT_NE(gone, nullptr) << id;
    EXPECT_EQ(gone->reason, "ended");
  }
  EXPECT_EQ(out.media.size(), 3u);
  const Delivery* ended = firstOfType(out, "meetingEnded");
  ASSERT_NE(ended, nullptr);
  EXPECT_EQ(ended->to, Delivery::To::Lobby);
  EXPECT_EQ(ended->id, waiting);
  EXPECT_TRUE(meeting.lobby().empty());

  Outcome gone;
  for (const char* id : {"chair", "p1", "p2"}) meeting.removeMember(id, gone);
  EXPECT_TRUE(meeting.empty());
}

}  // namespace
}  // namespace dienhong::meeting
