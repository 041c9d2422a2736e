#include "loadgen/endpoint.hpp"

#include <algorithm>
#include <charconv>

#include "loadgen/dienhong_endpoint.hpp"
#include "loadgen/janus_endpoint.hpp"

namespace dienhong::loadgen {

Endpoint::Endpoint(EndpointContext& context, RoomTarget target, uint32_t roomIndex, uint32_t index)
    : context_(context), target_(std::move(target)), roomIndex_(roomIndex), index_(index) {
  const uint32_t seed = (roomIndex + 1) * 100'003u + index * 7919u + 17u;
  const bool video = index < context.scenario.videoPublishers();
  publisher_ = std::make_unique<Publisher>(newTransport("publish"), context.scenario.media, true, video, seed,
                                           context.serverAddress);
  subscriber_ = std::make_unique<Subscriber>(newTransport("subscribe"), context.serverAddress,
                                             context.scenario.freezeThreshold);
}

std::unique_ptr<ClientTransport> Endpoint::newTransport(const char* which) {
  ClientTransport::Callbacks callbacks;
  const bool publish = std::string_view(which) == "publish";
  callbacks.onRtp = [this, publish](std::span<uint8_t> rtp, Clock::time_point now, int64_t arrivalMicros) {
    if (!publish) subscriber_->onRtp(rtp, now, arrivalMicros);
  };
  callbacks.onRtcp = [this, publish](std::span<uint8_t> rtcp, Clock::time_point now) {
    if (publish) publisher_->onRtcp(rtcp, now);
    else subscriber_->onRtcp(rtcp, now);
  };
  callbacks.onFailed = [this, which](std::string_view reason) { fail(std::string(which) + " connection: " + std::string(reason)); };
  return std::make_unique<ClientTransport>(context_.io, context_.batch, context_.dtls, context_.localAddress,
                                           std::move(callbacks));
}

std::string Endpoint::displayName() const {
  return "lg-r" + std::to_string(roomIndex_) + "-e" + std::to_string(index_);
}

std::optional<uint32_t> Endpoint::indexOfName(std::string_view name) {
  const auto at = name.rfind("-e");
  if (!name.starts_with("lg-r") || at == std::string_view::npos) return std::nullopt;
  uint32_t value = 0;
  const auto* first = name.data() + at + 2;
  const auto* last = name.data() + name.size();
  const auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc() || end != last) return std::nullopt;
  return value;
}

void Endpoint::tick(Clock::time_point now, bool sending) {
  onSignallingTick(now);
  if (phase_ != EndpointPhase::Joined) return;
  const bool speaking = context_.schedule.speaker(now) == index_;
  publisher_->tick(now, sending, speaking);
  subscriber_->tick(now);
  refreshTiles(now, false);
}

bool Endpoint::ready() const {
  if (phase_ != EndpointPhase::Joined || !publisher_->ready() || !subscriber_->ready()) return false;
  const auto& s = context_.scenario;
  return subscriber_->flowingTracks(false) >= s.endpointsPerRoom - 1 &&
         subscriber_->flowingTracks(true) >= s.expectedVideos(index_);
}

std::vector<Endpoint::Tile> Endpoint::chooseTiles(Clock::time_point now) const {
  std::vector<std::pair<uint64_t, std::string>> ranked;
  for (const auto& track : subscriber_->tracks()) {
    if (!track.video) continue;
    const auto owner = ownerIndex_.find(track.owner);
    const uint64_t recency = owner == ownerIndex_.end() ? UINT64_MAX : context_.schedule.recency(owner->second, now);
    ranked.emplace_back(recency, track.mid);
  }
  std::sort(ranked.begin(), ranked.end());
  const size_t shown = context_.scenario.shownVideos == 0 ? ranked.size()
                                                          : std::min<size_t>(ranked.size(), context_.scenario.shownVideos);
  std::vector<Tile> tiles;
  for (size_t i = 0; i < shown; ++i) tiles.push_back({ranked[i].second, i == 0});
  return tiles;
}

void Endpoint::refreshTiles(Clock::time_point now, bool force) {
  const uint64_t turn = context_.schedule.turn(now);
  if (!force && turn == tilesTurn_) return;
  tilesTurn_ = turn;
  auto tiles = chooseTiles(now);
  const bool same = tiles.size() == tiles_.size() &&
                    std::equal(tiles.begin(), tiles.end(), tiles_.begin(),
                               [](const Tile& a, const Tile& b) { return a.mid == b.mid && a.large == b.large; });
  if (same && !force) return;
  for (const auto& track : subscriber_->tracks()) {
    if (!track.video) continue;
    const bool shown = std::any_of(tiles.begin(), tiles.end(), [&](const Tile& t) { return t.mid == track.mid; });
    subscriber_->setShown(track.mid, shown, now);
  }
  tiles_ = std::move(tiles);
  onTilesChanged(tiles_);
}

void Endpoint::fail(std::string reason) {
  if (phase_ == EndpointPhase::Failed || phase_ == EndpointPhase::Left) return;
  phase_ = EndpointPhase::Failed;
  error_ = std::move(reason);
}

std::unique_ptr<Endpoint> makeEndpoint(const std::string& target, EndpointContext& context, RoomTarget room,
                                       uint32_t roomIndex, uint32_t index) {
  if (target == "dienhong") return std::make_unique<DienHongEndpoint>(context, std::move(room), roomIndex, index);
  if (target == "janus") return std::make_unique<JanusEndpoint>(context, std::move(room), roomIndex, index);
  return nullptr;
}

}  // namespace dienhong::loadgen
