#include "signaling/stats_json.hpp"

#include <nlohmann/json.hpp>

namespace dienhong::signaling {
namespace {

using nlohmann::json;

json optionalNumber(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

const char* stateName(media::TransportState state) {
  switch (state) {
    case media::TransportState::kNew: return "new";
    case media::TransportState::kConnecting: return "connecting";
    case media::TransportState::kConnected: return "connected";
    case media::TransportState::kDisconnected: return "disconnected";
    case media::TransportState::kFailed: return "failed";
    case media::TransportState::kClosed: return "closed";
  }
  return "unknown";
}

}  // namespace

json statsJson(const media::RoomParticipantStats& stats) {
  const auto& r = stats.router;
  json tracks = json::array();
  for (const auto& track : r.tracks) {
    json layers = json::array();
    for (const auto& layer : track.layers) {
      layers.push_back({{"rid", layer.rid},
                        {"width", layer.width},
                        {"height", layer.height},
                        {"bitrate", layer.bitrateBps},
                        {"active", layer.active}});
    }
    tracks.push_back({{"mid", track.mid},
                      {"kind", track.kind == media::sdp::MediaKind::Video ? "video" : "audio"},
                      {"layers", std::move(layers)}});
  }
  json consumers = json::array();
  for (const auto& consumer : r.consumers) {
    consumers.push_back({{"track", consumer.track},
                         {"layer", consumer.layer ? json(*consumer.layer) : json(nullptr)},
                         {"paused", consumer.paused},
                         {"bitrate", consumer.bitrateBps},
                         {"packets", consumer.packets},
                         {"retransmissions", consumer.retransmissions}});
  }
  return {
      {"publish",
       {{"state", stateName(stats.publishState)},
        {"bitrate", r.publish.bitrateBps},
        {"packets", r.publish.packets},
        {"packetsLost", r.publish.packetsLost},
        {"lossRate", r.publish.lossRate},
        {"jitterMs", r.publish.jitterMs},
        {"rttMs", optionalNumber(r.publish.rttMs)}}},
      {"subscribe",
       {{"state", stateName(stats.subscribeState)},
        {"bitrate", r.subscribe.bitrateBps},
        {"packets", r.subscribe.packets},
        {"retransmissions", r.subscribe.retransmissions},
        {"estimatedBandwidth", r.subscribe.estimatedBandwidthBps},
        {"rttMs", optionalNumber(r.subscribe.rttMs)},
        {"lossFraction", r.subscribe.lossFraction}}},
      {"tracks", std::move(tracks)},
      {"consumers", std::move(consumers)},
  };
}

}  // namespace dienhong::signaling
