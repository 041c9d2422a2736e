// ConnectionHandler: the meeting signalling endpoint (/api/v1/ws), protocol in
// docs/signaling.md. It validates each JSON message, keeps one ParticipantSession per
// connection, and hands room operations to the media service, which runs them on the room's
// worker; replies go back through the (thread-safe) WebSocket peer.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <nlohmann/json_fwd.hpp>

#include "http/websocket.hpp"
#include "media/service/media_service.hpp"
#include "signaling/participant_session.hpp"

namespace dienhong::signaling {

inline constexpr int kProtocolVersion = 1;

class ConnectionHandler final : public http::WebSocketHandler {
 public:
  explicit ConnectionHandler(media::MediaService& media) : media_(media) {}

  void onOpen(const std::shared_ptr<http::WebSocketPeer>& peer, const http::Request& upgrade) override;
  void onMessage(const std::shared_ptr<http::WebSocketPeer>& peer, std::string_view text) override;
  void onClose(const std::shared_ptr<http::WebSocketPeer>& peer) override;

 private:
  using SessionPtr = std::shared_ptr<ParticipantSession>;
  SessionPtr sessionOf(const http::WebSocketPeer& peer);
  void join(const SessionPtr& session, const nlohmann::json& message);
  void resume(const SessionPtr& session, const nlohmann::json& message);
  void publish(const SessionPtr& session, const nlohmann::json& message);
  void subscribeAnswer(const SessionPtr& session, const nlohmann::json& message);
  void layout(const SessionPtr& session, const nlohmann::json& message);
  void restartIce(const SessionPtr& session, const nlohmann::json& message);
  void getStats(const SessionPtr& session, const nlohmann::json& message);
  void leave(const SessionPtr& session, const nlohmann::json& message);

  media::MediaService& media_;
  std::mutex mutex_;
  std::unordered_map<std::string, SessionPtr> sessions_;
};

}  // namespace dienhong::signaling
