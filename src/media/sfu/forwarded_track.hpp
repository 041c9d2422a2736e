// ForwardedTrack: one published track forwarded to one subscriber (a consumer, in mediasoup's
// words). It owns what that subscriber sees of the track: the SSRC and payload types of the
// subscriber connection, one continuous stream across simulcast layers (RtpRewriter: sequence
// numbers, timestamps, VP8 picture id and TL0PICIDX), the header extensions with the
// subscriber's ids, the packets it sent (PacketCache) to answer NACKs with RTX (RFC 4588: own
// SSRC, payload type and sequence numbers, the original sequence number first in the payload),
// RTX padding for bandwidth probes, and the counts its sender reports (RFC 3550 §6.4.1) carry.
// Every packet is written into a buffer the caller owns, never into the publisher's packet: each
// subscriber's copy is encrypted in place by its own SRTP context. No allocation per packet.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "media/rtcp/report_block.hpp"
#include "media/rtcp/sender_report.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/sfu/bitrate_meter.hpp"
#include "media/sfu/packet_cache.hpp"
#include "media/sfu/payload_inspector.hpp"
#include "media/sfu/router_stats.hpp"
#include "media/sfu/router_types.hpp"
#include "media/sfu/rtp_rewriter.hpp"

namespace dienhong::media {

class PublishedTrack;
class SubscriberConnection;

// Values of the subscriber connection's header extensions for the packet being written.
struct SendExtensionValues {
  uint16_t transportSequence = 0;  // the connection's next transport-wide sequence number
  uint32_t absSendTime = 0;        // 6.18 fixed point (AbsSendTimeExtension)
};

enum class WriteResult {
  kWritten,
  kSkipped,              // not for this subscriber now (other layer, waiting for a keyframe)
  kUnmappedPayloadType,  // no subscriber payload type for the publisher's
  kTooLarge,             // does not fit the buffer with SRTP's overhead
  kNoRtx,                // retransmission without RTX negotiated
  kMissing,              // retransmission of a packet not (or no longer) held, or too old
  kThrottled,            // retransmitted less than a round trip ago
};

class ForwardedTrack {
 public:
  using Clock = std::chrono::steady_clock;

  ForwardedTrack(ConsumerKey key, const ConsumerParams& params, PublishedTrack& track,
                 const PacketCacheLimits& cacheLimits);

  ConsumerKey key() const { return key_; }
  ParticipantKey subscriber() const { return subscriber_; }
  // The connection it leaves through; set by the router, which owns both.
  SubscriberConnection* connection() const { return connection_; }
  void setConnection(SubscriberConnection* connection) { connection_ = connection; }
  PublishedTrack& track() { return track_; }
  const PublishedTrack& track() const { return track_; }
  bool isVideo() const { return video_; }
  uint32_t ssrc() const { return ssrc_; }
  std::optional<uint32_t> rtxSsrc() const { return rtxSsrc_; }
  bool hasRtx() const { return rtxSsrc_ && rtxPayloadType_; }
  const sdp::NegotiatedExtensions& extensions() const { return extensions_; }
  bool carriesTransportSequence() const { return transportCcId_ != 0; }

  // What the room says.
  void setPaused(bool paused) { paused_ = paused; }
  bool paused() const { return paused_; }
  void setTile(uint32_t width, uint32_t height, bool visible) {
    tileWidth_ = width;
    tileHeight_ = height;
    visible_ = visible;
  }
  uint32_t tileWidth() const { return tileWidth_; }
  uint32_t tileHeight() const { return tileHeight_; }
  bool visible() const { return visible_; }
  // Whether the allocation should give it a layer at all: not paused, its track not blocked by a
  // chair, and (video) shown.
  bool wanted() const;

  // The layer (an index into the track's layers) chosen for it; nullopt: nothing is forwarded.
  std::optional<uint8_t> layer() const { return layer_; }
  // Applies a choice; true when it starts or changes the layer, so a keyframe of it is needed.
  bool selectLayer(std::optional<uint8_t> layer);
  // The layer a keyframe request of the subscriber is for: the one switched to, else the current.
  std::optional<uint8_t> keyframeLayer() const;
  // Forgets the layer's SSRC (the publisher changed it) and waits for a keyframe of the new one.
  void restartLayer(uint32_t ssrc);

  // Writes the subscriber's copy of a publisher packet of layer `layer` (media SSRC
  // `sourceSsrc`) into `out` (which keeps kSrtpMaxRtpOverhead spare), stores it for NACKs and
  // counts it. `size` is set when kWritten.
  WriteResult writeMedia(const RtpPacketView& in, uint32_t sourceSsrc, const PayloadInfo* info,
                         uint8_t publisherAudioLevelId, const SendExtensionValues& values, std::span<uint8_t> out,
                         Clock::time_point now, size_t& size);

  // An RTX answer to a NACK for `sequence` (as the subscriber numbers it). `scratch` holds the
  // new payload while it is built. Not answered within `minInterval` of the last answer or when
  // older than `maxAge`.
  WriteResult writeRetransmission(uint16_t sequence, const SendExtensionValues& values, Clock::duration minInterval,
                                  Clock::duration maxAge, std::span<uint8_t> scratch, std::span<uint8_t> out,
                                  Clock::time_point now, size_t& size);

  // An RTX packet of only padding (RFC 3550 §5.1 P bit, up to 255 bytes) for a bandwidth probe;
  // kNoRtx without RTX, kSkipped before any media was sent (there is no timestamp to use yet).
  WriteResult writePadding(uint8_t paddingBytes, const SendExtensionValues& values, std::span<uint8_t> out,
                           Clock::time_point now, size_t& size);

  // A sender report for the stream, once something was sent: `ntp` is now in NTP format; the
  // RTP timestamp is extrapolated from the last packet forwarded.
  std::optional<SenderReport> senderReport(Clock::time_point now, uint64_t ntp) const;
  // The subscriber's report block about this stream.
  void onReportBlock(const ReportBlock& block) { lastFractionLost_ = block.fractionLost; }
  std::optional<uint8_t> lastFractionLost() const { return lastFractionLost_; }

  uint64_t packets() const { return packets_; }
  uint64_t retransmissions() const { return retransmissions_; }
  uint64_t bitrateBps(Clock::time_point now) const { return bitrate_.bitrateBps(now); }
  ConsumerStats stats(Clock::time_point now) const;

 private:
  std::optional<uint8_t> mapPayloadType(uint8_t publisherPayloadType) const;
  void recordSent(size_t size, size_t payloadSize, Clock::time_point now);

  ConsumerKey key_;
  ParticipantKey subscriber_;
  SubscriberConnection* connection_ = nullptr;
  PublishedTrack& track_;
  bool video_;
  uint32_t ssrc_;
  std::optional<uint32_t> rtxSsrc_;
  std::optional<uint8_t> rtxPayloadType_;
  sdp::NegotiatedExtensions extensions_;
  uint8_t transportCcId_ = 0;
  uint8_t absSendTimeId_ = 0;
  uint8_t audioLevelId_ = 0;
  std::array<uint8_t, 128> payloadTypes_{};  // publisher PT -> subscriber PT + 1; 0: none

  bool paused_ = false;
  // Before the first layout every video is a thumbnail (docs/signaling.md).
  uint32_t tileWidth_ = 320;
  uint32_t tileHeight_ = 180;
  bool visible_ = true;
  std::optional<uint8_t> layer_;

  RtpRewriter rewriter_;
  std::optional<PacketCache> cache_;  // video only
  uint16_t rtxSequence_;

  // For sender reports and statistics.
  bool sentAny_ = false;
  uint32_t lastTimestamp_ = 0;
  Clock::time_point lastSentAt_{};
  uint32_t packetCount_ = 0;  // wraps, as the SR field does
  uint32_t octetCount_ = 0;
  uint64_t packets_ = 0;
  uint64_t retransmissions_ = 0;
  BitrateMeter bitrate_;
  std::optional<uint8_t> lastFractionLost_;
};

}  // namespace dienhong::media
