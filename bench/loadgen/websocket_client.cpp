#include "loadgen/websocket_client.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace dienhong::loadgen {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using asio::ip::tcp;

struct WebSocketClient::Impl {
  Impl(asio::io_context& io, asio::ssl::context& tls, Callbacks cb)
      : resolver(io), ws(io, tls), callbacks(std::move(cb)) {}

  tcp::resolver resolver;
  websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws;
  Callbacks callbacks;
  beast::flat_buffer buffer;
  std::deque<std::string> queue;
  std::string host;
  std::string path;
  bool open = false;
  bool writing = false;
  bool ended = false;
  bool closing = false;

  void end(std::string_view reason) {
    if (ended) return;
    ended = true;
    open = false;
    if (callbacks.onClosed) callbacks.onClosed(reason);
  }
};

std::shared_ptr<WebSocketClient> WebSocketClient::create(asio::io_context& io, asio::ssl::context& tls,
                                                         Callbacks callbacks) {
  return std::shared_ptr<WebSocketClient>(new WebSocketClient(std::make_unique<Impl>(io, tls, std::move(callbacks))));
}

WebSocketClient::WebSocketClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WebSocketClient::~WebSocketClient() = default;

void WebSocketClient::connect(std::string host, std::string port, std::string path) {
  impl_->host = host;
  impl_->path = std::move(path);
  impl_->resolver.async_resolve(host, port, [self = shared_from_this()](beast::error_code error,
                                                                         tcp::resolver::results_type results) {
    if (error) return self->impl_->end("resolve: " + error.message());
    self->connectTo(results);
  });
}

void WebSocketClient::connectTo(const tcp::resolver::results_type& results) {
  beast::get_lowest_layer(impl_->ws).expires_after(std::chrono::seconds(15));
  beast::get_lowest_layer(impl_->ws).async_connect(
      results, [self = shared_from_this()](beast::error_code error, const tcp::endpoint&) {
        if (error) return self->impl_->end("connect: " + error.message());
        self->shakeHands();
      });
}

void WebSocketClient::shakeHands() {
  Impl& s = *impl_;
  beast::get_lowest_layer(s.ws).socket().set_option(tcp::no_delay(true));
  if (!SSL_set_tlsext_host_name(s.ws.next_layer().native_handle(), s.host.c_str())) return s.end("TLS: SNI refused");
  s.ws.next_layer().async_handshake(asio::ssl::stream_base::client, [self = shared_from_this()](beast::error_code error) {
    Impl& t = *self->impl_;
    if (error) return t.end("TLS: " + error.message());
    beast::get_lowest_layer(t.ws).expires_never();
    t.ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    t.ws.async_handshake(t.host, t.path, [self](beast::error_code failure) {
      Impl& u = *self->impl_;
      if (failure) return u.end("WebSocket: " + failure.message());
      u.open = true;
      u.ws.text(true);
      if (u.callbacks.onOpen) u.callbacks.onOpen();
      self->read();
      self->flush();
    });
  });
}

void WebSocketClient::read() {
  auto self = shared_from_this();
  impl_->ws.async_read(impl_->buffer, [self](beast::error_code error, size_t) {
    Impl& s = *self->impl_;
    if (error) return s.end(error == websocket::error::closed ? "closed by the server" : "read: " + error.message());
    const auto data = s.buffer.cdata();
    const std::string_view text(static_cast<const char*>(data.data()), data.size());
    if (s.callbacks.onMessage) s.callbacks.onMessage(text);
    s.buffer.consume(s.buffer.size());
    if (!s.ended) self->read();
  });
}

void WebSocketClient::send(std::string text) {
  if (impl_->ended) return;
  impl_->queue.push_back(std::move(text));
  flush();
}

void WebSocketClient::flush() {
  Impl& s = *impl_;
  if (!s.open || s.writing || s.queue.empty()) return;
  s.writing = true;
  auto self = shared_from_this();
  s.ws.async_write(asio::buffer(s.queue.front()), [self](beast::error_code error, size_t) {
    Impl& t = *self->impl_;
    t.writing = false;
    if (error) return t.end("write: " + error.message());
    t.queue.pop_front();
    if (t.queue.empty() && t.closing) return self->close();
    self->flush();
  });
}

void WebSocketClient::detach() { impl_->callbacks = Callbacks{}; }

void WebSocketClient::close() {
  Impl& s = *impl_;
  if (s.ended) return;
  if (!s.open) return s.end("closed before opening");
  s.closing = true;
  if (s.writing || !s.queue.empty()) return;  // after the queue is written
  s.open = false;
  auto self = shared_from_this();
  s.ws.async_close(websocket::close_code::normal, [self](beast::error_code) { self->impl_->end("closed"); });
}

}  // namespace dienhong::loadgen
