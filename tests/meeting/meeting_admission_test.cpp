// Who enters, who waits in the lobby and who is refused (F4, P1, A1), and what a newcomer and
// the others are told when someone joins or leaves.
#include <gtest/gtest.h>

#include "meeting_test_support.hpp"

namespace dienhong::meeting {
namespace {

using namespace test_support;
using nlohmann::json;
using K = ModerationAction::Kind;

TEST(MeetingAdmission, F4_TheOwnerEntersAsChairPastLockPasswordAndLobby) {
  store::Room room = baseRoom();
  room.locked = true;
  room.lobbyEnabled = true;
  room.passwordHash = "$argon2id$hash";
  Meeting meeting(room);
  Outcome out;
  const Admission a = meeting.admit(request(ownerIdentity(), /*invited=*/false), kNow, out);
  EXPECT_EQ(a.kind, Admission::Kind::Enter);
  EXPECT_EQ(a.role, Role::Chair);
  EXPECT_TRUE(meeting.lobby().empty());
  EXPECT_TRUE(out.deliveries.empty());
}

TEST(MeetingAdmission, A1_ABannedUserIsRefusedWithBanned) {
  Meeting meeting(baseRoom());
  enter(meeting, ownerIdentity(), "chair");
  enter(meeting, account("u1"), "p1");
  ModerationAction ban = action(K::Remove, "p1");
  ban.flag = true;
  Outcome out;
  ASSERT_TRUE(meeting.moderate("chair", ban, out));
  meeting.removeMember("p1", out);

  for (bool invited : {true, false}) {
    const Admission a = tryAdmit(meeting, request(account("u1", "203.0.113.50"), invited));
    EXPECT_EQ(a.kind, Admission::Kind::Refused);
    EXPECT_EQ(a.refusal.code, "banned");
  }
  EXPECT_EQ(tryAdmit(meeting, request(account("u2"))).kind, Admission::Kind::Enter);
}

TEST(MeetingAdmission, A1_ABannedGuestIsRefusedByAddress) {
  store::Room room = baseRoom();
  room.allowGuests = true;
  Meeting meeting(room);
  enter(meeting, ownerIdentity(), "chair");
  enter(meeting, guestAt("203.0.113.9"), "g1");
  ModerationAction ban = action(K::Remove, "g1");
  ban.flag = true;
  Outcome out;
  ASSERT_TRUE(meeting.moderate("chair", ban, out));
  meeting.removeMember("g1", out);

  const Admission again = tryAdmit(meeting, request(guestAt("203.0.113.9"), true, "Tên khác"));
  EXPECT_EQ(again.kind, Admission::Kind::Refused);
  EXPECT_EQ(again.refusal.code, "banned");
  EXPECT_EQ(tryAdmit(meeting, request(guestAt("203.0.113.10"))).kind, Admission::Kind::Enter);
}

TEST(MeetingAdmission, P1_GuestsMustSignInUnlessTheRoomAllowsGuests) {
  Meeting closed(baseRoom());
  const Admission refused = tryAdmit(closed, request(guestAt("203.0.113.9")));
  EXPECT_EQ(refused.kind, Admission::Kind::Refused);
  EXPECT_EQ(refused.refusal.code, "sign_in_required");

  store::Room room = baseRoom();
  room.allowGuests = true;
  Meeting open(room);
  const Admission a = tryAdmit(open, request(guestAt("203.0.113.9")));
  EXPECT_EQ(a.kind, Admission::Kind::Enter);
  EXPECT_EQ(a.role, Role::Participant);
}

TEST(MeetingAdmission, P1_AJoinPastTheRoomLimitIsRefusedWithRoomFull) {
  store::Room room = baseRoom();
  room.maxParticipants = 3;
  Meeting meeting(room);
  enter(meeting, ownerIdentity(), "chair");
  enter(meeting, account("u1"), "p1");
  enter(meeting, account("u2"), "p2");
  const Admission a = tryAdmit(meeting, request(account("u3")));
  EXPECT_EQ(a.kind, Admission::Kind::Refused);
  EXPECT_EQ(a.refusal.code, "room_full");
  Outcome out;
  meeting.removeMember("p2", out);
  EXPECT_EQ(tryAdmit(meeting, request(account("u3"))).kind, Admission::Kind::Enter);
}

TEST(MeetingAdmission, P1_AnAdmittedJoinerNotYetAddedCountsTowardTheLimit) {
  store::Room room = baseRoom();
  room.maxParticipants = 2;
  Meeting meeting(room);
  enter(meeting, ownerIdentity(), "chair");
  ASSERT_EQ(tryAdmit(meeting, request(account("u1"))).kind, Admission::Kind::Enter);  // no addMember yet
  EXPECT_FALSE(meeting.empty());

  const Admission full = tryAdmit(meeting, request(account("u2")));
  EXPECT_EQ(full.kind, Admission::Kind::Refused);
  EXPECT_EQ(full.refusal.code, "room_full");

  meeting.cancelReservation();  // u1 never made it into the media room
  EXPECT_EQ(tryAdmit(meeting, request(account("u2"))).kind, Admission::Kind::Enter);
  EXPECT_EQ(tryAdmit(meeting, request(account("u3"))).refusal.code, "room_full");
}

TEST(MeetingAdmission, P1_AddingTheReservedJoinerUsesUpTheReservation) {
  store::Room room = baseRoom();
  room.maxParticipants = 2;
  Meeting meeting(room);
  enter(meeting, ownerIdentity(), "chair");
  enter(meeting, account("u1"), "p1");
  EXPECT_EQ(tryAdmit(meeting, request(account("u2"))).refusal.code, "room_full");
  Outcome out;
  meeting.removeMember("p1", out);
  EXPECT_EQ(tryAdmit(meeting, request(account("u2"))).kind, Admission::Kind::Enter);
}

TEST(MeetingAdmission, F4_ALockedRoomRefusesEveryoneButChairs) {
  store::Room room = baseRoom();
  room.locked = true;
  room.allowGuests = true;
  Meeting meeting(room);
  for (const JoinRequest& r : {request(account("u1")), request(account("u1"), false),
                               withPassword(request(account("u1"), false), true), request(guestAt("203.0.113.9"))}) {
    const Admission a = tryAdmit(meeting, r);
    EXPECT_EQ(a.kind, Admission::Kind::Refused);
    EXPECT_EQ(a.refusal.code, "room_locked");
  }
  EXPECT_TRUE(meeting.lobby().empty());
  EXPECT_EQ(tryAdmit(meeting, request(ownerIdentity(), false)).role, Role::Chair);
}

TEST(MeetingAdmission, F4_InvitedPeopleSkipTheRoomPassword) {
  store::Room room = baseRoom();
  room.passwordHash = "$argon2id$hash";
  Meeting meeting(room);
  const Admission a = tryAdmit(meeting, request(account("u1"), /*invited=*/true));
  EXPECT_EQ(a.kind, Admission::Kind::Enter);
  EXPECT_EQ(a.role, Role::Participant);
}

TEST(MeetingAdmission, F4_WithoutAnInvitationTheRoomPasswordIsRequiredAndChecked) {
  store::Room room = baseRoom();
  room.passwordHash = "$argon2id$hash";
  Meeting meeting(room);
  const Admission none = tryAdmit(meeting, request(account("u1"), false));
  EXPECT_EQ(none.kind, Admission::Kind::Refused);
  EXPECT_EQ(none.refusal.code, "password_required");

  const Admission wrong = tryAdmit(meeting, withPassword(request(account("u1"), false), false));
  EXPECT_EQ(wrong.kind, Admission::Kind::Refused);
  EXPECT_EQ(wrong.refusal.code, "wrong_password");

  // The password stands in for the invitation: no lobby.
  const Admission right = tryAdmit(meeting, withPassword(request(account("u1"), false), true));
  EXPECT_EQ(right.kind, Admission::Kind::Enter);
  EXPECT_TRUE(meeting.lobby().empty());
}

TEST(MeetingAdmission, F4_APrivateRoomSendsStrangersToTheLobbyAndTellsTheChairs) {
  Meeting meeting(baseRoom());
  enter(meeting, ownerIdentity(), "chair");
  Outcome out;
  const Admission a = meeting.admit(request(account("u1"), /*invited=*/false, "Lan"), kNow, out);
  ASSERT_EQ(a.kind, Admission::Kind::Wait);
  EXPECT_FALSE(a.lobbyId.empty());
  ASSERT_EQ(meeting.lobby().size(), 1u);
  EXPECT_EQ(meeting.lobby()[0].lobbyId, a.lobbyId);
  EXPECT_EQ(meeting.lobby()[0].displayName, "Lan");

  const Delivery* lobby = firstOfType(out, "lobby");
  ASSERT_NE(lobby, nullptr);
  EXPECT_EQ(lobby->to, Delivery::To::Chairs);
  ASSERT_EQ(lobby->message["waiting"].size(), 1u);
  EXPECT_EQ(lobby->message["waiting"][0]["lobbyId"], a.lobbyId);
  EXPECT_EQ(lobby->message["waiting"][0]["displayName"], "Lan");
  EXPECT_EQ(lobby->message["waiting"][0]["guest"], false);
  EXPECT_EQ(lobby->message["waiting"][0]["since"], kNow);

  // Waiting takes no place in the room; a second knock gets its own id.
  Outcome second;
  const Admission b = meeting.admit(request(account("u2"), false), kNow, second);
  ASSERT_EQ(b.kind, Admission::Kind::Wait);
  EXPECT_NE(b.lobbyId, a.lobbyId);
  EXPECT_EQ(meeting.lobby().size(), 2u);
}

TEST(MeetingAdmission, F4_WithTheLobbyEnabledEvenInvitedPeopleWait) {
  store::Room room = baseRoom();
  room.lobbyEnabled = true;
  room.passwordHash = "$argon2id$hash";
  Meeting meeting(room);
  Outcome out;
  EXPECT_EQ(meeting.admit(request(account("u1"), /*invited=*/true), kNow, out).kind, Admission::Kind::Wait);
  EXPECT_EQ(meeting.admit(withPassword(request(account("u2"), false), true), kNow, out).kind, Admission::Kind::Wait);
  EXPECT_EQ(meeting.lobby().size(), 2u);
  EXPECT_EQ(ofType(out, "lobby").size(), 2u);
}

TEST(MeetingAdmission, A1_SomeoneMadeChairReentersAsChair) {
  Meeting meeting(baseRoom());
  enter(meeting, ownerIdentity(), "chair");
  enter(meeting, account("u1"), "p1");
  ModerationAction promote = action(K::SetRole, "p1");
  promote.role = Role::Chair;
  Outcome out;
  ASSERT_TRUE(meeting.moderate("chair", promote, out));
  meeting.removeMember("p1", out);

  ModerationAction lock = action(K::UpdateSettings);
  lock.settings = {{"locked", true}};
  ASSERT_TRUE(meeting.moderate("chair", lock, out));

  // Not invited, room locked: still a chair.
  const Admission back = tryAdmit(meeting, request(account("u1", "203.0.113.99"), false));
  EXPECT_EQ(back.kind, Admission::Kind::Enter);
  EXPECT_EQ(back.role, Role::Chair);
  const json joined = meeting.addMember("p1b", "Tên p1", account("u1"), back.role, out);
  EXPECT_EQ(joined["role"], "chair");

  // Demoted, they are an ordinary participant again next time.
  ModerationAction demote = action(K::SetRole, "p1b");
  demote.role = Role::Participant;
  ASSERT_TRUE(meeting.moderate("chair", demote, out));
  meeting.removeMember("p1b", out);
  EXPECT_EQ(tryAdmit(meeting, request(account("u1"), true)).refusal.code, "room_locked");
}

TEST(MeetingAdmission, F4_TheJoinedPayloadCarriesRolePermissionsOthersSettingsAndPriority) {
  store::Room room = baseRoom();
  room.mayShareContent = true;
  room.startMuted = true;
  Meeting meeting(room);
  const json chairJoined = enter(meeting, ownerIdentity(), "chair");
  EXPECT_EQ(chairJoined["role"], "chair");
  EXPECT_EQ(chairJoined["permissions"], (json{{"shareContent", true}, {"recordAudio", true}, {"recordVideo", true}}));
  EXPECT_TRUE(chairJoined["participants"].empty());
  EXPECT_TRUE(chairJoined.contains("lobby"));

  ModerationAction order = action(K::SetPriority);
  order.order = {"chair"};
  Outcome out;
  ASSERT_TRUE(meeting.moderate("chair", order, out));

  const json joined = enter(meeting, account("u1"), "p1");
  EXPECT_EQ(joined["role"], "participant");
  EXPECT_EQ(joined["permissions"], (json{{"shareContent", true}, {"recordAudio", false}, {"recordVideo", false}}));
  ASSERT_EQ(joined["participants"].size(), 1u);  // the others, not the newcomer
  EXPECT_EQ(joined["participants"][0]["participantId"], "chair");
  EXPECT_EQ(joined["participants"][0]["displayName"], nameOf("chair"));
  EXPECT_EQ(joined["participants"][0]["role"], "chair");
  EXPECT_EQ(joined["settings"]["roomId"], "482915306");
  EXPECT_EQ(joined["settings"]["roomCode"], "482 915 306");
  EXPECT_EQ(joined["settings"]["title"], "Giao ban");
  EXPECT_EQ(joined["settings"]["maxParticipants"], 10);
  EXPECT_EQ(joined["settings"]["passwordProtected"], false);
  EXPECT_EQ(joined["priority"], (json{"chair"}));
  EXPECT_EQ(joined["startMuted"], true);
  EXPECT_FALSE(joined.contains("lobby"));  // only chairs see who waits
}

TEST(MeetingAdmission, F4_ANewcomerIsAnnouncedToEveryoneElse) {
  Meeting meeting(baseRoom());
  enter(meeting, ownerIdentity(), "chair");
  Outcome out;
  const json joined = enter(meeting, account("u1"), "p1", true, &out);
  ASSERT_EQ(ofType(out, "participantJoined").size(), 1u);
  const Delivery& d = *firstOfType(out, "participantJoined");
  EXPECT_EQ(d.to, Delivery::To::Everyone);
  EXPECT_EQ(d.except, "p1");
  EXPECT_EQ(d.message["participant"]["participantId"], "p1");
  EXPECT_EQ(d.message["participant"]["displayName"], nameOf("p1"));
  EXPECT_EQ(d.message["participant"]["role"], "participant");
  EXPECT_EQ(d.message["participant"]["guest"], false);
  ASSERT_NE(meeting.member("p1"), nullptr);
  EXPECT_EQ(meeting.members().size(), 2u);
}

TEST(MeetingAdmission, A3_ALeavingMemberIsAnnouncedAndDroppedFromPriority) {
  Meeting meeting(baseRoom());
  enter(meeting, ownerIdentity(), "chair");
  enter(meeting, account("u1"), "p1");
  ModerationAction order = action(K::SetPriority);
  order.order = {"p1", "chair"};
  Outcome out;
  ASSERT_TRUE(meeting.moderate("chair", order, out));

  Outcome left;
  meeting.removeMember("p1", left);
  EXPECT_EQ(meeting.member("p1"), nullptr);
  const Delivery* d = firstOfType(left, "participantLeft");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->to, Delivery::To::Everyone);
  EXPECT_EQ(d->message["participantId"], "p1");

  const json joined = enter(meeting, account("u2"), "p2");
  EXPECT_EQ(joined["priority"], (json{"chair"}));

  Outcome nobody;
  meeting.removeMember("p1", nobody);  // twice: nothing more to say
  EXPECT_TRUE(nobody.deliveries.empty());
}

TEST(MeetingAdmission, F4_LeavingTheLobbyTellsTheChairs) {
  Meeting meeting(baseRoom());
  enter(meeting, ownerIdentity(), "chair");
  Outcome out;
  const Admission a = meeting.admit(request(account("u1"), false), kNow, out);
  ASSERT_EQ(a.kind, Admission::Kind::Wait);
  Outcome left;
  meeting.leaveLobby(a.lobbyId, left);
  EXPECT_TRUE(meeting.lobby().empty());
  const Delivery* d = firstOfType(left, "lobby");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->to, Delivery::To::Chairs);
  EXPECT_TRUE(d->message["waiting"].empty());
}

}  // namespace
}  // namespace dienhong::meeting
