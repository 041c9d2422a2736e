// Helpers shared by the meeting tests: a room, identities, joining, and finding what an Outcome
// asks the signalling layer to do.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "meeting/meeting.hpp"
#include "store/records.hpp"

namespace dienhong::meeting::test_support {

inline constexpr int64_t kNow = 1'700'000'000'000;
inline constexpr std::string_view kOwner = "owner";
inline constexpr std::string_view kOwnerAddress = "192.0.2.1";

// A room without a password, lobby or lock, for signed-in users only.
inline store::Room baseRoom() {
  store::Room room;
  room.id = "482915306";
  room.ownerId = std::string(kOwner);
  room.title = "Giao ban";
  room.inviteTokenHash = std::string(64, 'a');
  room.maxParticipants = 10;
  return room;
}

inline Identity account(std::string userId, std::string address = "198.51.100.7") {
  return {std::move(userId), std::move(address)};
}

inline Identity guestAt(std::string address) { return {std::nullopt, std::move(address)}; }

inline Identity ownerIdentity() { return account(std::string(kOwner), std::string(kOwnerAddress)); }

inline JoinRequest request(Identity identity, bool invited = true, std::string name = "Người dự") {
  JoinRequest r;
  r.displayName = std::move(name);
  r.identity = std::move(identity);
  r.invited = invited;
  return r;
}

inline JoinRequest withPassword(JoinRequest r, bool correct) {
  r.passwordGiven = true;
  r.passwordCorrect = correct;
  return r;
}

inline std::string nameOf(std::string_view participantId) { return "Tên " + std::string(participantId); }

// Admits `identity` (invited unless told otherwise) and adds it as `participantId`; a failure if it
// does not enter. Returns the `joined` payload.
inline nlohmann::json enter(Meeting& meeting, const Identity& identity, const std::string& participantId,
                            bool invited = true, Outcome* outcome = nullptr) {
  Outcome admitted;
  const Admission a = meeting.admit(request(identity, invited, nameOf(participantId)), kNow, admitted);
  if (a.kind != Admission::Kind::Enter) {
    ADD_FAILURE() << participantId << " did not enter: " << a.refusal.code;
    return nullptr;
  }
  Outcome local;
  return meeting.addMember(participantId, nameOf(participantId), identity, a.role, outcome ? *outcome : local);
}

inline Admission tryAdmit(Meeting& meeting, const JoinRequest& r, int64_t nowMs = kNow) {
  Outcome out;
  return meeting.admit(r, nowMs, out);
}

inline std::vector<const Delivery*> ofType(const Outcome& out, std::string_view type) {
  std::vector<const Delivery*> found;
  for (const auto& d : out.deliveries) {
    if (d.message.value("type", "") == type) found.push_back(&d);
  }
  return found;
}

inline const Delivery* firstOfType(const Outcome& out, std::string_view type) {
  const auto found = ofType(out, type);
  return found.empty() ? nullptr : found.front();
}

inline size_t countMedia(const Outcome& out, MediaCommand::Kind kind, std::string_view participantId,
                         MediaSource source = MediaSource::Microphone) {
  size_t n = 0;
  for (const auto& c : out.media) {
    if (c.kind == kind && c.participantId == participantId && (kind == MediaCommand::Kind::Remove || c.source == source)) ++n;
  }
  return n;
}

inline const MediaCommand* removal(const Outcome& out, std::string_view participantId) {
  for (const auto& c : out.media) {
    if (c.kind == MediaCommand::Kind::Remove && c.participantId == participantId) return &c;
  }
  return nullptr;
}

// participantUpdated deliveries about one participant.
inline std::vector<nlohmann::json> updatesAbout(const Outcome& out, std::string_view participantId) {
  std::vector<nlohmann::json> found;
  for (const auto* d : ofType(out, "participantUpdated")) {
    if (d->to == Delivery::To::Everyone && d->message["participant"]["participantId"] == participantId) {
      found.push_back(d->message["participant"]);
    }
  }
  return found;
}

inline ModerationAction action(ModerationAction::Kind kind, std::string target = {}) {
  ModerationAction a;
  a.kind = kind;
  a.target = std::move(target);
  return a;
}

// A meeting with the owner ("chair") and two signed-in participants ("p1" as user u1, "p2" as u2).
class MeetingFixture : public ::testing::Test {
 protected:
  using K = ModerationAction::Kind;

  explicit MeetingFixture(store::Room room = withDefaults()) : meeting(std::move(room)) {
    enter(meeting, ownerIdentity(), "chair");
    enter(meeting, account("u1", "198.51.100.11"), "p1");
    enter(meeting, account("u2", "198.51.100.12"), "p2");
  }

  static store::Room withDefaults() {
    store::Room room = baseRoom();
    room.allowGuests = true;
    room.mayShareContent = true;
    return room;
  }

  Result<void> moderate(const ModerationAction& a, std::string_view actor = "chair") {
    out = {};
    return meeting.moderate(actor, a, out);
  }

  // Someone knocks (not invited, no password) and waits; returns the lobby id.
  std::string knock(const Identity& identity, const std::string& name = "Khách chờ") {
    Outcome o;
    const Admission a = meeting.admit(request(identity, /*invited=*/false, name), kNow, o);
    EXPECT_EQ(a.kind, Admission::Kind::Wait) << a.refusal.code;
    return a.lobbyId;
  }

  const Member& m(std::string_view id) {
    const Member* found = meeting.member(id);
    if (found == nullptr) throw std::runtime_error("no member " + std::string(id));
    return *found;
  }

  Meeting meeting;
  Outcome out;
};

}  // namespace dienhong::meeting::test_support
