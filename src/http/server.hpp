// Server: the control plane's HTTPS and WebSocket server (Boost.Beast, C++20 coroutines).
// One listener for users and one for administration (S2.1); optional plain-HTTP redirect.
// Handlers run on a separate pool so a slow handler (argon2id, database) never stalls I/O.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "http/websocket.hpp"

namespace dienhong::http {

struct Limits {
  size_t maxHeaderBytes = 8 * 1024;
  size_t maxBodyBytes = 1024 * 1024;
  std::chrono::seconds requestTimeout{15};  // to receive one whole request once it has begun
  std::chrono::seconds idleTimeout{60};     // keep-alive connection with no request
  double requestsPerSecond = 50;            // per client address
  double requestBurst = 100;
  size_t maxConnectionsPerClient = 256;
  size_t maxWebSocketMessageBytes = 2 * 1024 * 1024;  // as Config::websocketMaxMessageBytes
  std::chrono::seconds webSocketPingInterval{20};
};

struct ListenerSpec {
  ListenerKind kind = ListenerKind::Public;
  std::string address = "0.0.0.0";
  uint16_t port = 0;  // 0: the system chooses; boundPort() tells which
  const Router* router = nullptr;
  WebSocketHandler* webSocket = nullptr;  // served at kWebSocketPath when set
  // When set, a connection from an address it refuses is closed at once, before TLS (S2.3).
  std::function<bool(const std::string& clientAddress)> allowClient;
};

inline constexpr std::string_view kWebSocketPath = "/api/v1/ws";

struct ServerOptions {
  std::vector<ListenerSpec> listeners;
  std::string redirectAddress = "0.0.0.0";
  uint16_t redirectPort = 0;  // plain HTTP that only redirects to HTTPS; 0 = off
  std::filesystem::path certificateFile;
  std::filesystem::path privateKeyFile;
  std::filesystem::path webRoot;
  Limits limits;
  unsigned ioThreads = 1;
  unsigned handlerThreads = 4;
  std::chrono::milliseconds drainTimeout{4000};
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Loads TLS material and binds every listener; errors name the address and port.
  Result<void> start();
  uint16_t boundPort(ListenerKind kind) const;
  uint16_t boundRedirectPort() const;

  // Serves until stop() or SIGTERM/SIGINT, then stops accepting, lets in-flight requests finish
  // and closes idle connections, for at most drainTimeout.
  void run();
  // Thread-safe; returns at once.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dienhong::http
