// Router: the forwarding engine of one room (the SFU core, docs/media.md "Router"). Participants
// publish tracks on their publish connection and receive the others' on their subscribe
// connection; the router forwards every publisher packet to each consumer of its track as a new
// packet in the subscriber's terms (SSRC, payload type, sequence numbers, timestamps, VP8 picture
// ids, header extension ids), chooses per subscriber which simulcast layer each video gets, and
// runs the RTCP of both sides:
//   toward publishers:  transport-wide feedback, receiver reports, NACK, PLI;
//   from subscribers:   NACK -> RTX from the packet cache, PLI/FIR -> PLI upstream (rate
//                       limited per layer), RR -> RTT and loss, transport-wide feedback and
//                       REMB -> bandwidth estimate -> layer allocation and probing;
//   toward subscribers: sender reports, RTX, probe padding.
// Audio levels (RFC 6464) drive the dominant speaker (ActiveSpeakerDetector), whose video is
// upgraded first.
//
// One Router per room, on the room's media worker thread: no lock; nothing is allocated per
// packet in the steady state (per-stream state and the packet buffers are allocated when a
// participant, track or consumer is added). Every packet is untrusted: anything malformed or
// unknown is counted (counters()) and dropped.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"
#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/rtcp_packet.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/sdp/negotiated_media.hpp"
#include "media/sfu/forwarded_track.hpp"
#include "media/sfu/published_track.hpp"
#include "media/sfu/publisher_connection.hpp"
#include "media/sfu/router_stats.hpp"
#include "media/sfu/router_types.hpp"
#include "media/sfu/subscriber_connection.hpp"
#include "media/speaker/active_speaker_detector.hpp"
#include "media/transport/media_sink.hpp"

namespace dienhong::media {

class RouterListener {
 public:
  virtual ~RouterListener() = default;
  // Called synchronously from the Router's calls (onPublisherRtp, onTimer, removeParticipant,
  // removeTrack); the listener must not remove participants from inside it.
  virtual void onDominantSpeaker(std::optional<ParticipantKey> speaker) = 0;
};

class Router {
 public:
  using Clock = std::chrono::steady_clock;

  explicit Router(RouterListener& listener, RouterConfig config = {});
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;
  ~Router();

  // Adding a participant twice is harmless.
  void addParticipant(ParticipantKey key);
  // The two connections of a participant; either may be null until created. Not owned.
  void setSinks(ParticipantKey key, MediaSink* publisher, MediaSink* subscriber);
  // Also removes its tracks (and their consumers) and its consumers.
  void removeParticipant(ParticipantKey key);

  // One accepted publisher m= section (audio or video, simulcast or not). "invalid_argument" for
  // a section it cannot forward (see PublishedTrack::create) or an unknown participant.
  Result<TrackKey> addTrack(ParticipantKey owner, const sdp::NegotiatedMedia& media);
  // Removes its consumers too.
  void removeTrack(TrackKey track);

  // "invalid_argument" for an unknown subscriber or track, audio toward its own publisher, an
  // SSRC already used on the subscriber connection, or a video consumer whose RTX lacks a
  // payload type.
  Result<ConsumerKey> addConsumer(const ConsumerParams& params);
  void removeConsumer(ConsumerKey consumer);
  // E.g. until the subscriber's answer is in. A paused consumer sends nothing.
  void setConsumerPaused(ConsumerKey consumer, bool paused);
  // A chair muted or stopped the track: nothing of it is forwarded, and (audio) it no longer
  // counts for the active speaker. Unblocking resumes every consumer from a keyframe.
  void setTrackBlocked(TrackKey track, bool blocked);
  // The size the subscriber shows this video at (device pixels); visible=false: nothing is sent.
  // Until called, a video is a visible 320x180 thumbnail (docs/signaling.md).
  void setConsumerTile(ConsumerKey consumer, uint32_t width, uint32_t height, bool visible);

  // Decrypted packets from the transports, valid during the call, may be modified in place.
  void onPublisherRtp(ParticipantKey from, std::span<uint8_t> packet, Clock::time_point now);
  void onPublisherRtcp(ParticipantKey from, std::span<uint8_t> packet, Clock::time_point now);
  void onSubscriberRtcp(ParticipantKey from, std::span<uint8_t> packet, Clock::time_point now);

  // Called by the room every ~10 ms: RTCP reports, feedback, keyframe requests, probes, layer
  // allocation, speaker decisions.
  void onTimer(Clock::time_point now);

  ParticipantStats stats(ParticipantKey key, Clock::time_point now) const;
  std::vector<TrackKey> tracksOf(ParticipantKey key) const;
  const RouterCounters& counters() const { return counters_; }
  std::optional<ParticipantKey> dominantSpeaker() const { return dominant_; }

 private:
  struct Participant {
    explicit Participant(ParticipantKey k, const RouterConfig& config) : key(k), subscriber(config) {}
    ParticipantKey key;
    PublisherConnection publisher;
    SubscriberConnection subscriber;
  };

  // A buffer for one outgoing packet with SRTP's room after it.
  static constexpr size_t kPacketBufferSize = 1600;
  static constexpr size_t kMaxRtcpSize = 1200;  // one compound RTCP datagram, under any MTU
  static constexpr size_t kMaxNacksPerMessage = 512;

  Participant* participant(ParticipantKey key);
  const Participant* participant(ParticipantKey key) const;
  // Counts an RTCP compound from `from`; null (counted) when the participant is unknown.
  Participant* rtcpSender(ParticipantKey from, Clock::time_point now);
  uint64_t ntpNow(Clock::time_point now) const;
  static uint32_t absSendTime(Clock::time_point now);

  // RTP path (router.cpp).
  void forward(PublishedTrack& track, uint32_t sourceSsrc, const RtpPacketView& packet, const PayloadInfo* info,
               Clock::time_point now);
  std::optional<size_t> unwrapRtx(PublishedTrack& track, const PublishedLayer& layer, std::span<uint8_t> packet,
                                  const RtpPacketView& view);
  void onLayerSsrcChanged(PublishedTrack& track, uint8_t layer, Clock::time_point now);
  void removeConsumerInternal(ForwardedTrack& consumer);
  void onDominantSpeakerChanged(std::optional<ParticipantKey> speaker);

  // RTCP (router_rtcp.cpp).
  void requestKeyframe(PublishedTrack& track, uint8_t layer, Clock::time_point now);
  bool sendPli(PublishedTrack& track, PublishedLayer& layer, Clock::time_point now);
  void onSubscriberNack(Participant& subscriber, const GenericNack& nack, Clock::time_point now);
  void onSubscriberKeyframeRequest(Participant& subscriber, uint32_t mediaSsrc, Clock::time_point now);
  void onSubscriberReportBlocks(Participant& subscriber, const WireList<ReportBlock>& blocks, Clock::time_point now);
  void sendTransportFeedback(Participant& publisher, Clock::time_point now);
  void sendReceiverReports(Participant& publisher, Clock::time_point now);
  void sendNacks(Participant& publisher, Clock::time_point now);
  void sendSenderReports(Participant& subscriber, Clock::time_point now);
  void retryKeyframeRequests(PublishedTrack& track, Clock::time_point now);
  bool sendRtcp(MediaSink* sink, size_t size);

  RouterListener& listener_;
  RouterConfig config_;
  ActiveSpeakerDetector speaker_;
  std::optional<ParticipantKey> dominant_;
  std::unordered_map<ParticipantKey, std::unique_ptr<Participant>> participants_;
  std::unordered_map<TrackKey, std::unique_ptr<PublishedTrack>> tracks_;
  std::unordered_map<ConsumerKey, std::unique_ptr<ForwardedTrack>> consumers_;
  TrackKey nextTrack_ = 1;
  ConsumerKey nextConsumer_ = 1;
  RouterCounters counters_;
  Clock::time_point lastNow_{};  // the latest time a caller gave, for calls that take none
  // Steady clock -> NTP (RFC 3550 §4), fixed at construction so that reports stay consistent.
  int64_t ntpOffsetMicros_ = 0;

  // Preallocated buffers: one outgoing packet at a time (each subscriber's copy is written,
  // protected in place and sent before the next), RTX payloads, RTCP.
  std::vector<uint8_t> rtpBuffer_;
  std::vector<uint8_t> scratch_;
  std::vector<uint8_t> rtcpBuffer_;
  std::array<SequenceNumber, kMaxNacksPerMessage> nackScratch_{};
  std::array<NackItem, kMaxNacksPerMessage> nackItems_{};
  std::vector<ForwardedTrack*> switched_;
  std::vector<ReportBlock> reportBlocks_;
};

}  // namespace dienhong::media
