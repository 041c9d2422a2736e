// ParticipantSession: the meeting state of one signalling WebSocket — idle, joining, waiting in a
// room's lobby, or in a room as one participant — who is behind it (account or guest, address),
// and the ParticipantObserver through which the media room reaches the browser. Rooms call the
// observer on their worker thread, the connection handler uses the state on the connection's
// strand; a small mutex keeps the two apart (control plane only, never the media path).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "http/websocket.hpp"
#include "media/room/participant_observer.hpp"
#include "media/service/media_service.hpp"
#include "meeting/meeting.hpp"

namespace dienhong::signaling {

class ParticipantSession final : public media::ParticipantObserver {
 public:
  enum class State { Idle, Joining, Waiting, Joined, Closed };

  struct Membership {
    media::RoomRef room;
    std::string participantId;
    std::string resumeToken;
  };

  // Knocked at a room's door; what the join needs once a chair admits it.
  struct Knock {
    std::string roomId;
    std::string lobbyId;
    std::string displayName;
  };

  ParticipantSession(std::weak_ptr<http::WebSocketPeer> peer, meeting::Identity identity)
      : peer_(std::move(peer)), identity_(std::move(identity)) {}

  void send(const nlohmann::json& message);
  const meeting::Identity& identity() const { return identity_; }

  // State transitions; each returns false (or nullopt) when the current state does not allow it.
  bool beginJoin();                          // Idle -> Joining
  bool wait(Knock knock);                    // Joining -> Waiting
  std::optional<Knock> admitted();           // Waiting -> Joining
  std::optional<Knock> stopWaiting();        // Waiting -> Idle (rejected, meeting ended)
  bool completeJoin(Membership membership);  // Joining -> Joined; false if Closed meanwhile
  void failJoin();                           // Joining -> Idle
  std::optional<Membership> membership() const;
  std::optional<Membership> leave();  // Joined -> Idle
  struct Closing {
    std::optional<Membership> membership;  // to detach
    std::optional<Knock> knock;            // to take out of the lobby
  };
  Closing close();  // any -> Closed

  void subscribeOffer(const std::string& sdp, uint64_t version,
                      const std::vector<media::SubscribedTrack>& tracks) override;
  void dominantSpeaker(const std::optional<std::string>& participantId) override;
  void removed(std::string_view reason) override;

 private:
  std::weak_ptr<http::WebSocketPeer> peer_;
  const meeting::Identity identity_;
  mutable std::mutex mutex_;
  State state_ = State::Idle;
  std::optional<Membership> membership_;
  std::optional<Knock> knock_;
};

}  // namespace dienhong::signaling
