// Internal to src/http: what every connection of a Server shares. The only header besides the
// *_session.cpp files that names Beast and Asio types.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "http/connection_registry.hpp"
#include "http/rate_limiter.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"

namespace dienhong::http::detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;
using BeastRequest = bhttp::request<bhttp::string_body>;

struct ServerState {
  explicit ServerState(ServerOptions opts)
      : options(std::move(opts)),
        handlers(options.handlerThreads),
        tls(net::ssl::context::tls_server),
        staticFiles(options.webRoot),
        rateLimiter(options.limits.requestsPerSecond, options.limits.requestBurst),
        connections(options.limits.maxConnectionsPerClient) {}

  ServerOptions options;
  net::io_context ioc;
  net::thread_pool handlers;
  net::ssl::context tls;
  StaticFiles staticFiles;
  RateLimiter rateLimiter;
  ConnectionRegistry connections;
  std::atomic<bool> draining{false};
};

// TLS 1.2+ with forward-secret AEAD suites only; the certificate chain and key from files.
Result<void> configureTls(net::ssl::context& tls, const std::string& certFile,
                          const std::string& keyFile);

std::string newRequestId();

// Completion handler for co_spawn: an exception that escapes a connection is logged and ends
// that connection only; it never reaches io_context::run() (which would end the process).
struct LogEscapedException {
  const char* where;
  void operator()(std::exception_ptr error) const;
};

net::awaitable<void> runHttpSession(ServerState& state, const ListenerSpec& listener,
                                    tcp::socket socket);
net::awaitable<void> runRedirectSession(ServerState& state, uint16_t httpsPort, tcp::socket socket);
net::awaitable<void> runWebSocketSession(ServerState& state, const ListenerSpec& listener,
                                         TlsStream stream, BeastRequest upgrade, Request info,
                                         std::unique_ptr<ConnectionRegistry::Ticket> ticket);

}  // namespace dienhong::http::detail
