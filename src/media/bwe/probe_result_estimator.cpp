#include "media/bwe/probe_result_estimator.hpp"

#include <algorithm>
#include <cmath>

namespace dienhong::media {

namespace {

// Most of the cluster (as libwebrtc asks), and at least a handful of packets: with less, the
// packets that rode a shaper's token bucket burst make a probe look faster than the link.
constexpr double kMinReceivedRatio = 0.8;
constexpr int32_t kMinReceivedPackets = 5;
constexpr double kSaturatedRatio = 0.9;  // receive/send below this: the path was the limit
constexpr double kSaturatedUtilisation = 0.95;
constexpr double kMaxValidRatio = 2.0;
constexpr std::chrono::microseconds kMaxSpan{1'000'000};

}  // namespace

void ProbeResultEstimator::onClusterStarted(const ProbeCluster& cluster, BweTime now) {
  // Reuse the oldest slot.
  Cluster* slot = &clusters_[0];
  for (Cluster& c : clusters_) {
    if (c.id == kNoProbeCluster) {
      slot = &c;
      break;
    }
    if (c.started < slot->started) slot = &c;
  }
  *slot = Cluster{};
  slot->id = cluster.id;
  slot->expectedPackets = std::max<int32_t>(1, cluster.minPackets);
  slot->started = now;
}

ProbeResultEstimator::Cluster* ProbeResultEstimator::find(int32_t clusterId) {
  for (Cluster& c : clusters_) {
    if (c.id == clusterId) return &c;
  }
  return nullptr;
}

std::optional<ProbeResultEstimator::Result> ProbeResultEstimator::onPacketFeedback(
    int32_t clusterId, BweTime sendTime, RemoteTime arrivalTime, size_t size, BweTime now) {
  Cluster* cluster = find(clusterId);
  if (!cluster) return std::nullopt;
  if (now - cluster->started > kClusterLifetime) {
    *cluster = Cluster{};
    return std::nullopt;
  }
  const auto bytes = static_cast<int64_t>(size);
  if (cluster->packets == 0) {
    cluster->firstSend = cluster->lastSend = sendTime;
    cluster->firstArrival = cluster->lastArrival = arrivalTime;
    cluster->lastSendSize = cluster->firstArrivalSize = bytes;
  } else {
    if (sendTime < cluster->firstSend) cluster->firstSend = sendTime;
    if (sendTime >= cluster->lastSend) {
      cluster->lastSend = sendTime;
      cluster->lastSendSize = bytes;
    }
    if (arrivalTime < cluster->firstArrival) {
      cluster->firstArrival = arrivalTime;
      cluster->firstArrivalSize = bytes;
    }
    cluster->lastArrival = std::max(cluster->lastArrival, arrivalTime);
  }
  cluster->bytes += bytes;
  ++cluster->packets;

  if (cluster->packets < std::max(kMinReceivedPackets,
                                  static_cast<int32_t>(std::ceil(kMinReceivedRatio * cluster->expectedPackets)))) {
    return std::nullopt;
  }
  const auto sendSpan = cluster->lastSend - cluster->firstSend;
  const auto receiveSpan = cluster->lastArrival - cluster->firstArrival;
  if (sendSpan <= BweTime::duration::zero() || sendSpan > kMaxSpan ||
      receiveSpan <= RemoteTime::zero() || receiveSpan > kMaxSpan) {
    return std::nullopt;
  }
  const double sendRate = static_cast<double>(cluster->bytes - cluster->lastSendSize) * 8.0 / bwe::toSeconds(sendSpan);
  const double receiveRate =
      static_cast<double>(cluster->bytes - cluster->firstArrivalSize) * 8.0 / bwe::toSeconds(receiveSpan);
  if (receiveRate > kMaxValidRatio * sendRate) return std::nullopt;

  const bool saturated = receiveRate < kSaturatedRatio * sendRate;
  const double rate = saturated ? kSaturatedUtilisation * receiveRate : std::min(sendRate, receiveRate);
  return Result{cluster->id, static_cast<int64_t>(rate), static_cast<int64_t>(sendRate),
                static_cast<int64_t>(receiveRate), saturated};
}

}  // namespace dienhong::media
