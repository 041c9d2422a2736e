// SubscriberConnection: the router's side of one participant's subscribe connection. It owns the
// send-side bandwidth estimate of the connection (BandwidthEstimator, fed by the transport-wide
// sequence number every packet carries and the subscriber's feedback), chooses the simulcast
// layer of each video it forwards (allocateLayers: tile sizes, estimate, the dominant speaker
// first), paces probe clusters out as RTX padding, and counts what it sends. Every packet toward
// the subscriber leaves through send(), which numbers it for transport-wide feedback.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "media/bwe/bandwidth_estimator.hpp"
#include "media/rtcp/transport_feedback.hpp"
#include "media/sfu/bitrate_meter.hpp"
#include "media/sfu/forwarded_track.hpp"
#include "media/sfu/layer_allocator.hpp"
#include "media/sfu/router_stats.hpp"
#include "media/sfu/router_types.hpp"
#include "media/sfu/windowed_minimum.hpp"
#include "media/transport/media_sink.hpp"

namespace dienhong::media {

class SubscriberConnection {
 public:
  using Clock = std::chrono::steady_clock;

  explicit SubscriberConnection(const RouterConfig& config);

  MediaSink* sink() const { return sink_; }
  void setSink(MediaSink* sink) { sink_ = sink; }

  void addConsumer(ForwardedTrack& consumer);
  void removeConsumer(ForwardedTrack& consumer);
  const std::vector<ForwardedTrack*>& consumers() const { return consumers_; }
  // The consumer sending with this SSRC (media or RTX) on the connection.
  ForwardedTrack* consumerBySsrc(uint32_t ssrc) const;

  // The transport-wide sequence number the next packet sent will carry.
  uint16_t nextTransportSequence() const { return nextTransportSequence_; }
  // Sends a packet written with nextTransportSequence() (if `numbered`) and records it for the
  // bandwidth estimate; false when the sink refused it.
  bool send(std::span<uint8_t> buffer, size_t size, bool numbered, SentPacketKind kind, Clock::time_point now);

  BandwidthEstimator& bandwidth() { return bwe_; }
  const BandwidthEstimator& bandwidth() const { return bwe_; }
  void onTransportFeedback(const TransportFeedback& feedback, Clock::time_point now);
  void onRtt(std::chrono::microseconds rtt, Clock::time_point now);
  std::optional<std::chrono::microseconds> rtt() const { return rtt_; }

  // Layout, pause or the set of consumers changed: allocate again at the next chance.
  void invalidateAllocation() { allocationDirty_ = true; }
  // Chooses layers if something changed (layout, layers, estimate beyond the threshold) or the
  // interval passed. Consumers whose layer started or changed are written to `switched`; each
  // needs a keyframe of its new layer.
  void allocate(Clock::time_point now, std::optional<ParticipantKey> dominantSpeaker,
                std::vector<ForwardedTrack*>& switched);

  // Sends the due part of the current probe cluster, or starts one the estimator asks for.
  // Returns the number of padding packets sent.
  size_t pace(Clock::time_point now, std::span<uint8_t> buffer, uint32_t absSendTime);

  // Reports, kept by the router.
  Clock::time_point nextReport{};

  SubscribeStats stats(Clock::time_point now) const;

 private:
  struct ActiveProbe {
    ProbeCluster cluster;
    Clock::time_point start{};
    size_t bytes = 0;
    int32_t packets = 0;
  };

  const RouterConfig& config_;
  MediaSink* sink_ = nullptr;
  BandwidthEstimator bwe_;
  std::vector<ForwardedTrack*> consumers_;
  std::unordered_map<uint32_t, ForwardedTrack*> bySsrc_;
  uint16_t nextTransportSequence_ = 1;
  std::optional<ActiveProbe> probe_;
  std::vector<PacketFeedback> feedback_;  // reused for each feedback message

  // Allocation state and reused buffers.
  bool allocationDirty_ = true;
  int64_t allocatedForBitrate_ = 0;
  WindowedMinimum sustainedTarget_{config_.upgradeHold, config_.upgradeHold / 30};
  std::optional<Clock::time_point> lastAllocation_;
  std::vector<TrackDemand> demands_;
  std::vector<ForwardedTrack*> demandConsumers_;
  std::vector<std::optional<uint8_t>> decisions_;

  // Statistics.
  BitrateMeter bitrate_;
  uint64_t packets_ = 0;
  uint64_t retransmissions_ = 0;
  std::optional<std::chrono::microseconds> rtt_;
};

}  // namespace dienhong::media
