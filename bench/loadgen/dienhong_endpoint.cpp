#include "loadgen/dienhong_endpoint.hpp"

#include <nlohmann/json.hpp>

namespace dienhong::loadgen {

using nlohmann::json;

namespace {
constexpr int kJoinRequest = 1;
constexpr int kPublishRequest = 2;
}  // namespace

DienHongEndpoint::DienHongEndpoint(EndpointContext& context, RoomTarget target, uint32_t roomIndex, uint32_t index)
    : Endpoint(context, std::move(target), roomIndex, index) {}

DienHongEndpoint::~DienHongEndpoint() {
  if (!socket_) return;
  socket_->detach();
  socket_->close();
}

void DienHongEndpoint::start(Clock::time_point) {
  socket_ = WebSocketClient::create(
      context_.io, &context_.tls,
      {.onOpen = {},
       .onMessage = [this](std::string_view text) { onMessage(text); },
       .onClosed =
           [this](std::string_view reason) {
             if (phase_ != EndpointPhase::Left) fail("signalling closed: " + std::string(reason));
           }});
  socket_->connect(target_.host, target_.port, "/api/v1/ws");
}

void DienHongEndpoint::leave() {
  if (phase_ == EndpointPhase::Joined) send({{"type", "leave"}});
  phase_ = EndpointPhase::Left;
  if (socket_) socket_->close();
}

void DienHongEndpoint::send(const json& message) { socket_->send(message.dump()); }

void DienHongEndpoint::addToRoster(const json& participant) {
  if (!participant.is_object()) return;
  const auto id = participant.value("participantId", std::string());
  if (const auto index = indexOfName(participant.value("displayName", std::string())); index && !id.empty()) {
    ownerIndex_[id] = *index;
  }
}

void DienHongEndpoint::onMessage(std::string_view text) {
  const json message = json::parse(text, nullptr, false);
  if (message.is_discarded() || !message.is_object()) return fail("the server sent a message that is not JSON");
  const auto type = message.value("type", std::string());
  const auto now = Clock::now();
  if (type == "hello") {
    json join = {{"type", "join"}, {"roomId", target_.room}, {"displayName", displayName()}, {"requestId", kJoinRequest}};
    if (!target_.invite.empty()) join["inviteToken"] = target_.invite;
    send(join);
  } else if (type == "joined") {
    participantId_ = message.value("participantId", std::string());
    phase_ = EndpointPhase::Joined;
    if (message.contains("participants") && message["participants"].is_array()) {
      for (const auto& p : message["participants"]) addToRoster(p);
    }
    send({{"type", "publish"}, {"sdp", publisher_->offer()}, {"requestId", kPublishRequest}});
  } else if (type == "publishAnswer") {
    if (auto ok = publisher_->acceptAnswer(message.value("sdp", std::string()), now); !ok) {
      fail("publish answer: " + ok.error().message);
    }
  } else if (type == "subscribeOffer") {
    auto answer = subscriber_->answer(message.value("sdp", std::string()), now);
    if (!answer) return fail("subscribe offer: " + answer.error().message);
    if (message.contains("tracks") && message["tracks"].is_array()) {
      for (const auto& track : message["tracks"]) {
        if (track.is_object()) subscriber_->setOwner(track.value("mid", std::string()), track.value("participantId", std::string()));
      }
    }
    send({{"type", "subscribeAnswer"}, {"sdp", *answer}, {"version", message.value("version", 0)}});
    refreshTiles(now, true);
  } else if (type == "participantJoined" || type == "participantUpdated") {
    addToRoster(message.value("participant", json::object()));
  } else if (type == "participantLeft") {
    ownerIndex_.erase(message.value("participantId", std::string()));
  } else if (type == "error") {
    fail("server error " + message.value("code", std::string()) + ": " + message.value("message", std::string()));
  } else if (type == "removed") {
    fail("removed by the server: " + message.value("reason", std::string()));
  }
}

void DienHongEndpoint::onTilesChanged(const std::vector<Tile>& tiles) {
  json list = json::array();
  for (const auto& tile : tiles) {
    list.push_back({{"mid", tile.mid}, {"width", tile.large ? 1280 : 320}, {"height", tile.large ? 720 : 180}});
  }
  send({{"type", "layout"}, {"tiles", list}});
}

}  // namespace dienhong::loadgen
