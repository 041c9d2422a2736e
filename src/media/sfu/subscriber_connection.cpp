// Bandwidth estimate, layer allocation and probing toward one subscriber; see
// subscriber_connection.hpp.
#include "media/sfu/subscriber_connection.hpp"

#include <algorithm>
#include <cstdlib>

#include "media/sfu/published_track.hpp"
#include "media/srtp/srtp_profile.hpp"

namespace dienhong::media {

namespace {

// Feedback entries handed to the estimator at a time; a longer message is passed in parts.
constexpr size_t kFeedbackBatch = 1024;
// The timer that paces probes runs about this often: each call sends what is due until the next.
constexpr std::chrono::milliseconds kPacingTick{10};
constexpr size_t kMaxPaddingPacketsPerTick = 200;
constexpr size_t kMinPaddingBytes = 32;
constexpr size_t kMaxPaddingBytes = 255;  // the padding count is one byte

}  // namespace

SubscriberConnection::SubscriberConnection(const RouterConfig& config) : config_(config), bwe_(config.bwe) {
  feedback_.reserve(kFeedbackBatch);
}

void SubscriberConnection::addConsumer(ForwardedTrack& consumer) {
  consumers_.push_back(&consumer);
  bySsrc_[consumer.ssrc()] = &consumer;
  if (consumer.rtxSsrc()) bySsrc_[*consumer.rtxSsrc()] = &consumer;
  allocationDirty_ = true;
}

void SubscriberConnection::removeConsumer(ForwardedTrack& consumer) {
  std::erase(consumers_, &consumer);
  std::erase_if(bySsrc_, [&](const auto& entry) { return entry.second == &consumer; });
  allocationDirty_ = true;
}

ForwardedTrack* SubscriberConnection::consumerBySsrc(uint32_t ssrc) const {
  const auto it = bySsrc_.find(ssrc);
  return it == bySsrc_.end() ? nullptr : it->second;
}

bool SubscriberConnection::send(std::span<uint8_t> buffer, size_t size, bool numbered, SentPacketKind kind,
                                Clock::time_point now) {
  if (!sink_) return false;
  if (numbered) {
    SentPacket sent;
    sent.transportSequence = nextTransportSequence_++;
    sent.size = size + kSrtpMaxRtpOverhead;
    sent.sendTime = now;
    sent.kind = kind;
    // Media paced out during a probe belongs to it: the probe measures everything that left.
    sent.probeClusterId = probe_ ? probe_->cluster.id : kNoProbeCluster;
    bwe_.onPacketSent(sent);
  }
  if (probe_) probe_->bytes += size;
  ++packets_;
  if (kind == SentPacketKind::kRetransmission) ++retransmissions_;
  bitrate_.add(size, now);
  return sink_->sendRtp(buffer, size);
}

void SubscriberConnection::onTransportFeedback(const TransportFeedback& feedback, Clock::time_point now) {
  feedback_.clear();
  int64_t arrival = feedback.referenceTimeMicros();
  for (const TransportFeedbackPacket& packet : feedback.packets()) {
    PacketFeedback entry;
    entry.transportSequence = packet.sequenceNumber.value();
    entry.received = packet.received;
    if (packet.received) {
      arrival += int64_t{packet.deltaTicks} * TransportFeedback::kDeltaTickMicros;
      entry.arrivalTime = RemoteTime(arrival);
    }
    feedback_.push_back(entry);
    if (feedback_.size() == kFeedbackBatch) {
      bwe_.onFeedback(feedback_, now);
      feedback_.clear();
    }
  }
  if (!feedback_.empty()) bwe_.onFeedback(feedback_, now);
}

void SubscriberConnection::onRtt(std::chrono::microseconds rtt, Clock::time_point now) {
  rtt_ = rtt;
  bwe_.onRtt(rtt, now);
}

void SubscriberConnection::allocate(Clock::time_point now, std::optional<ParticipantKey> dominantSpeaker,
                                    std::vector<ForwardedTrack*>& switched) {
  // Budget with what the estimate has sustained: falls at once, rises after upgradeHold.
  const int64_t target = sustainedTarget_.update(bwe_.targetBitrate(), now);
  const bool estimateMoved =
      std::abs(target - allocatedForBitrate_) > config_.reallocationThreshold * static_cast<double>(allocatedForBitrate_);
  if (!allocationDirty_ && !estimateMoved && lastAllocation_ && now - *lastAllocation_ < config_.reallocationInterval) {
    return;
  }
  allocationDirty_ = false;
  lastAllocation_ = now;
  allocatedForBitrate_ = target;

  demands_.clear();
  demandConsumers_.clear();
  uint64_t audio = 0;
  for (ForwardedTrack* consumer : consumers_) {
    PublishedTrack& track = consumer->track();
    if (!consumer->isVideo()) {
      // Audio is cheap and always wanted: its one layer, unless the room paused it.
      if (consumer->selectLayer(consumer->wanted() ? std::optional<uint8_t>(0) : std::nullopt)) {
        switched.push_back(consumer);
      }
      if (consumer->wanted()) audio += track.layer(0).stats.bitrateBps(now);
      continue;
    }
    TrackDemand demand;
    demand.layers = track.layerInfo(now);
    demand.tileWidth = consumer->tileWidth();
    demand.tileHeight = consumer->tileHeight();
    demand.visible = consumer->wanted();
    demand.priority = dominantSpeaker && track.owner() == *dominantSpeaker ? 1 : 0;
    if (consumer->layer()) {
      const uint8_t rank = track.rank(*consumer->layer());
      if (rank != PublishedTrack::kNoLayer) demand.current = rank;
    }
    demands_.push_back(demand);
    demandConsumers_.push_back(consumer);
  }
  decisions_.assign(demands_.size(), std::nullopt);
  const uint64_t budget = static_cast<uint64_t>(std::max<int64_t>(0, target - static_cast<int64_t>(audio)));
  allocateLayers(demands_, budget, decisions_);

  int64_t desired = static_cast<int64_t>(audio);
  for (size_t i = 0; i < demands_.size(); ++i) {
    ForwardedTrack* consumer = demandConsumers_[i];
    const auto order = consumer->track().order();
    std::optional<uint8_t> layer;
    if (decisions_[i] && *decisions_[i] < order.size()) layer = order[*decisions_[i]];
    if (demands_[i].visible) {
      if (const auto want = wantedLayer(demands_[i])) desired += static_cast<int64_t>(demands_[i].layers[*want].bitrateBps);
    }
    if (consumer->selectLayer(layer)) switched.push_back(consumer);
  }
  // Probing aims for what the subscriber would display with unlimited bandwidth.
  bwe_.setDesiredBitrate(desired);
}

size_t SubscriberConnection::pace(Clock::time_point now, std::span<uint8_t> buffer, uint32_t absSendTime) {
  if (!sink_) return 0;
  // Padding rides on an RTX stream that has sent media (its timestamps mean something) and is
  // numbered for transport-wide feedback, or the probe would measure nothing. Without one no
  // cluster is taken: the estimator then climbs by its delay-based controller alone.
  ForwardedTrack* carrier = nullptr;
  for (ForwardedTrack* consumer : consumers_) {
    if (consumer->hasRtx() && consumer->carriesTransportSequence() && consumer->packets() > 0) {
      carrier = consumer;
      break;
    }
  }
  if (!carrier) {
    probe_.reset();
    return 0;
  }
  if (!probe_) {
    const auto cluster = bwe_.takeProbeRequest(now);
    if (!cluster) return 0;
    probe_ = ActiveProbe{*cluster, now, 0, 0};
  }
  ActiveProbe& probe = *probe_;
  const auto duration = std::max<Clock::duration>(probe.cluster.duration, kPacingTick);
  const auto elapsed = now - probe.start;
  const double fraction = std::min(1.0, std::chrono::duration<double>(elapsed + kPacingTick) / duration);
  const double totalBytes = static_cast<double>(probe.cluster.bitrate) * std::chrono::duration<double>(duration).count() / 8;
  const auto bytesDue = static_cast<size_t>(totalBytes * fraction);
  const auto packetsDue = static_cast<int32_t>(static_cast<double>(probe.cluster.minPackets) * fraction + 0.999);
  const size_t perPacket = std::clamp<size_t>(
      static_cast<size_t>(totalBytes / std::max<int32_t>(1, probe.cluster.minPackets)), kMinPaddingBytes, kMaxPaddingBytes);

  size_t sent = 0;
  while ((probe.bytes < bytesDue || probe.packets < packetsDue) && sent < kMaxPaddingPacketsPerTick) {
    size_t size = 0;
    const SendExtensionValues values{nextTransportSequence_, absSendTime};
    if (carrier->writePadding(static_cast<uint8_t>(perPacket), values, buffer, now, size) != WriteResult::kWritten) break;
    ++probe.packets;
    ++sent;
    send(buffer, size, true, SentPacketKind::kPadding, now);  // adds to probe.bytes
  }
  if (elapsed >= duration) probe_.reset();
  return sent;
}

SubscribeStats SubscriberConnection::stats(Clock::time_point now) const {
  SubscribeStats s;
  s.bitrateBps = bitrate_.bitrateBps(now);
  s.packets = packets_;
  s.retransmissions = retransmissions_;
  s.estimatedBandwidthBps = static_cast<uint64_t>(std::max<int64_t>(0, bwe_.targetBitrate()));
  if (rtt_) s.rttMs = static_cast<double>(rtt_->count()) / 1000.0;
  for (const ForwardedTrack* consumer : consumers_) {
    if (const auto lost = consumer->lastFractionLost()) s.lossFraction = std::max(s.lossFraction, *lost / 256.0);
  }
  return s;
}

}  // namespace dienhong::media
