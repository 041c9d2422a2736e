// ConnectionHandler: the meeting signalling endpoint (/api/v1/ws). For now it greets, answers
// pings, and refuses malformed messages; joining rooms and media negotiation build on it.
// Protocol: JSON text messages with a "type" member.
#pragma once

#include "http/websocket.hpp"

namespace dienhong::signaling {

inline constexpr int kProtocolVersion = 1;

class ConnectionHandler final : public http::WebSocketHandler {
 public:
  void onOpen(const std::shared_ptr<http::WebSocketPeer>& peer, const http::Request& upgrade) override;
  void onMessage(const std::shared_ptr<http::WebSocketPeer>& peer, std::string_view text) override;
  void onClose(const std::shared_ptr<http::WebSocketPeer>& peer) override;
};

}  // namespace dienhong::signaling
