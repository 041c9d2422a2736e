#include "media/sfu/layer_allocator.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <utility>
#include <vector>

namespace dienhong::media {
namespace {

std::optional<uint8_t> lowestActive(const TrackDemand& t) {
  for (uint8_t i = 0; i < kMaxSpatialLayers; ++i) {
    if (t.layers[i].active) return i;
  }
  return std::nullopt;
}

std::optional<uint8_t> nextActiveAbove(const TrackDemand& t, uint8_t layer) {
  for (uint8_t i = layer + 1; i < kMaxSpatialLayers; ++i) {
    if (t.layers[i].active) return i;
  }
  return std::nullopt;
}

}  // namespace

std::optional<uint8_t> wantedLayer(const TrackDemand& t) {
  std::optional<uint8_t> largest;
  for (uint8_t i = 0; i < kMaxSpatialLayers; ++i) {
    const LayerInfo& l = t.layers[i];
    if (!l.active) continue;
    largest = i;
    // 10 % tolerance: a 1280x720 layer fills a 1300-pixel-wide tile well enough.
    if (l.height * 10 >= t.tileHeight * 9 || l.width * 10 >= t.tileWidth * 9) return i;
  }
  return largest;
}

uint64_t allocateLayers(std::span<const TrackDemand> tracks, uint64_t budgetBps,
                        std::span<std::optional<uint8_t>> out, const AllocationOptions& options) {
  // The order lives on the stack for any real layout, so a reallocation allocates nothing.
  std::array<size_t, 64> small{};
  std::vector<size_t> large;
  std::span<size_t> order;
  if (tracks.size() <= small.size()) {
    order = std::span<size_t>(small).first(tracks.size());
  } else {
    large.resize(tracks.size());
    order = large;
  }
  std::iota(order.begin(), order.end(), size_t{0});
  // By priority, ties in the caller's order (std::stable_sort would allocate a buffer).
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return tracks[a].priority != tracks[b].priority ? tracks[a].priority > tracks[b].priority : a < b;
  });
  std::fill(out.begin(), out.end(), std::nullopt);

  uint64_t used = 0;
  bool first = true;
  // Pass 1: the lowest layer for every visible track. The most important one keeps its lowest
  // layer even when the estimate says it does not fit: an estimate that collapsed after a burst
  // of loss recovers faster with media flowing, and a small picture beats a frozen one.
  for (size_t i : order) {
    const TrackDemand& t = tracks[i];
    const auto low = lowestActive(t);
    if (!t.visible || !low || !wantedLayer(t)) continue;
    const uint64_t cost = t.layers[*low].bitrateBps;
    const bool mostImportant = std::exchange(first, false);
    if (used + cost > budgetBps && !mostImportant) continue;  // a cheaper lower-priority track may still fit
    out[i] = low;
    used += cost;
  }
  // Pass 2: upgrades toward the wanted layer, one step at a time per track, by priority.
  for (size_t i : order) {
    const TrackDemand& t = tracks[i];
    const auto want = wantedLayer(t);
    if (!out[i] || !want) continue;
    while (*out[i] < *want) {
      const auto next = nextActiveAbove(t, *out[i]);
      if (!next || *next > *want) break;
      const uint64_t extra = t.layers[*next].bitrateBps - std::min(t.layers[*next].bitrateBps, t.layers[*out[i]].bitrateBps);
      const bool alreadyThere = t.current && *t.current >= *next;
      const double reserve = alreadyThere ? 0.0 : options.upgradeHeadroom;
      if (static_cast<double>(used + extra) > static_cast<double>(budgetBps) * (1.0 - reserve)) break;
      out[i] = next;
      used += extra;
    }
  }
  return used;
}

}  // namespace dienhong::media
