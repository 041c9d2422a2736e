// One HTTPS connection: TLS handshake, then requests one at a time (keep-alive) under the limits
// of ServerOptions. Bad input gets a JSON 4xx and the connection closes; handlers run on the
// handler pool; an exception from a handler becomes a 500 whose body reveals nothing.
#include <chrono>

#include <boost/beast/websocket.hpp>
#include <sodium.h>

#include "common/logging.hpp"
#include "http/security_headers.hpp"
#include "http/server_state.hpp"

namespace dienhong::http::detail {
namespace {

using logging::Category;
using logging::quote;
constexpr auto useAwaitable = net::as_tuple(net::use_awaitable);

Method toMethod(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get: return Method::Get;
    case bhttp::verb::head: return Method::Head;
    case bhttp::verb::post: return Method::Post;
    case bhttp::verb::put: return Method::Put;
    case bhttp::verb::patch: return Method::Patch;
    case bhttp::verb::delete_: return Method::Delete;
    case bhttp::verb::options: return Method::Options;
    default: return Method::Other;
  }
}

Request toRequest(const BeastRequest& in, const std::string& client, ListenerKind kind) {
  Request out;
  out.method = toMethod(in.method());
  const std::string_view target = in.target();
  const size_t q = target.find('?');
  out.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) out.query = std::string(target.substr(q + 1));
  for (const auto& field : in) {
    out.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  }
  out.body = in.body();
  out.clientAddress = client;
  out.requestId = newRequestId();
  out.listener = kind;
  return out;
}

// Writes a Response; HEAD keeps Content-Length but sends no body.
net::awaitable<beast::error_code> writeResponse(TlsStream& stream, const Response& response,
                                                unsigned version, bool keepAlive, bool head) {
  const auto status = static_cast<bhttp::status>(response.status);
  auto fill = [&](auto& message) {
    message.set(bhttp::field::server, "DienHong");
    if (!response.contentType.empty()) message.set(bhttp::field::content_type, response.contentType);
    for (const auto& h : response.headers) message.set(h.name, h.value);
    message.keep_alive(keepAlive);
  };
  if (head || response.status == 304 || response.status == 204) {
    bhttp::response<bhttp::empty_body> message{status, version};
    fill(message);
    if (head) message.content_length(response.body.size());
    auto [ec, n] = co_await bhttp::async_write(stream, message, useAwaitable);
    co_return ec;
  }
  bhttp::response<bhttp::string_body> message{status, version, response.body};
  fill(message);
  message.prepare_payload();
  auto [ec, n] = co_await bhttp::async_write(stream, message, useAwaitable);
  co_return ec;
}

net::awaitable<Response> runHandler(ServerState& state, const Router& router, Request& request) {
  co_return co_await net::co_spawn(
      state.handlers,
      [&]() -> net::awaitable<Response> {
        try {
          co_return router.dispatch(request);
        } catch (const std::exception& e) {
          logging::logger(Category::Error)
              .error("msg=handler_exception request_id={} path={} what={}", request.requestId,
                     quote(request.path), quote(e.what()));
        } catch (...) {
          logging::logger(Category::Error)
              .error("msg=handler_exception request_id={} path={}", request.requestId,
                     quote(request.path));
        }
        co_return errorResponse(500, "internal_error", "An internal error occurred.",
                                request.requestId);
      },
      net::use_awaitable);
}

net::awaitable<Response> handle(ServerState& state, const ListenerSpec& listener, Request& request,
                                bool& isApi) {
  isApi = true;
  if (listener.webSocket == nullptr && !state.rateLimiter.allow(request.clientAddress)) {
    Response r = errorResponse(429, "rate_limited", "Too many requests.", request.requestId);
    r.setHeader("Retry-After", "1");
    co_return r;
  }
  if (!request.path.starts_with("/")) {
    co_return errorResponse(400, "bad_request", "Malformed request target.", request.requestId);
  }
  if (request.path.starts_with("/api/") || listener.router->matchesPath(request.path)) {
    co_return co_await runHandler(state, *listener.router, request);
  }
  isApi = false;
  if (auto file = state.staticFiles.serve(request)) co_return std::move(*file);
  isApi = true;
  if (request.method != Method::Get && request.method != Method::Head) {
    Response r = errorResponse(405, "method_not_allowed", "Method not allowed on this resource.",
                               request.requestId);
    r.setHeader("Allow", "GET, HEAD");
    co_return r;
  }
  co_return errorResponse(404, "not_found", "No such resource.", request.requestId);
}

// Parse failures mapped to the client-facing error; all of them close the connection.
Response parseErrorResponse(const beast::error_code& ec, const std::string& requestId) {
  if (ec == bhttp::error::header_limit) {
    return errorResponse(431, "header_too_large", "Request header fields too large.", requestId);
  }
  if (ec == bhttp::error::body_limit) {
    return errorResponse(413, "body_too_large", "Request body too large.", requestId);
  }
  return errorResponse(400, "bad_request", "Malformed HTTP request.", requestId);
}

bool isDisconnect(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
         ec == net::error::operation_aborted || ec == net::error::eof ||
         ec == net::error::connection_reset || ec == net::ssl::error::stream_truncated ||
         ec == bhttp::error::partial_message;
}

}  // namespace

void LogEscapedException::operator()(std::exception_ptr error) const {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    logging::logger(Category::Error).error("msg=coroutine_exception where={} what={}", where, quote(e.what()));
  } catch (...) {
    logging::logger(Category::Error).error("msg=coroutine_exception where={}", where);
  }
}

std::string newRequestId() {
  unsigned char bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (unsigned char b : bytes) {
    id.push_back(kHex[b >> 4]);
    id.push_back(kHex[b & 15]);
  }
  return id;
}

net::awaitable<void> runHttpSession(ServerState& state, const ListenerSpec& listener,
                                    tcp::socket socket) {
  beast::error_code ignored;
  const auto remote = socket.remote_endpoint(ignored);
  const std::string client = remote.address().to_string();
  const auto& limits = state.options.limits;

  TlsStream stream(std::move(socket), state.tls);
  // Drain support: the registry may ask from any thread; the control block is only touched on
  // our strand, and we detach it on exit so a late request cannot reach a destroyed stream.
  struct DrainControl {
    bool idle = false;
    bool closing = false;
    beast::tcp_stream* socket = nullptr;
  };
  auto control = std::make_shared<DrainControl>();
  control->socket = &beast::get_lowest_layer(stream);
  struct Detach {
    std::shared_ptr<DrainControl> control;
    ~Detach() { control->socket = nullptr; }
  } detach{control};
  auto executor = stream.get_executor();
  auto ticket = state.connections.admit(client, [executor, control] {
    net::post(executor, [control] {
      control->closing = true;
      if (control->idle && control->socket != nullptr) control->socket->cancel();
    });
  });
  if (!ticket) {
    logging::logger(Category::Access).warn("msg=connection_refused client={} reason=limit", client);
    co_return;
  }

  beast::get_lowest_layer(stream).expires_after(limits.requestTimeout);
  if (auto [ec] = co_await stream.async_handshake(net::ssl::stream_base::server, useAwaitable); ec) {
    logging::logger(Category::Access).debug("msg=tls_handshake_failed client={} error={}", client,
                                            quote(ec.message()));
    co_return;
  }

  beast::flat_buffer buffer;
  for (;;) {
    if (buffer.size() == 0) {
      if (control->closing) break;
      control->idle = true;
      beast::get_lowest_layer(stream).expires_after(limits.idleTimeout);
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), useAwaitable);
      control->idle = false;
      if (ec) break;
      buffer.commit(n);
    }
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<uint32_t>(limits.maxHeaderBytes));
    parser.body_limit(limits.maxBodyBytes);
    beast::get_lowest_layer(stream).expires_after(limits.requestTimeout);
    const auto started = std::chrono::steady_clock::now();
    auto [readError, bytes] = co_await bhttp::async_read(stream, buffer, parser, useAwaitable);
    if (readError) {
      if (isDisconnect(readError)) break;
      const std::string requestId = newRequestId();
      Response response = parseErrorResponse(readError, requestId);
      applySecurityHeaders(response, true);
      response.setHeader("X-Request-Id", requestId);
      logging::logger(Category::Access)
          .warn("msg=bad_request client={} status={} error={} request_id={}", client,
                response.status, quote(readError.message()), requestId);
      co_await writeResponse(stream, response, 11, false, false);
      break;
    }

    BeastRequest& beastRequest = parser.get();
    if (listener.webSocket != nullptr && !state.rateLimiter.allow(client)) {
      Request refused = toRequest(beastRequest, client, listener.kind);
      Response response = errorResponse(429, "rate_limited", "Too many requests.", refused.requestId);
      response.setHeader("Retry-After", "1");
      applySecurityHeaders(response, true);
      co_await writeResponse(stream, response, beastRequest.version(), false, false);
      break;
    }
    if (listener.webSocket != nullptr && boost::beast::websocket::is_upgrade(beastRequest) &&
        beastRequest.target() == kWebSocketPath) {
      Request info = toRequest(beastRequest, client, listener.kind);
      control->socket = nullptr;  // the WebSocket session registers its own closer
      co_await runWebSocketSession(state, listener, std::move(stream), parser.release(),
                                   std::move(info), std::move(ticket));
      co_return;
    }

    Request request = toRequest(beastRequest, client, listener.kind);
    bool isApi = true;
    Response response = co_await handle(state, listener, request, isApi);
    applySecurityHeaders(response, isApi);
    response.setHeader("X-Request-Id", request.requestId);
    const bool keepAlive = beastRequest.keep_alive() && !control->closing &&
                           !state.draining.load(std::memory_order_relaxed);
    const bool head = request.method == Method::Head;
    beast::get_lowest_layer(stream).expires_after(limits.requestTimeout);
    const auto writeError =
        co_await writeResponse(stream, response, beastRequest.version(), keepAlive, head);
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started).count();
    logging::logger(Category::Access)
        .info("msg=request request_id={} client={} listener={} method={} path={} status={} "
              "bytes={} us={}",
              request.requestId, client,
              listener.kind == ListenerKind::Admin ? "admin" : "public",
              toString(request.method), quote(request.path), response.status,
              response.body.size(), micros);
    if (writeError || !keepAlive) break;
  }
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(1));
  co_await stream.async_shutdown(useAwaitable);
}

}  // namespace dienhong::http::detail
