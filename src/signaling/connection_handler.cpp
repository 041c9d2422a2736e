#include "signaling/connection_handler.hpp"

#include <nlohmann/json.hpp>

#include "common/logging.hpp"

namespace dienhong::signaling {
namespace {

std::string errorMessage(std::string_view code, std::string_view message) {
  return nlohmann::json{{"type", "error"}, {"code", code}, {"message", message}}.dump();
}

}  // namespace

void ConnectionHandler::onOpen(const std::shared_ptr<http::WebSocketPeer>& peer,
                               const http::Request&) {
  peer->send(nlohmann::json{{"type", "hello"},
                            {"protocol", kProtocolVersion},
                            {"connectionId", peer->id()}}
                 .dump());
}

void ConnectionHandler::onMessage(const std::shared_ptr<http::WebSocketPeer>& peer,
                                  std::string_view text) {
  const auto message = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (message.is_discarded() || !message.is_object() || !message.contains("type") ||
      !message["type"].is_string()) {
    logging::logger(logging::Category::Access)
        .warn("msg=signaling_invalid_message id={} bytes={}", peer->id(), text.size());
    peer->send(errorMessage("invalid_message", "Messages are JSON objects with a string type."));
    return;
  }
  const auto& type = message["type"].get_ref<const std::string&>();
  if (type == "ping") {
    nlohmann::json pong = {{"type", "pong"}};
    if (auto id = message.find("id"); id != message.end() && id->is_number_integer()) pong["id"] = *id;
    peer->send(pong.dump());
    return;
  }
  peer->send(errorMessage("unknown_type", "Unknown message type."));
}

void ConnectionHandler::onClose(const std::shared_ptr<http::WebSocketPeer>&) {}

}  // namespace dienhong::signaling
