// Scenario: one benchmark case as a JSON file under bench/scenarios/ — how many rooms and
// endpoints, who publishes video, how many videos each endpoint shows, how long to warm up and
// to measure, and the media model. The same file drives every target server.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "common/result.hpp"
#include "loadgen/media_model.hpp"

namespace dienhong::loadgen {

struct Scenario {
  std::string name;
  std::string description;
  uint32_t rooms = 1;
  uint32_t endpointsPerRoom = 10;
  uint32_t videoPublishersPerRoom = 0;  // 0: every endpoint publishes video
  uint32_t shownVideos = 0;             // videos each endpoint shows; 0: all of them
  std::chrono::seconds warmup{5};
  std::chrono::seconds duration{30};
  std::chrono::milliseconds speakerPeriod{4000};
  std::chrono::milliseconds ramp{100};  // between two endpoints' joins
  std::chrono::milliseconds freezeThreshold{500};
  std::chrono::seconds connectTimeout{60};
  MediaModel media;

  uint32_t videoPublishers() const {
    return videoPublishersPerRoom == 0 ? endpointsPerRoom : std::min(videoPublishersPerRoom, endpointsPerRoom);
  }
  // Remote videos an endpoint of index `index` is to receive once everyone is in.
  uint32_t expectedVideos(uint32_t index) const {
    const uint32_t remote = videoPublishers() - (index < videoPublishers() ? 1 : 0);
    return shownVideos == 0 ? remote : std::min(shownVideos, remote);
  }

  // Code "invalid_scenario", naming the member.
  static Result<Scenario> parse(std::string_view json);
  static Result<Scenario> load(const std::string& path);
};

}  // namespace dienhong::loadgen
