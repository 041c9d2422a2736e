// One WebSocket connection (RFC 6455) over TLS: origin check, message size limit, keepalive
// pings, and a bounded outgoing queue so a slow reader cannot make the server buffer forever.
#include <deque>

#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "common/logging.hpp"
#include "http/security_headers.hpp"
#include "http/server_state.hpp"

namespace dienhong::http::detail {
namespace {

namespace websocket = beast::websocket;
using logging::Category;
using logging::quote;
constexpr auto useAwaitable = net::as_tuple(net::use_awaitable);
constexpr size_t kMaxQueuedBytes = 4 * 1024 * 1024;

class Connection final : public WebSocketPeer, public std::enable_shared_from_this<Connection> {
 public:
  Connection(TlsStream stream, std::string id) : ws_(std::move(stream)), id_(std::move(id)) {}

  websocket::stream<TlsStream>& ws() { return ws_; }
  const std::string& id() const override { return id_; }

  void send(std::string text) override {
    net::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      self->enqueue(std::move(text));
    });
  }

  void close(uint16_t code, std::string reason) override {
    net::post(ws_.get_executor(), [self = shared_from_this(), code, reason = std::move(reason)] {
      self->requestClose(websocket::close_reason(static_cast<websocket::close_code>(code), reason));
    });
  }

 private:
  void enqueue(std::string text) {
    if (closeRequested_) return;
    if (queuedBytes_ + text.size() > kMaxQueuedBytes) {
      logging::logger(Category::Access).warn("msg=websocket_slow_consumer id={}", id_);
      requestClose(websocket::close_reason(websocket::close_code::policy_error, "too slow"));
      return;
    }
    queuedBytes_ += text.size();
    queue_.push_back(std::move(text));
    startWriting();
  }

  void requestClose(websocket::close_reason reason) {
    if (closeRequested_) return;
    closeRequested_ = true;
    closeReason_ = std::move(reason);
    startWriting();
  }

  void startWriting() {
    if (writing_) return;
    writing_ = true;
    net::co_spawn(ws_.get_executor(), writeLoop(shared_from_this()),
                  LogEscapedException{"websocket_write"});
  }

  // Beast allows one write-type operation at a time: messages, then the close frame, in order.
  static net::awaitable<void> writeLoop(std::shared_ptr<Connection> self) {
    while (!self->queue_.empty() && !self->failed_) {
      self->ws_.text(true);
      auto [ec, n] = co_await self->ws_.async_write(net::buffer(self->queue_.front()), useAwaitable);
      self->queuedBytes_ -= self->queue_.front().size();
      self->queue_.pop_front();
      if (ec) self->failed_ = true;
    }
    if (self->closeRequested_ && !self->failed_ && self->ws_.is_open()) {
      co_await self->ws_.async_close(self->closeReason_, useAwaitable);
    }
    self->writing_ = false;
  }

  websocket::stream<TlsStream> ws_;
  std::string id_;
  std::deque<std::string> queue_;
  size_t queuedBytes_ = 0;
  bool writing_ = false;
  bool failed_ = false;
  bool closeRequested_ = false;
  websocket::close_reason closeReason_;
};

// Cross-site WebSocket hijacking: a browser always sends Origin; it must name this very host.
bool originAllowed(const Request& info) {
  const auto origin = info.header("Origin");
  if (!origin) return true;  // not a browser; authentication still applies above us
  const auto host = info.header("Host");
  return host && *origin == "https://" + std::string(*host);
}

}  // namespace

net::awaitable<void> runWebSocketSession(ServerState& state, const ListenerSpec& listener,
                                         TlsStream stream, BeastRequest upgrade, Request info,
                                         std::unique_ptr<ConnectionRegistry::Ticket> ticket) {
  const auto& limits = state.options.limits;
  if (!originAllowed(info)) {
    logging::logger(Category::Access)
        .warn("msg=websocket_origin_refused client={} origin={} request_id={}", info.clientAddress,
              quote(info.header("Origin").value_or("")), info.requestId);
    bhttp::response<bhttp::string_body> refusal{bhttp::status::forbidden, upgrade.version()};
    Response body = errorResponse(403, "origin_not_allowed", "Origin not allowed.", info.requestId);
    applySecurityHeaders(body, true);
    for (const auto& h : body.headers) refusal.set(h.name, h.value);
    refusal.set(bhttp::field::content_type, body.contentType);
    refusal.body() = body.body;
    refusal.keep_alive(false);
    refusal.prepare_payload();
    co_await bhttp::async_write(stream, refusal, useAwaitable);
    co_return;
  }

  auto connection = std::make_shared<Connection>(std::move(stream), info.requestId);
  auto& ws = connection->ws();
  beast::get_lowest_layer(ws).expires_never();
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = std::chrono::seconds(10);
  timeouts.idle_timeout = limits.webSocketPingInterval * 2;  // a ping after half of it
  timeouts.keep_alive_pings = true;
  ws.set_option(timeouts);
  ws.read_message_max(limits.maxWebSocketMessageBytes);
  ws.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
    res.set(bhttp::field::server, "DienHong");
  }));
  if (auto [ec] = co_await ws.async_accept(upgrade, useAwaitable); ec) co_return;

  std::weak_ptr<Connection> weak = connection;
  ticket->setCloser([weak] {
    if (auto c = weak.lock()) c->close(1001, "server shutting down");
  });
  logging::logger(Category::Access)
      .info("msg=websocket_open id={} client={}", connection->id(), info.clientAddress);

  std::shared_ptr<WebSocketPeer> peer = connection;
  listener.webSocket->onOpen(peer, info);
  beast::flat_buffer buffer;
  for (;;) {
    auto [ec, n] = co_await ws.async_read(buffer, useAwaitable);
    if (ec) {
      if (ec == websocket::error::message_too_big) {
        logging::logger(Category::Access)
            .warn("msg=websocket_message_too_big id={}", connection->id());
      }
      break;
    }
    if (!ws.got_text()) {
      connection->close(static_cast<uint16_t>(websocket::close_code::bad_payload),
                        "text messages only");
    } else {
      const auto data = buffer.cdata();
      try {
        listener.webSocket->onMessage(
            peer, std::string_view(static_cast<const char*>(data.data()), data.size()));
      } catch (const std::exception& e) {
        logging::logger(Category::Error)
            .error("msg=websocket_handler_exception id={} what={}", connection->id(), quote(e.what()));
        connection->close(static_cast<uint16_t>(websocket::close_code::internal_error), "internal error");
      }
    }
    buffer.consume(buffer.size());
  }
  listener.webSocket->onClose(peer);
  logging::logger(Category::Access).info("msg=websocket_close id={}", connection->id());
}

}  // namespace dienhong::http::detail
