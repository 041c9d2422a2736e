#include "loadgen/websocket_client.hpp"

#include <deque>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace dienhong::loadgen {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using asio::ip::tcp;

using TlsStream = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;
using PlainStream = websocket::stream<beast::tcp_stream>;

template <class Stream>
class Client final : public WebSocketClient, public std::enable_shared_from_this<Client<Stream>> {
 public:
  template <class... StreamArgs>
  Client(asio::io_context& io, Callbacks callbacks, std::string subprotocol, StreamArgs&&... streamArgs)
      : resolver_(io), ws_(io, std::forward<StreamArgs>(streamArgs)...), callbacks_(std::move(callbacks)),
        subprotocol_(std::move(subprotocol)) {}

  void connect(std::string host, std::string port, std::string path) override {
    host_ = std::move(host);
    path_ = std::move(path);
    resolver_.async_resolve(host_, port, [self = this->shared_from_this()](beast::error_code error,
                                                                           tcp::resolver::results_type results) {
      if (error) return self->end("resolve: " + error.message());
      self->connectTo(results);
    });
  }

  void send(std::string text) override {
    if (ended_) return;
    queue_.push_back(std::move(text));
    flush();
  }

  void close() override {
    if (ended_) return;
    if (!open_) return end("closed before opening");
    closing_ = true;
    if (writing_ || !queue_.empty()) return;  // after the queue is written
    open_ = false;
    ws_.async_close(websocket::close_code::normal, [self = this->shared_from_this()](beast::error_code) {
      self->end("closed");
    });
  }

  void detach() override { callbacks_ = Callbacks{}; }

 private:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  void connectTo(const tcp::resolver::results_type& results) {
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(15));
    beast::get_lowest_layer(ws_).async_connect(
        results, [self = this->shared_from_this()](beast::error_code error, const tcp::endpoint&) {
          if (error) return self->end("connect: " + error.message());
          beast::get_lowest_layer(self->ws_).socket().set_option(tcp::no_delay(true));
          if constexpr (kTls) {
            self->shakeTlsHands();
          } else {
            self->shakeWebSocketHands();
          }
        });
  }

  void shakeTlsHands() requires kTls {
    if (!SSL_set_tlsext_host_name(ws_.next_layer().native_handle(), host_.c_str())) return end("TLS: SNI refused");
    ws_.next_layer().async_handshake(asio::ssl::stream_base::client,
                                     [self = this->shared_from_this()](beast::error_code error) {
                                       if (error) return self->end("TLS: " + error.message());
                                       self->shakeWebSocketHands();
                                     });
  }

  void shakeWebSocketHands() {
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    if (!subprotocol_.empty()) {
      ws_.set_option(websocket::stream_base::decorator(
          [protocol = subprotocol_](websocket::request_type& request) {
            request.set(http::field::sec_websocket_protocol, protocol);
          }));
    }
    ws_.async_handshake(host_, path_, [self = this->shared_from_this()](beast::error_code failure) {
      if (failure) return self->end("WebSocket: " + failure.message());
      self->open_ = true;
      self->ws_.text(true);
      if (self->callbacks_.onOpen) self->callbacks_.onOpen();
      self->read();
      self->flush();
    });
  }

  void read() {
    ws_.async_read(buffer_, [self = this->shared_from_this()](beast::error_code error, size_t) {
      if (error) return self->end(error == websocket::error::closed ? "closed by the server" : "read: " + error.message());
      const auto data = self->buffer_.cdata();
      const std::string_view text(static_cast<const char*>(data.data()), data.size());
      if (self->callbacks_.onMessage) self->callbacks_.onMessage(text);
      self->buffer_.consume(self->buffer_.size());
      if (!self->ended_) self->read();
    });
  }

  void flush() {
    if (!open_ || writing_ || queue_.empty()) return;
    writing_ = true;
    ws_.async_write(asio::buffer(queue_.front()), [self = this->shared_from_this()](beast::error_code error, size_t) {
      self->writing_ = false;
      if (error) return self->end("write: " + error.message());
      self->queue_.pop_front();
      if (self->queue_.empty() && self->closing_) return self->close();
      self->flush();
    });
  }

  void end(std::string_view reason) {
    if (ended_) return;
    ended_ = true;
    open_ = false;
    if (callbacks_.onClosed) callbacks_.onClosed(reason);
  }

  tcp::resolver resolver_;
  Stream ws_;
  Callbacks callbacks_;
  std::string subprotocol_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  std::string host_;
  std::string path_;
  bool open_ = false;
  bool writing_ = false;
  bool ended_ = false;
  bool closing_ = false;
};

}  // namespace

std::shared_ptr<WebSocketClient> WebSocketClient::create(asio::io_context& io, asio::ssl::context* tls,
                                                         Callbacks callbacks, std::string subprotocol) {
  if (tls) return std::make_shared<Client<TlsStream>>(io, std::move(callbacks), std::move(subprotocol), *tls);
  return std::make_shared<Client<PlainStream>>(io, std::move(callbacks), std::move(subprotocol));
}

}  // namespace dienhong::loadgen
