// ParticipantSession: the meeting state of one signalling WebSocket — idle, joining, or in a
// room as one participant — and the ParticipantObserver through which that room reaches the
// browser. Rooms call the observer on their worker thread, the connection handler uses the
// state on the connection's strand; a small mutex keeps the two apart (control plane only,
// never the media path).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "http/websocket.hpp"
#include "media/room/participant_observer.hpp"
#include "media/service/media_service.hpp"

namespace dienhong::signaling {

class ParticipantSession final : public media::ParticipantObserver {
 public:
  enum class State { Idle, Joining, Joined, Closed };

  struct Membership {
    media::RoomRef room;
    std::string participantId;
    std::string resumeToken;
  };

  explicit ParticipantSession(std::weak_ptr<http::WebSocketPeer> peer) : peer_(std::move(peer)) {}

  void send(const nlohmann::json& message);

  // State transitions; each returns false when the current state does not allow it.
  bool beginJoin();                   // Idle -> Joining
  bool completeJoin(Membership membership);  // Joining -> Joined; false if Closed meanwhile
  void failJoin();                    // Joining -> Idle
  std::optional<Membership> membership() const;
  std::optional<Membership> leave();  // Joined -> Idle
  std::optional<Membership> close();  // any -> Closed; the membership to detach, if any

  void participantJoined(const media::ParticipantInfo& participant) override;
  void participantLeft(std::string_view participantId) override;
  void subscribeOffer(const std::string& sdp, uint64_t version,
                      const std::vector<media::SubscribedTrack>& tracks) override;
  void dominantSpeaker(const std::optional<std::string>& participantId) override;
  void removed(std::string_view reason) override;

 private:
  std::weak_ptr<http::WebSocketPeer> peer_;
  mutable std::mutex mutex_;
  State state_ = State::Idle;
  std::optional<Membership> membership_;
};

}  // namespace dienhong::signaling
