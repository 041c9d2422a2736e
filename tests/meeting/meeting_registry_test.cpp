// The meetings in progress: created on first use, forgotten once nobody is in or waiting, and
// who each kind of delivery reaches.
#include "meeting/meeting_registry.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "meeting_test_support.hpp"

namespace dienhong::meeting {
namespace {

using namespace test_support;
using K = ModerationAction::Kind;

TEST(MeetingRegistry, F4_WithMeetingStartsAMeetingThatLastsWhileSomeoneIsIn) {
  MeetingRegistry registry;
  const store::Room room = baseRoom();
  registry.withMeeting(room, [&](Meeting& meeting) {
    EXPECT_EQ(meeting.room().id, room.id);
    EXPECT_TRUE(meeting.empty());
    enter(meeting, ownerIdentity(), "chair");
  });
  EXPECT_EQ(registry.size(), 1u);

  bool seen = false;
  registry.withExisting(room.id, [&](Meeting* meeting) {
    ASSERT_NE(meeting, nullptr);
    EXPECT_NE(meeting->member("chair"), nullptr);
    seen = true;
  });
  EXPECT_TRUE(seen);

  // The same room again: the meeting in progress, not a new one from the (stale) record.
  store::Room stale = room;
  stale.title = "Khác";
  registry.withMeeting(stale, [&](Meeting& meeting) {
    EXPECT_NE(meeting.member("chair"), nullptr);
    EXPECT_EQ(meeting.room().title, "Giao ban");
  });
  EXPECT_EQ(registry.size(), 1u);

  registry.withExisting(room.id, [&](Meeting* meeting) {
    Outcome out;
    meeting->removeMember("chair", out);
  });
  EXPECT_EQ(registry.size(), 0u);
  registry.withExisting(room.id, [&](Meeting* meeting) { EXPECT_EQ(meeting, nullptr); });
}

TEST(MeetingRegistry, F4_WithExistingGivesNullptrWhenNoMeetingIsInProgress) {
  MeetingRegistry registry;
  bool called = false;
  registry.withExisting("482915306", [&](Meeting* meeting) {
    called = true;
    EXPECT_EQ(meeting, nullptr);
  });
  EXPECT_TRUE(called);
  EXPECT_EQ(registry.size(), 0u);
}

TEST(MeetingRegistry, F4_AMeetingWithNobodyInOrWaitingIsForgottenAfterTheCall) {
  MeetingRegistry registry;
  const store::Room room = baseRoom();
  registry.withMeeting(room, [](Meeting&) {});
  EXPECT_EQ(registry.size(), 0u);

  // Refused: nothing is kept.
  registry.withMeeting(room, [](Meeting& meeting) {
    EXPECT_EQ(tryAdmit(meeting, request(guestAt("203.0.113.9"))).kind, Admission::Kind::Refused);
  });
  EXPECT_EQ(registry.size(), 0u);

  // A reservation keeps the meeting until it is used or cancelled.
  registry.withMeeting(room, [](Meeting& meeting) {
    EXPECT_EQ(tryAdmit(meeting, request(account("u1"))).kind, Admission::Kind::Enter);
  });
  EXPECT_EQ(registry.size(), 1u);
  registry.withExisting(room.id, [](Meeting* meeting) { meeting->cancelReservation(); });
  EXPECT_EQ(registry.size(), 0u);

  // Someone waiting in the lobby keeps it too.
  std::string lobbyId;
  registry.withMeeting(room, [&](Meeting& meeting) {
    const Admission a = tryAdmit(meeting, request(account("u1"), false));
    ASSERT_EQ(a.kind, Admission::Kind::Wait);
    lobbyId = a.lobbyId;
  });
  EXPECT_EQ(registry.size(), 1u);
  registry.withExisting(room.id, [&](Meeting* meeting) {
    Outcome out;
    meeting->leaveLobby(lobbyId, out);
  });
  EXPECT_EQ(registry.size(), 0u);
}

TEST(MeetingRegistry, F4_EachRoomHasItsOwnMeeting) {
  MeetingRegistry registry;
  store::Room a = baseRoom();
  store::Room b = baseRoom();
  b.id = "999888777";
  registry.withMeeting(a, [](Meeting& m) { enter(m, ownerIdentity(), "a1"); });
  registry.withMeeting(b, [](Meeting& m) { enter(m, ownerIdentity(), "b1"); });
  EXPECT_EQ(registry.size(), 2u);
  registry.withExisting(b.id, [](Meeting* m) {
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->member("a1"), nullptr);
    EXPECT_NE(m->member("b1"), nullptr);
  });
}

TEST(MeetingRegistry, P1_ConcurrentJoinsNeverExceedTheLimit) {
  MeetingRegistry registry;
  store::Room room = baseRoom();
  room.maxParticipants = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        const std::string id = "p" + std::to_string(t) + "_" + std::to_string(i);
        registry.withMeeting(room, [&](Meeting& meeting) {
          Outcome out;
          const Admission a = meeting.admit(request(account("u" + id)), kNow, out);
          if (a.kind == Admission::Kind::Enter) meeting.addMember(id, id, account("u" + id), a.role, out);
        });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  registry.withExisting(room.id, [](Meeting* meeting) {
    ASSERT_NE(meeting, nullptr);
    EXPECT_EQ(meeting->members().size(), 50u);
  });
}

class Recipients : public MeetingFixture {
 protected:
  static std::vector<std::string> sorted(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  }
};

TEST_F(Recipients, F5_OneReachesThatMemberOnly) {
  EXPECT_EQ(recipients(meeting, {Delivery::To::One, "p1", {}, {}}), (std::vector<std::string>{"p1"}));
  EXPECT_TRUE(recipients(meeting, {Delivery::To::One, "gone", {}, {}}).empty());
}

TEST_F(Recipients, F5_EveryoneReachesAllMembersButTheExcepted) {
  EXPECT_EQ(sorted(recipients(meeting, {Delivery::To::Everyone, {}, {}, {}})),
            (std::vector<std::string>{"chair", "p1", "p2"}));
  EXPECT_EQ(sorted(recipients(meeting, {Delivery::To::Everyone, {}, {}, "p1"})),
            (std::vector<std::string>{"chair", "p2"}));
}

TEST_F(Recipients, A1_ChairsReachesEveryChairOnly) {
  EXPECT_EQ(recipients(meeting, {Delivery::To::Chairs, {}, {}, {}}), (std::vector<std::string>{"chair"}));
  ModerationAction promote = action(K::SetRole, "p2");
  promote.role = Role::Chair;
  ASSERT_TRUE(meeting.moderate("chair", promote, out));
  EXPECT_EQ(sorted(recipients(meeting, {Delivery::To::Chairs, {}, {}, {}})),
            (std::vector<std::string>{"chair", "p2"}));
}

TEST_F(Recipients, F4_LobbyDeliveriesReachNoParticipant) {
  const std::string waiting = knock(account("u9"));
  EXPECT_TRUE(recipients(meeting, {Delivery::To::Lobby, waiting, {}, {}}).empty());
  EXPECT_TRUE(recipients(meeting, {Delivery::To::Lobby, "p1", {}, {}}).empty());
}

}  // namespace
}  // namespace dienhong::meeting
