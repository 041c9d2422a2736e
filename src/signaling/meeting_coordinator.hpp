// MeetingCoordinator: the meeting half of signalling (docs/signaling.md, "Meetings"). It turns
// join, lobby, self-service, chat and chair messages into calls on the pure meeting logic
// (meeting::Meeting, under the registry's lock), then carries out what the meeting decided:
// messages to participants, chair blocks and removals on the media room, chat lines and room
// settings to the database, audit entries. It also follows the media rooms (who left, for
// whatever reason) so that the roster stays true.
//
// Lock order: the registry's lock, then this class's directory lock; nothing is sent, stored or
// posted to a media worker while either is held.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <nlohmann/json_fwd.hpp>

#include "audit/audit_log.hpp"
#include "auth/auth_service.hpp"
#include "media/service/media_service.hpp"
#include "common/attempt_limiter.hpp"
#include "meeting/meeting_registry.hpp"
#include "signaling/participant_session.hpp"
#include "store/store.hpp"

namespace dienhong::signaling {

struct SignalingServices {
  auth::AuthService& auth;
  store::Store& store;
  media::MediaService& media;
  meeting::MeetingRegistry& meetings;
  audit::AuditLog& audit;
};

class MeetingCoordinator {
 public:
  using SessionPtr = std::shared_ptr<ParticipantSession>;

  explicit MeetingCoordinator(SignalingServices services) : s_(services) {}

  void join(const SessionPtr& session, const nlohmann::json& message);
  void resume(const SessionPtr& session, const nlohmann::json& message);
  void leave(const SessionPtr& session, const nlohmann::json& message);
  void mediaState(const SessionPtr& session, const nlohmann::json& message);
  void raiseHand(const SessionPtr& session, const nlohmann::json& message);
  void rename(const SessionPtr& session, const nlohmann::json& message);
  void chat(const SessionPtr& session, const nlohmann::json& message);
  void moderate(const SessionPtr& session, const nlohmann::json& message);
  // The WebSocket closed: a participant is detached (it may resume), a knock leaves the lobby.
  void closed(const SessionPtr& session, ParticipantSession::Closing closing);
  // A media room let a participant go (called on its worker).
  void participantLeft(const std::string& roomId, const std::string& participantId, std::string_view reason);
  // Whether the participant may publish from `source` now (screen sharing needs the permission).
  bool mayPublish(const std::string& roomId, const std::string& participantId, meeting::MediaSource source);

 private:
  struct Effects;
  struct Located {
    std::weak_ptr<ParticipantSession> session;
    media::RoomRef room;
  };

  void enterMedia(const SessionPtr& session, const store::Room& room, const std::string& displayName,
                  meeting::Role role, std::optional<int64_t> requestId);
  // Under the registry lock: what `out` asks for, with recipients resolved.
  Effects collect(const meeting::Meeting& meeting, meeting::Outcome& out);
  // After the lock: sends, media commands, storage, admissions.
  void carryOut(Effects effects);
  // Runs fn on the participant's meeting; the session must be joined.
  void withOwnMeeting(const SessionPtr& session, std::optional<int64_t> requestId,
                      const std::function<Result<void>(meeting::Meeting&, const std::string&, meeting::Outcome&)>& fn);
  std::string actorOf(const SessionPtr& session, const std::string& participantId) const;

  SignalingServices s_;
  AttemptLimiter passwordGuesses_{5, 60'000};  // per room and address
  std::mutex mutex_;  // the directory below
  std::unordered_map<std::string, Located> participants_;                  // by participant id
  std::unordered_map<std::string, std::weak_ptr<ParticipantSession>> lobby_;  // by room id + "/" + lobby id
};

}  // namespace dienhong::signaling
