// JanusEndpoint: the same simulated participant against Janus's VideoRoom plugin, over its
// WebSocket API ("janus-protocol"), as janus.js with the multistream VideoRoom demo does it: one
// session, a publisher handle (join, then publish with our offer; Janus answers) and one
// subscriber handle for every other feed (join with the feeds, Janus offers, we answer with
// start; later feeds with subscribe and the same again). The layout becomes a configure of the
// subscriber's streams: `send` for shown tiles, simulcast substream 2 for the large tile and 0
// for thumbnails. A keepalive every 25 s keeps the session.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "loadgen/endpoint.hpp"
#include "loadgen/websocket_client.hpp"

namespace dienhong::loadgen {

class JanusEndpoint final : public Endpoint {
 public:
  JanusEndpoint(EndpointContext& context, RoomTarget target, uint32_t roomIndex, uint32_t index);
  ~JanusEndpoint() override;

  void start(Clock::time_point now) override;
  void leave() override;

 private:
  using Reply = std::function<void(const nlohmann::json& message)>;

  void onMessage(std::string_view text);
  void onPluginEvent(uint64_t handle, const nlohmann::json& data, const nlohmann::json* jsep);
  void onTilesChanged(const std::vector<Tile>& tiles) override;
  void onSignallingTick(Clock::time_point now) override;
  // A Janus request with a fresh transaction; `reply` gets its "success" (or the plugin's
  // synchronous answer). Errors fail the endpoint.
  void request(nlohmann::json message, Reply reply = {});
  void message(uint64_t handle, nlohmann::json body, const nlohmann::json* jsep = nullptr);
  void addPublishers(const nlohmann::json& publishers);
  void subscribeToPending();

  std::shared_ptr<WebSocketClient> socket_;
  uint64_t room_ = 0;
  uint64_t session_ = 0;
  uint64_t publisherHandle_ = 0;
  uint64_t subscriberHandle_ = 0;
  uint64_t nextTransaction_ = 1;
  std::map<std::string, Reply> replies_;  // transaction -> what to do with its answer
  std::vector<uint64_t> pendingFeeds_;     // publishers not subscribed to yet
  bool subscribed_ = false;                // the subscriber handle has joined
  bool subscribing_ = false;               // a join or subscribe waits for its offer and start
  Clock::time_point nextKeepaliveAt_{};
};

}  // namespace dienhong::loadgen
