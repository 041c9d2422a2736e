// WebSocket interfaces for modules above http (signalling, chat): a peer they can send to from
// any thread, and a handler the server calls. No Beast types cross this boundary.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace dienhong::http {

class WebSocketPeer {
 public:
  virtual ~WebSocketPeer() = default;
  // Queues a text message; safe from any thread. A peer that falls too far behind is closed.
  virtual void send(std::string text) = 0;
  // Closes with a WebSocket close code (RFC 6455 §7.4) and a short reason.
  virtual void close(uint16_t code, std::string reason) = 0;
  virtual const std::string& id() const = 0;
};

class WebSocketHandler {
 public:
  virtual ~WebSocketHandler() = default;
  // The upgrade request (headers, cookies, client address) as the server accepted it.
  virtual void onOpen(const std::shared_ptr<WebSocketPeer>& peer, const Request& upgrade) = 0;
  // Called on the connection's strand, one message at a time; must not block.
  virtual void onMessage(const std::shared_ptr<WebSocketPeer>& peer, std::string_view text) = 0;
  virtual void onClose(const std::shared_ptr<WebSocketPeer>& peer) = 0;
};

}  // namespace dienhong::http
