// Plain statistics the Router reports (router.hpp): per participant what it publishes and what it
// receives, for the `stats` signalling message and monitoring (docs/signaling.md), and the
// router-wide counters of packets it dropped and why. Bitrates are over the last second.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "media/sdp/session_description.hpp"
#include "media/sfu/router_types.hpp"

namespace dienhong::media {

// The publish connection: everything the participant sends us.
struct PublishStats {
  uint64_t bitrateBps = 0;
  uint64_t packets = 0;
  int64_t packetsLost = 0;         // RFC 3550 A.3 cumulative loss, summed over streams
  double lossRate = 0;             // lost / expected since the stream started
  double jitterMs = 0;             // RFC 3550 A.8, the largest over the participant's streams
  std::optional<double> rttMs;     // unknown: a publisher sends us no reports on our RTCP
};

// The subscribe connection: everything we send the participant.
struct SubscribeStats {
  uint64_t bitrateBps = 0;
  uint64_t packets = 0;
  uint64_t retransmissions = 0;
  uint64_t estimatedBandwidthBps = 0;  // the bandwidth estimator's target
  std::optional<double> rttMs;         // from the subscriber's receiver reports (LSR/DLSR)
  double lossFraction = 0;             // the largest fraction lost in its latest receiver reports
};

struct LayerStats {
  std::string rid;  // empty without simulcast
  uint32_t ssrc = 0;
  uint32_t width = 0;  // from VP8 keyframes; 0 while unknown
  uint32_t height = 0;
  uint64_t bitrateBps = 0;
  bool active = false;
};

struct TrackStats {
  TrackKey track = 0;
  sdp::MediaKind kind = sdp::MediaKind::Audio;
  std::string mid;
  std::vector<LayerStats> layers;  // lowest to highest, as measured
};

struct ConsumerStats {
  ConsumerKey consumer = 0;
  TrackKey track = 0;
  std::optional<uint8_t> layer;  // index into the track's layers (lowest first); none: paused
  bool paused = false;           // by the room, hidden, or no bandwidth for any layer
  uint64_t bitrateBps = 0;
  uint64_t packets = 0;
  uint64_t retransmissions = 0;
};

struct ParticipantStats {
  PublishStats publish;
  SubscribeStats subscribe;
  std::vector<TrackStats> tracks;        // published by the participant
  std::vector<ConsumerStats> consumers;  // forwarded to the participant
};

// Router-wide counters for monitoring; never reset.
struct RouterCounters {
  // Publisher RTP.
  uint64_t rtpReceived = 0;
  uint64_t malformedRtp = 0;
  uint64_t unknownParticipant = 0;   // packet for a participant the router does not know
  uint64_t unknownSsrc = 0;          // no track or layer matched (SSRC, MID/RID, a=ssrc)
  uint64_t unknownPayloadType = 0;
  uint64_t shortRtx = 0;             // RTX without the 2-byte original sequence number
  uint64_t paddingDropped = 0;       // RTX padding-only packets (the browser's probes)
  uint64_t duplicates = 0;           // already received (network duplicate or RTX answer)
  uint64_t rtxRecovered = 0;         // lost packets that arrived as RTX
  uint64_t tooLarge = 0;             // would not fit a packet buffer with SRTP overhead
  // Forwarding.
  uint64_t rtpForwarded = 0;
  uint64_t sendFailures = 0;         // the sink refused (not connected, SRTP refused)
  uint64_t unmappedPayloadType = 0;  // no subscriber payload type for the publisher's
  // RTCP.
  uint64_t rtcpReceived = 0;
  uint64_t malformedRtcp = 0;
  uint64_t rtcpForUnknownSsrc = 0;   // feedback naming an SSRC the sender does not receive
  uint64_t nacksReceived = 0;
  uint64_t nackItemsIgnored = 0;     // beyond what one NACK may ask for
  uint64_t retransmissionsSent = 0;
  uint64_t retransmissionsMissing = 0;    // no longer (or never) in the packet cache, or too old
  uint64_t retransmissionsThrottled = 0;  // asked again before the last answer could arrive
  uint64_t retransmissionsWithoutRtx = 0; // the subscriber has no RTX: not resent
  uint64_t keyframeRequestsReceived = 0;  // PLI and FIR from subscribers
  uint64_t keyframeRequestsSent = 0;      // PLI to publishers
  uint64_t keyframeRequestsThrottled = 0;
  uint64_t nacksSent = 0;
  uint64_t transportFeedbackSent = 0;
  uint64_t transportFeedbackReceived = 0;
  uint64_t receiverReportsSent = 0;
  uint64_t senderReportsSent = 0;
  uint64_t probePacketsSent = 0;
  uint64_t layerSwitches = 0;
};

}  // namespace dienhong::media
