// The Router's life cycle, RTP path, timer and statistics; its RTCP is in router_rtcp.cpp. See
// router.hpp.
#include "media/sfu/router.hpp"

#include <algorithm>
#include <cstring>

#include "media/rtp/abs_send_time_extension.hpp"
#include "media/rtp/audio_level_extension.hpp"
#include "media/rtp/rtp_packet_editor.hpp"
#include "media/rtp/transport_sequence_number_extension.hpp"

namespace dienhong::media {

namespace {

constexpr size_t kRtxHeaderSize = 2;
constexpr int64_t kNtpUnixOffsetSeconds = 2'208'988'800;  // 1900-01-01 to 1970-01-01

uint8_t extensionId(uint16_t id) { return id <= 255 ? static_cast<uint8_t>(id) : 0; }

int64_t micros(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

Error invalid(std::string message) { return Error{"invalid_argument", std::move(message)}; }

}  // namespace

Router::Router(RouterListener& listener, RouterConfig config)
    : listener_(listener),
      config_(std::move(config)),
      speaker_(config_.speaker),
      rtpBuffer_(kPacketBufferSize),
      scratch_(kPacketBufferSize),
      rtcpBuffer_(kPacketBufferSize) {
  const auto wall = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  ntpOffsetMicros_ = wall - micros(Clock::now());
  switched_.reserve(64);
  reportBlocks_.reserve(kMaxRtcpCount);
  speaker_.setDominantSpeakerListener([this](std::optional<AudioSourceId>, std::optional<AudioSourceId> current) {
    std::optional<ParticipantKey> speaker;
    if (current) {
      if (const auto it = tracks_.find(current->value()); it != tracks_.end()) speaker = it->second->owner();
    }
    onDominantSpeakerChanged(speaker);
  });
}

Router::~Router() = default;

Router::Participant* Router::participant(ParticipantKey key) {
  const auto it = participants_.find(key);
  return it == participants_.end() ? nullptr : it->second.get();
}

const Router::Participant* Router::participant(ParticipantKey key) const {
  const auto it = participants_.find(key);
  return it == participants_.end() ? nullptr : it->second.get();
}

uint64_t Router::ntpNow(Clock::time_point now) const {
  const int64_t unixMicros = micros(now) + ntpOffsetMicros_;
  const auto total = static_cast<uint64_t>(unixMicros + kNtpUnixOffsetSeconds * 1'000'000);
  const uint64_t seconds = total / 1'000'000;
  const uint64_t fraction = ((total % 1'000'000) << 32) / 1'000'000;
  return (seconds << 32) | fraction;
}

uint32_t Router::absSendTime(Clock::time_point now) {
  return AbsSendTimeExtension::fromMicros(static_cast<uint64_t>(std::max<int64_t>(0, micros(now)))).value;
}

// ---------------------------------------------------------------------------------------------
// Participants, tracks, consumers

void Router::addParticipant(ParticipantKey key) {
  if (participants_.contains(key)) return;
  participants_.emplace(key, std::make_unique<Participant>(key, config_));
}

void Router::setSinks(ParticipantKey key, MediaSink* publisher, MediaSink* subscriber) {
  Participant* p = participant(key);
  if (!p) return;
  p->publisher.setSink(publisher);
  p->subscriber.setSink(subscriber);
}

void Router::removeParticipant(ParticipantKey key) {
  Participant* p = participant(key);
  if (!p) return;
  const std::vector<PublishedTrack*> tracks = p->publisher.tracks();
  for (PublishedTrack* track : tracks) removeTrack(track->key());
  const std::vector<ForwardedTrack*> consumers = p->subscriber.consumers();
  for (ForwardedTrack* consumer : consumers) removeConsumerInternal(*consumer);
  participants_.erase(key);
}

Result<TrackKey> Router::addTrack(ParticipantKey owner, const sdp::NegotiatedMedia& media) {
  Participant* p = participant(owner);
  if (!p) return invalid("unknown participant");
  auto created = PublishedTrack::create(nextTrack_, owner, media);
  if (!created) return created.error();
  std::unique_ptr<PublishedTrack> track = std::move(created.value());
  if (auto added = p->publisher.addTrack(*track); !added) return added.error();
  const TrackKey key = nextTrack_++;
  if (!track->isVideo()) speaker_.addSource(AudioSourceId(key), lastNow_);
  tracks_.emplace(key, std::move(track));
  return key;
}

void Router::removeTrack(TrackKey key) {
  const auto it = tracks_.find(key);
  if (it == tracks_.end()) return;
  PublishedTrack& track = *it->second;
  const std::vector<ForwardedTrack*> consumers = track.consumers();
  for (ForwardedTrack* consumer : consumers) removeConsumerInternal(*consumer);
  if (Participant* owner = participant(track.owner())) owner->publisher.removeTrack(track);
  // May hand the floor to someone else (the listener hears of it); the track is still findable.
  if (!track.isVideo()) speaker_.removeSource(AudioSourceId(key), lastNow_);
  tracks_.erase(key);
}

Result<ConsumerKey> Router::addConsumer(const ConsumerParams& params) {
  Participant* subscriber = participant(params.subscriber);
  if (!subscriber) return invalid("unknown subscriber");
  const auto it = tracks_.find(params.track);
  if (it == tracks_.end()) return invalid("unknown track");
  PublishedTrack& track = *it->second;
  if (!track.isVideo() && track.owner() == params.subscriber) return invalid("audio is not sent back to its publisher");
  SubscriberConnection& connection = subscriber->subscriber;
  if (connection.consumerBySsrc(params.ssrc) || (params.rtxSsrc && connection.consumerBySsrc(*params.rtxSsrc)) ||
      (params.rtxSsrc && *params.rtxSsrc == params.ssrc)) {
    return invalid("an SSRC already used on the subscriber connection");
  }
  if (track.isVideo() && params.rtxSsrc && !params.rtxPayloadType) return invalid("RTX without a payload type");
  const ConsumerKey key = nextConsumer_++;
  auto consumer = std::make_unique<ForwardedTrack>(key, params, track, config_.videoCache);
  consumer->setConnection(&connection);
  track.consumers().push_back(consumer.get());
  connection.addConsumer(*consumer);
  consumers_.emplace(key, std::move(consumer));
  return key;
}

void Router::removeConsumerInternal(ForwardedTrack& consumer) {
  std::erase(consumer.track().consumers(), &consumer);
  if (SubscriberConnection* connection = consumer.connection()) connection->removeConsumer(consumer);
  consumers_.erase(consumer.key());
}

void Router::removeConsumer(ConsumerKey key) {
  const auto it = consumers_.find(key);
  if (it != consumers_.end()) removeConsumerInternal(*it->second);
}

void Router::setConsumerPaused(ConsumerKey key, bool paused) {
  const auto it = consumers_.find(key);
  if (it == consumers_.end()) return;
  ForwardedTrack& consumer = *it->second;
  consumer.setPaused(paused);
  if (paused) consumer.selectLayer(std::nullopt);  // at once; resuming waits for the allocation
  consumer.connection()->invalidateAllocation();
}

void Router::setTrackBlocked(TrackKey key, bool blocked) {
  const auto it = tracks_.find(key);
  if (it == tracks_.end() || it->second->blocked() == blocked) return;
  PublishedTrack& track = *it->second;
  track.setBlocked(blocked);
  for (ForwardedTrack* consumer : track.consumers()) {
    if (blocked) consumer->selectLayer(std::nullopt);
    consumer->connection()->invalidateAllocation();
  }
}

void Router::setConsumerTile(ConsumerKey key, uint32_t width, uint32_t height, bool visible) {
  const auto it = consumers_.find(key);
  if (it == consumers_.end()) return;
  ForwardedTrack& consumer = *it->second;
  consumer.setTile(width, height, visible);
  if (!consumer.wanted()) consumer.selectLayer(std::nullopt);
  consumer.connection()->invalidateAllocation();
}

void Router::onDominantSpeakerChanged(std::optional<ParticipantKey> speaker) {
  if (speaker == dominant_) return;
  dominant_ = speaker;
  // The dominant speaker's video goes first in every allocation.
  for (auto& [key, p] : participants_) p->subscriber.invalidateAllocation();
  listener_.onDominantSpeaker(speaker);
}

// ---------------------------------------------------------------------------------------------
// RTP from publishers

std::optional<size_t> Router::unwrapRtx(PublishedTrack& track, const PublishedLayer& layer, std::span<uint8_t> packet,
                                        const RtpPacketView& view) {
  const auto repaired = track.repairedPayloadType(view.payloadType());
  if (!repaired || !layer.ssrc) return std::nullopt;
  const auto payload = view.payload();
  const auto originalSequence = static_cast<uint16_t>((payload[0] << 8) | payload[1]);
  // RFC 4588 §4: drop the original sequence number and the packet is the original again.
  const size_t header = view.headerSize();
  std::memmove(packet.data() + header, packet.data() + header + kRtxHeaderSize, packet.size() - header - kRtxHeaderSize);
  const size_t size = packet.size() - kRtxHeaderSize;
  auto editor = RtpPacketEditor::parse(packet.first(size));
  if (!editor) return std::nullopt;
  editor->setSsrc(Ssrc(*layer.ssrc));
  editor->setSequenceNumber(SequenceNumber(originalSequence));
  editor->setPayloadType(*repaired);
  return size;
}

void Router::onLayerSsrcChanged(PublishedTrack& track, uint8_t layer, Clock::time_point now) {
  const auto ssrc = track.layer(layer).ssrc;
  if (!ssrc) return;
  bool wanted = false;
  for (ForwardedTrack* consumer : track.consumers()) {
    if (consumer->layer() == layer) {
      consumer->restartLayer(*ssrc);
      wanted = true;
    }
  }
  if (wanted && track.isVideo()) requestKeyframe(track, layer, now);
}

void Router::onPublisherRtp(ParticipantKey from, std::span<uint8_t> packet, Clock::time_point now) {
  lastNow_ = now;
  ++counters_.rtpReceived;
  auto view = RtpPacketView::parse(packet);
  if (!view) {
    ++counters_.malformedRtp;
    return;
  }
  Participant* p = participant(from);
  if (!p) {
    ++counters_.unknownParticipant;
    return;
  }
  PublisherConnection& publisher = p->publisher;
  // Every numbered packet is acknowledged, whatever becomes of it: the browser's estimator
  // counts its probes and padding too.
  if (const uint8_t id = publisher.transportCcId(); id != 0) {
    if (const auto data = view->extension(id)) {
      if (const auto sequence = TransportSequenceNumberExtension::parse(*data)) {
        publisher.feedback().onPacket(sequence->sequenceNumber, view->ssrc(), now);
      }
    }
  }
  const auto resolved = publisher.resolve(*view);
  if (!resolved) {
    ++counters_.unknownSsrc;
    return;
  }
  PublishedTrack& track = *resolved->route.track;
  const uint8_t layerIndex = resolved->route.layer;
  PublishedLayer& layer = track.layer(layerIndex);
  if (resolved->mediaSsrcChanged) onLayerSsrcChanged(track, layerIndex, now);

  bool retransmitted = false;
  if (resolved->route.rtx) {
    const size_t payloadSize = view->payload().size();
    if (payloadSize == 0) {
      ++counters_.paddingDropped;  // the browser probing its bandwidth: acknowledged above
      return;
    }
    if (payloadSize < kRtxHeaderSize) {
      ++counters_.shortRtx;
      return;
    }
    if (!layer.ssrc) {
      ++counters_.unknownSsrc;  // RTX of a layer whose media has not been seen
      return;
    }
    const auto size = unwrapRtx(track, layer, packet, *view);
    if (!size) {
      ++counters_.unknownPayloadType;
      return;
    }
    packet = packet.first(*size);
    view = RtpPacketView::parse(packet);
    if (!view) {
      ++counters_.malformedRtp;
      return;
    }
    retransmitted = true;
  } else if (!layer.ssrc) {
    // An RTX stream is known before its media stream (the browser sent RTX first).
    ++counters_.unknownSsrc;
    return;
  }
  const PublishedCodec* codec = track.codec(view->payloadType());
  if (!codec) {
    ++counters_.unknownPayloadType;
    return;
  }
  const auto arrival = layer.nacks.onPacket(view->sequenceNumber(), now);
  if (arrival == NackGenerator::Arrival::kDuplicate) {
    ++counters_.duplicates;
    return;
  }
  if (retransmitted) ++counters_.rtxRecovered;
  layer.stats.onPacket(view->sequenceNumber(), view->timestamp(), packet.size(), retransmitted, now);
  if (track.isVideo() && layer.nacks.takeKeyframeNeeded()) requestKeyframe(track, layerIndex, now);

  PayloadInfo info;
  const PayloadInfo* infoPtr = nullptr;
  if (track.isVideo()) {
    if (const auto inspected = inspectPayload(codec->codec, view->payload())) {
      info = *inspected;
      infoPtr = &info;
      if (info.keyframeStart) {
        ++layer.keyframes;
        layer.keyframeWanted = false;
        layer.keyframeDeferred = false;
        if (info.frameSize) track.onFrameSize(layerIndex, *info.frameSize);
      }
    }
  } else if (const uint8_t id = extensionId(track.extensions().audioLevel); id != 0 && !retransmitted && !track.blocked()) {
    if (const auto data = view->extension(id)) {
      if (const auto level = AudioLevelExtension::parse(*data)) {
        speaker_.onAudioLevel(AudioSourceId(track.key()), level->level, level->voiceActivity, now);
      }
    }
  }
  forward(track, *layer.ssrc, *view, infoPtr, now);
}

void Router::forward(PublishedTrack& track, uint32_t sourceSsrc, const RtpPacketView& packet, const PayloadInfo* info,
                     Clock::time_point now) {
  const uint8_t audioLevelId = track.isVideo() ? 0 : extensionId(track.extensions().audioLevel);
  const uint32_t sendTime = absSendTime(now);
  for (ForwardedTrack* consumer : track.consumers()) {
    if (!consumer->layer()) continue;
    SubscriberConnection* connection = consumer->connection();
    if (!connection || !connection->sink()) continue;
    size_t size = 0;
    const SendExtensionValues values{connection->nextTransportSequence(), sendTime};
    switch (consumer->writeMedia(packet, sourceSsrc, info, audioLevelId, values, rtpBuffer_, now, size)) {
      case WriteResult::kWritten:
        if (connection->send(rtpBuffer_, size, consumer->carriesTransportSequence(), SentPacketKind::kMedia, now)) {
          ++counters_.rtpForwarded;
        } else {
          ++counters_.sendFailures;
        }
        break;
      case WriteResult::kUnmappedPayloadType:
        ++counters_.unmappedPayloadType;
        break;
      case WriteResult::kTooLarge:
        ++counters_.tooLarge;
        break;
      default:
        break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Timer

void Router::onTimer(Clock::time_point now) {
  lastNow_ = now;
  speaker_.process(now);
  for (auto& [key, p] : participants_) {
    PublisherConnection& publisher = p->publisher;
    for (PublishedTrack* track : publisher.tracks()) {
      if (track->refresh(now, config_.layerTimeout)) {
        for (ForwardedTrack* consumer : track->consumers()) consumer->connection()->invalidateAllocation();
      }
      retryKeyframeRequests(*track, now);
    }
    if (now >= publisher.nextFeedback) {
      sendTransportFeedback(*p, now);
      publisher.nextFeedback = now + config_.transportFeedbackInterval;
    }
    if (now >= publisher.nextNack) {
      sendNacks(*p, now);
      publisher.nextNack = now + config_.nackInterval;
    }
    if (now >= publisher.nextReport) {
      sendReceiverReports(*p, now);
      publisher.nextReport = now + config_.reportInterval;
    }
  }
  for (auto& [key, p] : participants_) {
    SubscriberConnection& subscriber = p->subscriber;
    switched_.clear();
    subscriber.allocate(now, dominant_, switched_);
    for (ForwardedTrack* consumer : switched_) {
      if (!consumer->isVideo() || !consumer->layer()) continue;
      ++counters_.layerSwitches;
      // A new layer (or a first one) starts at a keyframe.
      requestKeyframe(consumer->track(), *consumer->layer(), now);
    }
    counters_.probePacketsSent += subscriber.pace(now, rtpBuffer_, absSendTime(now));
    if (now >= subscriber.nextReport) {
      sendSenderReports(*p, now);
      subscriber.nextReport = now + config_.reportInterval;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics

ParticipantStats Router::stats(ParticipantKey key, Clock::time_point now) const {
  ParticipantStats s;
  const Participant* p = participant(key);
  if (!p) return s;
  uint64_t expected = 0;
  for (const PublishedTrack* track : p->publisher.tracks()) {
    TrackStats t;
    t.track = track->key();
    t.kind = track->isVideo() ? sdp::MediaKind::Video : sdp::MediaKind::Audio;
    t.mid = track->mid();
    for (uint8_t index : track->order()) {
      const PublishedLayer& layer = track->layer(index);
      LayerStats l;
      l.rid = layer.rid;
      l.ssrc = layer.ssrc.value_or(0);
      if (layer.frameSize) {
        l.width = layer.frameSize->width;
        l.height = layer.frameSize->height;
      }
      l.bitrateBps = layer.stats.bitrateBps(now);
      l.active = layer.active;
      t.layers.push_back(std::move(l));
      s.publish.bitrateBps += layer.stats.bitrateBps(now);
      s.publish.packets += layer.stats.packets();
      s.publish.packetsLost += layer.stats.cumulativeLost();
      expected += layer.stats.expected();
      s.publish.jitterMs = std::max(s.publish.jitterMs, layer.stats.jitterMs());
    }
    s.tracks.push_back(std::move(t));
  }
  if (expected > 0 && s.publish.packetsLost > 0) {
    s.publish.lossRate = static_cast<double>(s.publish.packetsLost) / static_cast<double>(expected);
  }
  s.subscribe = p->subscriber.stats(now);
  for (const ForwardedTrack* consumer : p->subscriber.consumers()) s.consumers.push_back(consumer->stats(now));
  return s;
}

std::vector<TrackKey> Router::tracksOf(ParticipantKey key) const {
  std::vector<TrackKey> keys;
  if (const Participant* p = participant(key)) {
    for (const PublishedTrack* track : p->publisher.tracks()) keys.push_back(track->key());
  }
  return keys;
}

}  // namespace dienhong::media
