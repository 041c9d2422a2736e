// One track toward one subscriber: rewrite, cache, RTX, padding, sender reports; see
// forwarded_track.hpp.
#include "media/sfu/forwarded_track.hpp"

#include <algorithm>

#include "common/byte_reader.hpp"
#include "media/codec/vp8_descriptor.hpp"
#include "media/rtp/rtp_packet_writer.hpp"
#include "media/sfu/published_track.hpp"
#include "media/srtp/srtp_profile.hpp"

namespace dienhong::media {

namespace {

constexpr size_t kRtxHeaderSize = 2;  // the original sequence number (RFC 4588 §4)

uint8_t extensionId(uint16_t id) { return id <= 255 ? static_cast<uint8_t>(id) : 0; }

// The header extensions every packet toward the subscriber carries: transport-wide sequence
// number and abs-send-time, each when negotiated on the subscriber connection.
class SendExtensions {
 public:
  SendExtensions(uint8_t transportCcId, uint8_t absSendTimeId, const SendExtensionValues& values) {
    if (transportCcId != 0) {
      ByteWriter(transportSequence_).u16(values.transportSequence);
      elements_[count_++] = RtpExtension{transportCcId, transportSequence_};
    }
    if (absSendTimeId != 0) {
      ByteWriter(absSendTime_).u24(values.absSendTime & 0xFFFFFF);
      elements_[count_++] = RtpExtension{absSendTimeId, absSendTime_};
    }
  }
  void add(uint8_t id, std::span<const uint8_t> data) { elements_[count_++] = RtpExtension{id, data}; }
  std::span<const RtpExtension> elements() const { return {elements_.data(), count_}; }

 private:
  std::array<uint8_t, 2> transportSequence_{};
  std::array<uint8_t, 3> absSendTime_{};
  std::array<RtpExtension, 3> elements_{};
  size_t count_ = 0;
};

// Writes `writer` into `out` if the packet and SRTP's overhead fit.
WriteResult writeInto(const RtpPacketWriter& writer, std::span<uint8_t> out, size_t& size) {
  const auto needed = writer.size();
  if (!needed || *needed + kSrtpMaxRtpOverhead > out.size()) return WriteResult::kTooLarge;
  const auto written = writer.write(out);
  if (!written) return WriteResult::kTooLarge;
  size = *written;
  return WriteResult::kWritten;
}

}  // namespace

ForwardedTrack::ForwardedTrack(ConsumerKey key, const ConsumerParams& params, PublishedTrack& track,
                               const PacketCacheLimits& cacheLimits)
    : key_(key),
      subscriber_(params.subscriber),
      track_(track),
      video_(track.isVideo()),
      ssrc_(params.ssrc),
      rtxSsrc_(track.isVideo() ? params.rtxSsrc : std::nullopt),
      rtxPayloadType_(params.rtxPayloadType),
      extensions_(params.extensions),
      transportCcId_(extensionId(params.extensions.transportCc)),
      absSendTimeId_(extensionId(params.extensions.absSendTime)),
      audioLevelId_(track.isVideo() ? 0 : extensionId(params.extensions.audioLevel)),
      rewriter_(track.clockRate()),
      // Any start will do; the receiver learns it from the first packet.
      rtxSequence_(static_cast<uint16_t>(params.rtxSsrc.value_or(params.ssrc) * 7 + 1)) {
  for (const auto& [publisher, subscriber] : params.payloadTypes) {
    if (publisher <= kMaxPayloadType && subscriber <= kMaxPayloadType) {
      payloadTypes_[publisher] = static_cast<uint8_t>(subscriber + 1);
    }
  }
  if (rtxPayloadType_ && *rtxPayloadType_ > kMaxPayloadType) rtxPayloadType_.reset();
  if (video_) cache_.emplace(cacheLimits);
}

std::optional<uint8_t> ForwardedTrack::mapPayloadType(uint8_t publisherPayloadType) const {
  if (publisherPayloadType > kMaxPayloadType || payloadTypes_[publisherPayloadType] == 0) return std::nullopt;
  return static_cast<uint8_t>(payloadTypes_[publisherPayloadType] - 1u);
}

bool ForwardedTrack::wanted() const { return !paused_ && !track_.blocked() && (!video_ || visible_); }

bool ForwardedTrack::selectLayer(std::optional<uint8_t> layer) {
  if (layer == layer_) return false;
  layer_ = layer;
  if (!layer || *layer >= track_.layerCount()) {
    layer_.reset();
    rewriter_.pause();
    return false;
  }
  // The rewriter keeps the old layer flowing until the new one's keyframe.
  if (const auto ssrc = track_.layer(*layer).ssrc) rewriter_.switchTo(*ssrc);
  return true;
}

std::optional<uint8_t> ForwardedTrack::keyframeLayer() const { return layer_; }

void ForwardedTrack::restartLayer(uint32_t ssrc) {
  if (layer_) rewriter_.switchTo(ssrc);
}

void ForwardedTrack::recordSent(size_t size, size_t payloadSize, Clock::time_point now) {
  ++packets_;
  ++packetCount_;
  octetCount_ += static_cast<uint32_t>(payloadSize);
  bitrate_.add(size, now);
}

WriteResult ForwardedTrack::writeMedia(const RtpPacketView& in, uint32_t sourceSsrc, const PayloadInfo* info,
                                       uint8_t publisherAudioLevelId, const SendExtensionValues& values,
                                       std::span<uint8_t> out, Clock::time_point now, size_t& size) {
  if (!layer_) return WriteResult::kSkipped;
  const auto payloadType = mapPayloadType(in.payloadType());
  if (!payloadType) return WriteResult::kUnmappedPayloadType;
  IncomingRtp incoming{sourceSsrc,
                       in.sequenceNumber().value(),
                       in.timestamp().value(),
                       video_ ? (info && info->keyframeStart) : true,
                       info ? info->pictureId : std::nullopt,
                       info ? info->tl0PicIdx : std::nullopt};
  const auto header = rewriter_.rewrite(incoming);
  if (!header) return WriteResult::kSkipped;

  SendExtensions extensions(transportCcId_, absSendTimeId_, values);
  uint8_t level = 0;
  if (audioLevelId_ != 0 && publisherAudioLevelId != 0) {
    if (const auto data = in.extension(publisherAudioLevelId); data && !data->empty()) {
      level = (*data)[0];
      extensions.add(audioLevelId_, {&level, 1});
    }
  }
  const auto payload = in.payload();
  RtpPacketWriter writer;
  writer.setMarker(in.marker())
      .setPayloadType(*payloadType)
      .setSequenceNumber(SequenceNumber(header->sequence))
      .setTimestamp(RtpTimestamp(header->timestamp))
      .setSsrc(Ssrc(ssrc_))
      .setExtensions(extensions.elements())
      .setPayload(payload);
  // A padding-only packet keeps its padding: it holds a sequence number the subscriber expects.
  if (payload.empty() && in.paddingSize() > 0) writer.setPaddingSize(static_cast<uint8_t>(in.paddingSize()));
  const WriteResult result = writeInto(writer, out, size);
  if (result != WriteResult::kWritten) return result;

  if (header->pictureId && !payload.empty()) {
    // The copy's payload ends the packet (padding is kept only without payload).
    rewriteVp8Descriptor(out.subspan(size - payload.size(), payload.size()), *header->pictureId, header->tl0PicIdx);
  }
  if (cache_) cache_->store(header->sequence, out.first(size), now);
  if (!sentAny_ || isNewer(RtpTimestamp(header->timestamp), RtpTimestamp(lastTimestamp_))) {
    lastTimestamp_ = header->timestamp;
    lastSentAt_ = now;
  }
  sentAny_ = true;
  recordSent(size, payload.size(), now);
  return WriteResult::kWritten;
}

WriteResult ForwardedTrack::writeRetransmission(uint16_t sequence, const SendExtensionValues& values,
                                                Clock::duration minInterval, Clock::duration maxAge,
                                                std::span<uint8_t> scratch, std::span<uint8_t> out,
                                                Clock::time_point now, size_t& size) {
  if (!hasRtx() || !cache_) return WriteResult::kNoRtx;
  const auto entry = cache_->find(sequence);
  if (!entry || now - entry->sentAt > maxAge) return WriteResult::kMissing;
  if (entry->retransmittedAt && now - *entry->retransmittedAt < minInterval) return WriteResult::kThrottled;
  const auto original = RtpPacketView::parse(entry->packet);
  if (!original) return WriteResult::kMissing;
  const auto payload = original->payload();
  if (kRtxHeaderSize + payload.size() > scratch.size()) return WriteResult::kTooLarge;
  ByteWriter(scratch).u16(sequence).bytes(payload);

  SendExtensions extensions(transportCcId_, absSendTimeId_, values);
  RtpPacketWriter writer;
  writer.setMarker(original->marker())
      .setPayloadType(*rtxPayloadType_)
      .setSequenceNumber(SequenceNumber(rtxSequence_))
      .setTimestamp(original->timestamp())
      .setSsrc(Ssrc(*rtxSsrc_))
      .setExtensions(extensions.elements())
      .setPayload(scratch.first(kRtxHeaderSize + payload.size()));
  const WriteResult result = writeInto(writer, out, size);
  if (result != WriteResult::kWritten) return result;
  ++rtxSequence_;
  cache_->markRetransmitted(sequence, now);
  ++retransmissions_;
  bitrate_.add(size, now);
  return WriteResult::kWritten;
}

WriteResult ForwardedTrack::writePadding(uint8_t paddingBytes, const SendExtensionValues& values,
                                         std::span<uint8_t> out, Clock::time_point now, size_t& size) {
  if (!hasRtx()) return WriteResult::kNoRtx;
  if (!sentAny_ || paddingBytes == 0) return WriteResult::kSkipped;
  SendExtensions extensions(transportCcId_, absSendTimeId_, values);
  RtpPacketWriter writer;
  writer.setPayloadType(*rtxPayloadType_)
      .setSequenceNumber(SequenceNumber(rtxSequence_))
      .setTimestamp(RtpTimestamp(lastTimestamp_))
      .setSsrc(Ssrc(*rtxSsrc_))
      .setExtensions(extensions.elements())
      .setPaddingSize(paddingBytes);
  const WriteResult result = writeInto(writer, out, size);
  if (result != WriteResult::kWritten) return result;
  ++rtxSequence_;
  bitrate_.add(size, now);
  return WriteResult::kWritten;
}

std::optional<SenderReport> ForwardedTrack::senderReport(Clock::time_point now, uint64_t ntp) const {
  if (!sentAny_) return std::nullopt;
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::max(Clock::duration::zero(), now - lastSentAt_));
  const int64_t micros = elapsed.count();
  const int64_t rate = track_.clockRate();
  const auto ticks = static_cast<uint32_t>(micros / 1'000'000 * rate + micros % 1'000'000 * rate / 1'000'000);
  SenderReport report;
  report.senderSsrc = Ssrc(ssrc_);
  report.ntpTimestamp = ntp;
  report.rtpTimestamp = RtpTimestamp(lastTimestamp_ + ticks);
  report.packetCount = packetCount_;
  report.octetCount = octetCount_;
  return report;
}

ConsumerStats ForwardedTrack::stats(Clock::time_point now) const {
  ConsumerStats s;
  s.consumer = key_;
  s.track = track_.key();
  if (layer_) {
    const uint8_t rank = track_.rank(*layer_);
    if (rank != PublishedTrack::kNoLayer) s.layer = rank;
  }
  s.paused = paused_ || !layer_;
  s.bitrateBps = bitrate_.bitrateBps(now);
  s.packets = packets_;
  s.retransmissions = retransmissions_;
  return s;
}

}  // namespace dienhong::media
