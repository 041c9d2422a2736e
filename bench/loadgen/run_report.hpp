// RunReport: the figures of one scenario run against one server — what `make bench` tabulates
// and keeps in bench/results/. Written as JSON (toJson) and as a short text summary.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "loadgen/publisher.hpp"
#include "loadgen/stream_metrics.hpp"
#include "loadgen/subscriber.hpp"

namespace dienhong::loadgen {

struct RunReport {
  std::string scenario;
  std::string target;
  std::string startedAt;  // UTC, ISO 8601
  uint32_t rooms = 0;
  uint32_t endpoints = 0;
  uint32_t ready = 0;  // endpoints that published and received everything before the window
  std::vector<std::string> failures;
  double windowSeconds = 0;
  std::map<std::string, uint32_t> srtpProfiles;  // negotiated profile -> connections

  bool serverSampled = false;
  double serverCpuSeconds = 0;
  uint64_t serverRssStartKiB = 0;
  uint64_t serverRssEndKiB = 0;
  uint64_t serverRssMaxKiB = 0;
  double loadgenCpuSeconds = 0;
  uint64_t udpReceiveBufferErrors = 0;

  StreamMetrics audio;
  StreamMetrics video;
  PublisherCounters publishers;
  SubscriberCounters subscribers;

  uint64_t forwardedPackets() const { return audio.packets + video.packets; }
  double forwardedPacketsPerSecond() const { return windowSeconds > 0 ? forwardedPackets() / windowSeconds : 0; }
  double serverCpuPercent() const { return windowSeconds > 0 ? 100.0 * serverCpuSeconds / windowSeconds : 0; }
  double serverMicrosPerPacket() const {
    return forwardedPackets() > 0 ? serverCpuSeconds * 1e6 / static_cast<double>(forwardedPackets()) : 0;
  }
  // Lost after retransmission, as a percentage of what was expected.
  double lossPercent(const StreamMetrics& m) const {
    return m.expected > 0 ? 100.0 * static_cast<double>(m.lost) / static_cast<double>(m.expected) : 0;
  }

  nlohmann::json toJson() const;
  std::string summary() const;
};

}  // namespace dienhong::loadgen
