// Plain-HTTP listener that only redirects to HTTPS (308, same path): nothing is served in clear.
#include "common/logging.hpp"
#include "http/server_state.hpp"

namespace dienhong::http::detail {
namespace {

// Host header without its port; empty if it holds anything but host name / IP literal bytes.
std::string hostWithoutPort(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    const size_t close = host.find(']');
    if (close == std::string_view::npos) return {};
    host = host.substr(0, close + 1);
  } else if (const size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return {};
  }
  return std::string(host);
}

}  // namespace

net::awaitable<void> runRedirectSession(ServerState& state, uint16_t httpsPort, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  bhttp::request_parser<bhttp::empty_body> parser;
  parser.header_limit(static_cast<uint32_t>(state.options.limits.maxHeaderBytes));
  stream.expires_after(state.options.limits.requestTimeout);
  auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, net::as_tuple(net::use_awaitable));
  bhttp::response<bhttp::empty_body> response;
  response.version(11);
  response.keep_alive(false);
  response.set(bhttp::field::server, "DienHong");
  std::string host = ec ? std::string() : hostWithoutPort(parser.get()[bhttp::field::host]);
  std::string target = ec ? std::string("/") : std::string(parser.get().target());
  if (host.empty() || target.empty() || target.front() != '/') {
    response.result(bhttp::status::bad_request);
  } else {
    response.result(bhttp::status::permanent_redirect);
    response.set(bhttp::field::location, "https://" + host + ":" + std::to_string(httpsPort) + target);
  }
  response.content_length(0);
  co_await bhttp::async_write(stream, response, net::as_tuple(net::use_awaitable));
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace dienhong::http::detail
