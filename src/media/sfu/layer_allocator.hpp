// LayerAllocator: which simulcast layer each video track gets for one subscriber, from (a) the
// subscriber's estimated bandwidth and (b) the size at which it shows each video. Every visible
// track first gets its lowest layer, in priority order (stage / active speaker first), so nobody
// goes dark while someone else gets HD; then tracks are upgraded toward the smallest layer that
// fills their tile, again in priority order, while the budget lasts. Hidden tiles get nothing
// (the stream is paused). Runs on bandwidth updates and layout changes, not per packet.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace dienhong::media {

inline constexpr size_t kMaxSpatialLayers = 3;

struct LayerInfo {
  uint32_t width = 0;
  uint32_t height = 0;
  uint64_t bitrateBps = 0;  // measured on the publisher's stream
  bool active = false;      // the publisher is sending it now
};

struct TrackDemand {
  std::array<LayerInfo, kMaxSpatialLayers> layers{};  // low → high
  uint32_t tileWidth = 0;  // device pixels the subscriber shows the video at
  uint32_t tileHeight = 0;
  bool visible = false;
  int priority = 0;  // higher first
  std::optional<uint8_t> current;  // the layer forwarded now, for hysteresis
};

struct AllocationOptions {
  // An upgrade must leave this much of the budget unused, so that a small dip of the estimate
  // does not bounce the layer back down a second later.
  double upgradeHeadroom = 0.1;
};

// Writes one decision per track into `out` (same order as `tracks`); returns the bitrate used.
uint64_t allocateLayers(std::span<const TrackDemand> tracks, uint64_t budgetBps,
                        std::span<std::optional<uint8_t>> out, const AllocationOptions& options = {});

// The smallest active layer at least as large as the tile (height or width), else the largest
// active one; nullopt when no layer is active.
std::optional<uint8_t> wantedLayer(const TrackDemand& track);

}  // namespace dienhong::media
