// WebSocketClient: one signalling WebSocket over TLS (wss://host:port/path), as a browser opens
// it: messages are JSON text, sent in order from a queue, received one at a time. Everything runs
// on the owner's io_context; callbacks come from it.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

namespace dienhong::loadgen {

class WebSocketClient : public std::enable_shared_from_this<WebSocketClient> {
 public:
  struct Callbacks {
    std::function<void()> onOpen;
    std::function<void(std::string_view text)> onMessage;
    std::function<void(std::string_view reason)> onClosed;  // once, on any end
  };

  static std::shared_ptr<WebSocketClient> create(boost::asio::io_context& io, boost::asio::ssl::context& tls,
                                                 Callbacks callbacks);
  ~WebSocketClient();

  void connect(std::string host, std::string port, std::string path);
  void send(std::string text);
  void close();
  // Forgets the callbacks: the owner is going away while operations may still complete.
  void detach();

 private:
  struct Impl;
  void connectTo(const boost::asio::ip::tcp::resolver::results_type& results);
  void shakeHands();
  void read();
  void flush();
  explicit WebSocketClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dienhong::loadgen
