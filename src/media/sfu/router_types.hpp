// The vocabulary of the Router's public interface (router.hpp): the keys the room uses to name
// participants, published tracks and forwarded tracks, the Router's settings and what the room
// says about one track forwarded to one subscriber. Shared by the Router's parts.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "media/bwe/bandwidth_estimator.hpp"
#include "media/sfu/packet_cache.hpp"
#include "media/sdp/negotiated_media.hpp"
#include "media/speaker/active_speaker_config.hpp"

namespace dienhong::media {

using ParticipantKey = uint32_t;  // dense ids assigned by the room
using TrackKey = uint32_t;        // a published track, assigned by the router
using ConsumerKey = uint32_t;     // one track forwarded to one subscriber, assigned by the router

struct RouterConfig {
  BandwidthEstimatorConfig bwe;
  ActiveSpeakerConfig speaker;
  PacketCacheLimits videoCache;  // per forwarded video track, for RTX answers to NACKs
  // The least time between two keyframe requests (PLI) for one publisher layer; requests that
  // come sooner are folded into the next one.
  std::chrono::milliseconds keyframeRequestInterval{300};
  // A keyframe request that was not answered by a keyframe is repeated after this long.
  std::chrono::milliseconds keyframeRetryInterval{1000};
  // Transport-wide congestion control feedback toward publishers (their browser's send-side
  // bandwidth estimation needs it).
  std::chrono::milliseconds transportFeedbackInterval{50};
  // RTCP receiver reports toward publishers and sender reports toward subscribers.
  std::chrono::milliseconds reportInterval{1000};
  // A layer that sent nothing for this long is inactive (the browser stopped encoding it).
  std::chrono::milliseconds layerTimeout{1500};
  // NACKs toward publishers for gaps in video: how often the list is looked at, how many times a
  // packet is asked for, and how far behind the newest packet a gap is still worth asking for.
  std::chrono::milliseconds nackInterval{20};
  std::chrono::milliseconds nackRetryInterval{100};  // about a round trip; ours to them is unknown
  int nackMaxRetries = 3;
  // A NACK from a subscriber for a packet older than this is not answered: it would come too late
  // for the jitter buffer and only add load.
  std::chrono::milliseconds maxRetransmissionAge{1000};
  // Layer allocation runs on a layout or layer change, when the estimate moved by this fraction,
  // and at least this often.
  double reallocationThreshold = 0.05;
  // A higher estimate is budgeted only once it has lasted this long (a lower one at once).
  std::chrono::milliseconds upgradeHold{3000};
  std::chrono::milliseconds reallocationInterval{1000};
  // The SSRC the router uses as sender of RTCP feedback toward publishers (PLI, NACK, RR, TWCC).
  uint32_t rtcpSsrc = 0x6468'0001;
};

struct ConsumerParams {
  ParticipantKey subscriber = 0;
  TrackKey track = 0;
  uint32_t ssrc = 0;                // SSRC on the subscriber connection
  std::optional<uint32_t> rtxSsrc;  // video only; RTX only when the browser accepted it
  // Publisher payload type -> subscriber payload type, per codec (sdp::subscriberPayloadType
  // gives the latter).
  std::vector<std::pair<uint8_t, uint8_t>> payloadTypes;
  std::optional<uint8_t> rtxPayloadType;  // the subscriber-side RTX PT of the primary codec
  sdp::NegotiatedExtensions extensions;   // ids on the subscriber connection (0 = not negotiated)
};

}  // namespace dienhong::media
