#include "media/sfu/layer_allocator.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

// A Chromium-like 3-layer simulcast: 320x180, 640x360, 1280x720.
TrackDemand camera(uint32_t tileWidth, uint32_t tileHeight, bool visible = true, int priority = 0) {
  TrackDemand t;
  t.layers = {LayerInfo{320, 180, 150'000, true}, LayerInfo{640, 360, 500'000, true},
              LayerInfo{1280, 720, 1'700'000, true}};
  t.tileWidth = tileWidth;
  t.tileHeight = tileHeight;
  t.visible = visible;
  t.priority = priority;
  return t;
}

std::vector<std::optional<uint8_t>> allocate(const std::vector<TrackDemand>& tracks, uint64_t budget) {
  std::vector<std::optional<uint8_t>> out(tracks.size());
  allocateLayers(tracks, budget, out);
  return out;
}

TEST(LayerAllocator, P2_TheTileSizeDecidesTheLayerWhenBandwidthAllows) {
  EXPECT_EQ(wantedLayer(camera(1280, 720)), 2);
  EXPECT_EQ(wantedLayer(camera(1300, 731)), 2) << "10 % tolerance";
  EXPECT_EQ(wantedLayer(camera(600, 338)), 1);
  EXPECT_EQ(wantedLayer(camera(160, 90)), 0);
  EXPECT_EQ(wantedLayer(camera(3840, 2160)), 2) << "largest available";
  const auto out = allocate({camera(1280, 720), camera(320, 180)}, 10'000'000);
  EXPECT_EQ(out[0], 2);
  EXPECT_EQ(out[1], 0);
}

TEST(LayerAllocator, P2_LowBandwidthGivesEveryoneTheLowLayerBeforeAnyoneGetsHd) {
  const auto out = allocate({camera(1280, 720, true, 10), camera(1280, 720), camera(1280, 720)}, 300'000);
  EXPECT_EQ(out[0], 0);
  EXPECT_EQ(out[1], 0);
  EXPECT_FALSE(out[2]) << "no room for a third low layer";
}

TEST(LayerAllocator, P3_TheMostImportantVideoKeepsItsLowLayerWhenTheEstimateCollapses) {
  const auto out = allocate({camera(1280, 720), camera(1280, 720, true, 5)}, 90'000);
  EXPECT_EQ(out[1], 0) << "a small picture of the speaker rather than none";
  EXPECT_FALSE(out[0]) << "the others wait for bandwidth";
  EXPECT_FALSE(allocate({camera(1280, 720, false)}, 90'000)[0]) << "unless it is hidden";
}

TEST(LayerAllocator, HigherPriorityIsUpgradedFirst) {
  const auto out = allocate({camera(1280, 720), camera(1280, 720, true, 5)}, 150'000 * 2 + 350'000 + 100'000);
  EXPECT_EQ(out[1], 1) << "the speaker climbs first";
  EXPECT_EQ(out[0], 0);
}

TEST(LayerAllocator, HiddenTilesAndSilentPublishersGetNothing) {
  auto off = camera(640, 360);
  for (auto& l : off.layers) l.active = false;
  const auto out = allocate({camera(640, 360, false), off}, 10'000'000);
  EXPECT_FALSE(out[0]);
  EXPECT_FALSE(out[1]);
}

TEST(LayerAllocator, UpgradesNeedHeadroomButKeepingALayerDoesNot) {
  auto t = camera(1280, 720);
  // Exactly enough for layer 2 with no headroom: not an upgrade from layer 1…
  std::vector<std::optional<uint8_t>> out(1);
  allocateLayers(std::vector<TrackDemand>{t}, 1'700'000, out);
  EXPECT_EQ(out[0], 1);
  // …but a track already on layer 2 keeps it.
  t.current = 2;
  allocateLayers(std::vector<TrackDemand>{t}, 1'700'000, out);
  EXPECT_EQ(out[0], 2);
}

TEST(LayerAllocator, MissingMiddleLayerIsSkippedOver) {
  auto t = camera(1280, 720);
  t.layers[1].active = false;
  const auto out = allocate({t}, 5'000'000);
  EXPECT_EQ(out[0], 2);
}

}  // namespace
}  // namespace dienhong::media
