#include "http/server.hpp"

#include <csignal>
#include <thread>

#include <fmt/format.h>

#include "common/logging.hpp"
#include "http/server_state.hpp"

namespace dienhong::http {

using namespace detail;  // NOLINT(google-build-using-namespace): internal types of this module
using logging::Category;

struct Server::Impl {
  explicit Impl(ServerOptions options) : state(std::move(options)) {}

  ServerState state;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;  // parallel to listeners
  std::unique_ptr<tcp::acceptor> redirectAcceptor;
  std::vector<uint16_t> ports;
  uint16_t redirectPort = 0;
  std::atomic<bool> stopping{false};

  Result<std::unique_ptr<tcp::acceptor>> bind(const std::string& address, uint16_t port) {
    beast::error_code ec;
    const auto ip = net::ip::make_address(address, ec);
    if (ec) return Error{"bind_failed", fmt::format("'{}' is not an IP address", address)};
    auto acceptor = std::make_unique<tcp::acceptor>(state.ioc);
    const tcp::endpoint endpoint(ip, port);
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) acceptor->set_option(net::socket_base::reuse_address(true), ec);
    if (!ec && ip.is_v6()) acceptor->set_option(net::ip::v6_only(false), ec);
    if (!ec) acceptor->bind(endpoint, ec);
    if (!ec) acceptor->listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      return Error{"bind_failed",
                   fmt::format("cannot listen on {}:{}: {}", address, port, ec.message())};
    }
    return acceptor;
  }

  net::awaitable<void> acceptLoop(tcp::acceptor& acceptor, const ListenerSpec* listener) {
    for (;;) {
      auto [ec, socket] =
          co_await acceptor.async_accept(net::make_strand(state.ioc), net::as_tuple(net::use_awaitable));
      if (ec) {
        if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
        // EMFILE and friends: log, back off briefly, keep serving the connections we have.
        logging::logger(Category::Error).error("msg=accept_failed error={}", logging::quote(ec.message()));
        net::steady_timer pause(state.ioc, std::chrono::milliseconds(100));
        co_await pause.async_wait(net::as_tuple(net::use_awaitable));
        continue;
      }
      if (listener != nullptr && listener->allowClient) {
        const auto remote = socket.remote_endpoint(ec);
        if (ec || !listener->allowClient(remote.address().to_string())) {
          socket.close(ec);
          continue;
        }
      }
      socket.set_option(tcp::no_delay(true), ec);
      auto executor = socket.get_executor();
      if (listener != nullptr) {
        net::co_spawn(executor, runHttpSession(state, *listener, std::move(socket)),
                      LogEscapedException{"http_session"});
      } else {
        net::co_spawn(executor, runRedirectSession(state, ports.front(), std::move(socket)),
                      LogEscapedException{"redirect_session"});
      }
    }
  }

  void beginDrain() {
    if (stopping.exchange(true)) return;
    state.draining = true;
    logging::logger(Category::System).info("msg=draining connections={}", state.connections.size());
    beast::error_code ignored;
    for (auto& acceptor : acceptors) acceptor->close(ignored);
    if (redirectAcceptor) redirectAcceptor->close(ignored);
    state.connections.closeAll();
    net::co_spawn(state.ioc, waitForDrain(), LogEscapedException{"drain"});
  }

  net::awaitable<void> waitForDrain() {
    const auto deadline = std::chrono::steady_clock::now() + state.options.drainTimeout;
    net::steady_timer timer(state.ioc);
    while (state.connections.size() > 0 && std::chrono::steady_clock::now() < deadline) {
      timer.expires_after(std::chrono::milliseconds(20));
      co_await timer.async_wait(net::as_tuple(net::use_awaitable));
    }
    if (state.connections.size() > 0) {
      logging::logger(Category::System)
          .warn("msg=drain_timeout connections={}", state.connections.size());
    }
    state.ioc.stop();
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() = default;

Result<void> Server::start() {
  auto& state = impl_->state;
  if (auto tls = configureTls(state.tls, state.options.certificateFile.string(),
                              state.options.privateKeyFile.string());
      !tls) {
    return tls.error();
  }
  for (const auto& listener : state.options.listeners) {
    auto acceptor = impl_->bind(listener.address, listener.port);
    if (!acceptor) return acceptor.error();
    impl_->ports.push_back(acceptor.value()->local_endpoint().port());
    impl_->acceptors.push_back(std::move(acceptor.value()));
  }
  if (state.options.redirectPort != 0) {
    auto acceptor = impl_->bind(state.options.redirectAddress, state.options.redirectPort);
    if (!acceptor) return acceptor.error();
    impl_->redirectPort = acceptor.value()->local_endpoint().port();
    impl_->redirectAcceptor = std::move(acceptor.value());
  }
  return success();
}

uint16_t Server::boundPort(ListenerKind kind) const {
  const auto& listeners = impl_->state.options.listeners;
  for (size_t i = 0; i < listeners.size() && i < impl_->ports.size(); ++i) {
    if (listeners[i].kind == kind) return impl_->ports[i];
  }
  return 0;
}

uint16_t Server::boundRedirectPort() const { return impl_->redirectPort; }

void Server::run() {
  auto& state = impl_->state;
  const auto& listeners = state.options.listeners;
  for (size_t i = 0; i < impl_->acceptors.size(); ++i) {
    net::co_spawn(state.ioc, impl_->acceptLoop(*impl_->acceptors[i], &listeners[i]),
                  LogEscapedException{"accept"});
  }
  if (impl_->redirectAcceptor) {
    net::co_spawn(state.ioc, impl_->acceptLoop(*impl_->redirectAcceptor, nullptr),
                  LogEscapedException{"accept"});
  }
  net::signal_set signals(state.ioc, SIGINT, SIGTERM);
  signals.async_wait([this](const beast::error_code& ec, int signal) {
    if (ec) return;
    logging::logger(Category::System).info("msg=signal signal={}", signal);
    impl_->beginDrain();
  });
  if (impl_->stopping) net::post(state.ioc, [this] { impl_->stopping = false; impl_->beginDrain(); });

  std::vector<std::thread> extra;
  for (unsigned i = 1; i < std::max(1U, state.options.ioThreads); ++i) {
    extra.emplace_back([&state] { state.ioc.run(); });
  }
  state.ioc.run();
  for (auto& thread : extra) thread.join();
  state.handlers.join();
  logging::logger(Category::System).info("msg=stopped");
}

void Server::stop() {
  net::post(impl_->state.ioc, [this] { impl_->beginDrain(); });
}

}  // namespace dienhong::http
