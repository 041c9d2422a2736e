// WebSocketClient: one signalling WebSocket, as a browser opens it — over TLS (wss://, Diên
// Hồng) or plain (ws://, Janus inside the bench's own network namespace), optionally offering a
// subprotocol. Messages are JSON text, sent in order from a queue, received one at a time.
// Everything runs on the owner's io_context; callbacks come from it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

namespace dienhong::loadgen {

class WebSocketClient {
 public:
  struct Callbacks {
    std::function<void()> onOpen;
    std::function<void(std::string_view text)> onMessage;
    std::function<void(std::string_view reason)> onClosed;  // once, on any end
  };

  // wss:// when `tls` is given, ws:// when it is null. `subprotocol`: the Sec-WebSocket-Protocol
  // to ask for (Janus wants "janus-protocol"); empty asks for none.
  static std::shared_ptr<WebSocketClient> create(boost::asio::io_context& io, boost::asio::ssl::context* tls,
                                                 Callbacks callbacks, std::string subprotocol = {});
  virtual ~WebSocketClient() = default;

  virtual void connect(std::string host, std::string port, std::string path) = 0;
  virtual void send(std::string text) = 0;
  virtual void close() = 0;
  // Forgets the callbacks: the owner is going away while operations may still complete.
  virtual void detach() = 0;
};

}  // namespace dienhong::loadgen
