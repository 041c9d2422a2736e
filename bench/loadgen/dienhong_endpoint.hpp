// DienHongEndpoint: the signalling of our own server (docs/signaling.md) as the web client speaks
// it — join with the invitation, publish (we offer), answer each subscribe offer, report the
// layout — over one WebSocket.
#pragma once

#include <memory>

#include <nlohmann/json_fwd.hpp>

#include "loadgen/endpoint.hpp"
#include "loadgen/websocket_client.hpp"

namespace dienhong::loadgen {

class DienHongEndpoint final : public Endpoint {
 public:
  DienHongEndpoint(EndpointContext& context, RoomTarget target, uint32_t roomIndex, uint32_t index);
  ~DienHongEndpoint() override;

  void start(Clock::time_point now) override;
  void leave() override;

 private:
  void onMessage(std::string_view text);
  void onTilesChanged(const std::vector<Tile>& tiles) override;
  void send(const nlohmann::json& message);
  void addToRoster(const nlohmann::json& participant);

  std::shared_ptr<WebSocketClient> socket_;
  std::string participantId_;
};

}  // namespace dienhong::loadgen
