// ConnectionHandler: the meeting signalling endpoint (/api/v1/ws), protocol in
// docs/signaling.md. It knows who is behind each connection (the session cookie of the upgrade,
// or a guest), validates each JSON message, keeps one ParticipantSession per connection, hands
// meeting messages to the MeetingCoordinator and media messages to the media service, which runs
// them on the room's worker; replies go back through the (thread-safe) WebSocket peer.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <nlohmann/json_fwd.hpp>

#include "http/websocket.hpp"
#include "media/service/media_service.hpp"
#include "signaling/meeting_coordinator.hpp"
#include "signaling/participant_session.hpp"

namespace dienhong::signaling {

inline constexpr int kProtocolVersion = 1;

class ConnectionHandler final : public http::WebSocketHandler {
 public:
  explicit ConnectionHandler(SignalingServices services) : services_(services), meetings_(services) {}

  // A media room let a participant go (MediaServiceOptions::participantLeft).
  void onParticipantLeft(const std::string& roomId, const std::string& participantId, std::string_view reason) {
    meetings_.participantLeft(roomId, participantId, reason);
  }

  // S2.2: someone connected to a meeting is not idle. Marks the sign-in session of every
  // connected account as active now (the housekeeper calls it every half minute).
  void keepAccountSessionsAlive(int64_t nowMs);

  void onOpen(const std::shared_ptr<http::WebSocketPeer>& peer, const http::Request& upgrade) override;
  void onMessage(const std::shared_ptr<http::WebSocketPeer>& peer, std::string_view text) override;
  void onClose(const std::shared_ptr<http::WebSocketPeer>& peer) override;

 private:
  using SessionPtr = std::shared_ptr<ParticipantSession>;
  SessionPtr sessionOf(const http::WebSocketPeer& peer);
  void publish(const SessionPtr& session, const nlohmann::json& message);
  void subscribeAnswer(const SessionPtr& session, const nlohmann::json& message);
  void layout(const SessionPtr& session, const nlohmann::json& message);
  void restartIce(const SessionPtr& session, const nlohmann::json& message);
  void getStats(const SessionPtr& session, const nlohmann::json& message);

  SignalingServices services_;
  MeetingCoordinator meetings_;
  std::mutex mutex_;
  std::unordered_map<std::string, SessionPtr> sessions_;
  std::unordered_map<std::string, std::string> accountSessions_;  // connection id → sign-in session id
};

}  // namespace dienhong::signaling
