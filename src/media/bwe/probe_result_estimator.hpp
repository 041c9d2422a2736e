// ProbeResultEstimator: what a probe cluster proved, from the feedback on its packets (the
// approach of libwebrtc's probe bitrate estimator, itself an application of packet-train
// capacity measurement). A cluster sent at rate S through a bottleneck of capacity C < S arrives
// at C: so the rate over the cluster is min(send rate, receive rate), and when the receive rate is
// clearly below the send rate (< 90 %) the path was saturated and the estimate is 95 % of the
// receive rate. Send rate excludes the last packet's bytes (they left after the interval closed),
// receive rate the first packet's (they arrived before it opened). A result needs at least half of
// the cluster's packets acknowledged, send and receive spans within (0, 1 s], and a receive rate
// not absurdly above the send rate (a compressed arrival, not a capacity). Fixed slots for the few
// clusters in flight: no allocation.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "media/bwe/bwe_types.hpp"

namespace dienhong::media {

class ProbeResultEstimator {
 public:
  static constexpr size_t kMaxClusters = 4;

  struct Result {
    int32_t clusterId = kNoProbeCluster;
    int64_t bitrate = 0;
    int64_t sendBitrate = 0;
    int64_t receiveBitrate = 0;
    // The path could not carry the cluster's rate: `bitrate` is then a measure of its capacity,
    // not a lower bound of it.
    bool saturated = false;
  };

  // Announces a cluster about to be sent, so that its results can be judged against its size.
  void onClusterStarted(const ProbeCluster& cluster, BweTime now);

  // One acknowledged packet of a probe cluster; a result once enough of the cluster is known
  // (then again, refined, with each further packet).
  std::optional<Result> onPacketFeedback(int32_t clusterId, BweTime sendTime, RemoteTime arrivalTime,
                                         size_t size, BweTime now);

 private:
  struct Cluster {
    int32_t id = kNoProbeCluster;
    int32_t expectedPackets = 0;
    BweTime started{};
    BweTime firstSend{};
    BweTime lastSend{};
    RemoteTime firstArrival{0};
    RemoteTime lastArrival{0};
    int64_t bytes = 0;
    int64_t lastSendSize = 0;
    int64_t firstArrivalSize = 0;
    int32_t packets = 0;
  };
  static constexpr std::chrono::seconds kClusterLifetime{2};

  Cluster* find(int32_t clusterId);

  std::array<Cluster, kMaxClusters> clusters_{};
};

}  // namespace dienhong::media
