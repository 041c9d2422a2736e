// Test support for the Router: recording media sinks, a listener, builders for publisher
// packets (RTP with header extensions, VP8 payloads with picture ids and keyframe headers, RTX)
// and negotiated sections, and a harness with one publisher and two subscribers on a simulated
// clock.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/byte_reader.hpp"
#include "media/rtcp/rtcp_compound_reader.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/rtcp_packet.hpp"
#include "media/rtcp/transport_feedback.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/rtp/rtp_packet_writer.hpp"
#include "media/sfu/router.hpp"
#include "media/srtp/srtp_profile.hpp"

namespace dienhong::media::test {

using Clock = Router::Clock;
using std::chrono::milliseconds;

// Extension ids as the publisher numbered them (browser-like) and as the subscriber offer does.
inline constexpr uint8_t kPubAudioLevel = 1;
inline constexpr uint8_t kPubAbsSendTime = 2;
inline constexpr uint8_t kPubTransportCc = 3;
inline constexpr uint8_t kPubMid = 4;
inline constexpr uint8_t kPubRid = 10;
inline constexpr uint8_t kPubRepairedRid = 11;
inline constexpr uint8_t kSubAudioLevel = 6;
inline constexpr uint8_t kSubAbsSendTime = 3;
inline constexpr uint8_t kSubTransportCc = 5;

inline constexpr uint8_t kVp8 = 96;
inline constexpr uint8_t kVp8Rtx = 97;
inline constexpr uint8_t kOpus = 111;
inline constexpr uint8_t kSubVp8 = 100;
inline constexpr uint8_t kSubVp8Rtx = 101;
inline constexpr uint8_t kSubOpus = 109;

// Records what the router sends. Like SRTP it then writes over the bytes after the packet (the
// tag) and scrambles the packet, so a router that reused a buffer it had handed over would
// forward garbage.
class RecordingSink : public MediaSink {
 public:
  bool sendRtp(std::span<uint8_t> buffer, size_t length) override {
    EXPECT_GE(buffer.size(), length + kSrtpMaxRtpOverhead) << "no room for SRTP";
    rtp.emplace_back(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(length));
    rtpTimes.push_back(clock ? *clock : Clock::time_point{});
    std::fill(buffer.begin() + static_cast<std::ptrdiff_t>(std::min(buffer.size(), length)),
              buffer.begin() + static_cast<std::ptrdiff_t>(std::min(buffer.size(), length + kSrtpMaxRtpOverhead)), 0xEE);
    for (size_t i = 12; i < length; ++i) buffer[i] ^= 0x5A;
    return accept;
  }
  bool sendRtcp(std::span<uint8_t> buffer, size_t length) override {
    EXPECT_GE(buffer.size(), length + kSrtpMaxRtcpOverhead) << "no room for SRTCP";
    rtcp.emplace_back(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(length));
    if (onRtcp) onRtcp(rtcp.back());
    return accept;
  }

  // RTCP packets of one kind, each as its own bytes, across all datagrams.
  std::vector<std::vector<uint8_t>> rtcpOf(RtcpPacketKind kind) const {
    std::vector<std::vector<uint8_t>> out;
    for (const auto& datagram : rtcp) {
      RtcpCompoundReader reader(datagram);
      for (const RtcpPacket& packet : reader) {
        if (packet.kind() == kind) out.emplace_back(packet.bytes().begin(), packet.bytes().end());
      }
    }
    return out;
  }
  std::vector<RtpPacketView> rtpViews(std::optional<uint32_t> ssrc = std::nullopt) const {
    std::vector<RtpPacketView> views;
    for (const auto& p : rtp) {
      auto view = RtpPacketView::parse(p);
      if (view && (!ssrc || view->ssrc().value() == *ssrc)) views.push_back(*view);
    }
    return views;
  }
  void clear() {
    rtp.clear();
    rtpTimes.clear();
    rtcp.clear();
  }

  std::vector<std::vector<uint8_t>> rtp;
  std::vector<Clock::time_point> rtpTimes;  // when each RTP packet was sent, if `clock` is set
  std::vector<std::vector<uint8_t>> rtcp;
  bool accept = true;
  const Clock::time_point* clock = nullptr;
  std::function<void(std::span<const uint8_t>)> onRtcp;
};

class RecordingListener : public RouterListener {
 public:
  void onDominantSpeaker(std::optional<ParticipantKey> speaker) override { speakers.push_back(speaker); }
  std::vector<std::optional<ParticipantKey>> speakers;
};

template <class Packet>
std::optional<Packet> parseRtcp(const std::vector<uint8_t>& bytes) {
  auto packet = RtcpPacket::parse(bytes);
  if (!packet) return std::nullopt;
  return Packet::parse(*packet);
}

// A VP8 payload: extended descriptor with a 15-bit picture id and TL0PICIDX (RFC 7741), then
// the VP8 payload header; a key frame carries the RFC 6386 §9.1 start code and size.
inline std::vector<uint8_t> vp8Payload(uint16_t pictureId, uint8_t tl0, bool startOfFrame, bool keyframe,
                                       uint16_t width = 0, uint16_t height = 0, size_t padTo = 40) {
  std::vector<uint8_t> p;
  p.push_back(startOfFrame ? 0x90 : 0x80);  // X, S, PID 0
  p.push_back(0xC0);                         // I, L
  p.push_back(static_cast<uint8_t>(0x80 | (pictureId >> 8)));
  p.push_back(static_cast<uint8_t>(pictureId));
  p.push_back(tl0);
  if (startOfFrame && keyframe) {
    p.insert(p.end(), {0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A});
    p.push_back(static_cast<uint8_t>(width));
    p.push_back(static_cast<uint8_t>(width >> 8));
    p.push_back(static_cast<uint8_t>(height));
    p.push_back(static_cast<uint8_t>(height >> 8));
  } else if (startOfFrame) {
    p.insert(p.end(), {0x31, 0x02, 0x00});  // inter frame
  }
  while (p.size() < padTo) p.push_back(static_cast<uint8_t>(p.size()));
  return p;
}

struct RtpSpec {
  uint32_t ssrc = 0;
  uint16_t sequence = 0;
  uint32_t timestamp = 0;
  uint8_t payloadType = kVp8;
  bool marker = false;
  std::vector<uint8_t> payload;
  std::optional<std::string> mid;
  std::optional<std::string> rid;
  std::optional<std::string> repairedRid;
  std::optional<uint16_t> transportSequence;
  std::optional<uint8_t> audioLevel;  // the whole byte: V bit and level
  uint8_t padding = 0;
};

inline std::vector<uint8_t> rtp(const RtpSpec& spec) {
  std::vector<RtpExtension> extensions;
  std::array<uint8_t, 2> tcc{};
  std::array<uint8_t, 1> level{};
  if (spec.audioLevel) {
    level[0] = *spec.audioLevel;
    extensions.push_back({kPubAudioLevel, level});
  }
  if (spec.transportSequence) {
    ByteWriter(tcc).u16(*spec.transportSequence);
    extensions.push_back({kPubTransportCc, tcc});
  }
  auto text = [](const std::optional<std::string>& s) {
    return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(s->data()), s->size());
  };
  if (spec.mid) extensions.push_back({kPubMid, text(spec.mid)});
  if (spec.rid) extensions.push_back({kPubRid, text(spec.rid)});
  if (spec.repairedRid) extensions.push_back({kPubRepairedRid, text(spec.repairedRid)});
  RtpPacketWriter writer;
  writer.setSsrc(Ssrc(spec.ssrc))
      .setSequenceNumber(SequenceNumber(spec.sequence))
      .setTimestamp(RtpTimestamp(spec.timestamp))
      .setPayloadType(spec.payloadType)
      .setMarker(spec.marker)
      .setExtensions(extensions)
      .setPayload(spec.payload)
      .setPaddingSize(spec.padding);
  std::vector<uint8_t> out(*writer.size());
  writer.write(out);
  return out;
}

inline sdp::NegotiatedExtensions publisherExtensions() {
  sdp::NegotiatedExtensions e;
  e.mid = kPubMid;
  e.rid = kPubRid;
  e.repairedRid = kPubRepairedRid;
  e.transportCc = kPubTransportCc;
  e.audioLevel = kPubAudioLevel;
  e.absSendTime = kPubAbsSendTime;
  return e;
}

inline sdp::NegotiatedMedia simulcastVideo(const std::string& mid, std::vector<std::string> rids) {
  sdp::NegotiatedMedia m;
  m.mid = mid;
  m.kind = sdp::MediaKind::Video;
  sdp::NegotiatedCodec vp8;
  vp8.payloadType = kVp8;
  vp8.name = "VP8";
  vp8.clockRate = 90000;
  vp8.feedback = {"nack", "nack pli", "ccm fir", "transport-cc"};
  vp8.rtxPayloadType = kVp8Rtx;
  m.codecs.push_back(vp8);
  m.extensions = publisherExtensions();
  for (auto& rid : rids) m.simulcast.push_back(sdp::SimulcastLayer{rid, false, ""});
  return m;
}

inline sdp::NegotiatedMedia plainVideo(const std::string& mid, uint32_t ssrc, uint32_t rtxSsrc) {
  sdp::NegotiatedMedia m = simulcastVideo(mid, {});
  m.ssrcs = {ssrc, rtxSsrc};
  m.ssrcGroups.push_back(sdp::SsrcGroup{"FID", {ssrc, rtxSsrc}});
  return m;
}

inline sdp::NegotiatedMedia opusAudio(const std::string& mid, std::optional<uint32_t> ssrc = std::nullopt) {
  sdp::NegotiatedMedia m;
  m.mid = mid;
  m.kind = sdp::MediaKind::Audio;
  sdp::NegotiatedCodec opus;
  opus.payloadType = kOpus;
  opus.name = "opus";
  opus.clockRate = 48000;
  opus.channels = 2;
  m.codecs.push_back(opus);
  m.extensions = publisherExtensions();
  m.extensions.rid = 0;
  m.extensions.repairedRid = 0;
  if (ssrc) m.ssrcs = {*ssrc};
  return m;
}

inline sdp::NegotiatedExtensions subscriberExtensions() {
  sdp::NegotiatedExtensions e;
  e.transportCc = kSubTransportCc;
  e.absSendTime = kSubAbsSendTime;
  e.audioLevel = kSubAudioLevel;
  return e;
}

inline ConsumerParams videoConsumer(ParticipantKey subscriber, TrackKey track, uint32_t ssrc,
                                    std::optional<uint32_t> rtxSsrc) {
  ConsumerParams c;
  c.subscriber = subscriber;
  c.track = track;
  c.ssrc = ssrc;
  c.rtxSsrc = rtxSsrc;
  c.payloadTypes = {{kVp8, kSubVp8}};
  if (rtxSsrc) c.rtxPayloadType = kSubVp8Rtx;
  c.extensions = subscriberExtensions();
  return c;
}

inline ConsumerParams audioConsumer(ParticipantKey subscriber, TrackKey track, uint32_t ssrc) {
  ConsumerParams c;
  c.subscriber = subscriber;
  c.track = track;
  c.ssrc = ssrc;
  c.payloadTypes = {{kOpus, kSubOpus}};
  c.extensions = subscriberExtensions();
  return c;
}

// One simulated simulcast sender: per layer an SSRC, sequence numbers, picture ids and a size.
struct SimulcastSender {
  struct Layer {
    std::string rid;
    uint32_t ssrc;
    uint32_t rtxSsrc;
    uint16_t width;
    uint16_t height;
    uint16_t sequence = 1000;
    uint16_t rtxSequence = 5000;
    uint16_t pictureId = 100;
    uint8_t tl0 = 0;
    uint32_t timestamp = 90000;
    size_t packetSize = 300;
  };
  std::string mid = "0";
  std::vector<Layer> layers;
  uint16_t transportSequence = 1;
  bool sendMidAndRid = true;
};

class RouterHarness {
 public:
  static constexpr ParticipantKey kPublisher = 1;
  static constexpr ParticipantKey kAlice = 2;
  static constexpr ParticipantKey kBob = 3;

  explicit RouterHarness(RouterConfig config = {}) : router(listener, config) {
    for (ParticipantKey key : {kPublisher, kAlice, kBob}) router.addParticipant(key);
    router.setSinks(kPublisher, &publisherSink, &publisherOwnSubscriberSink);
    router.setSinks(kAlice, &alicePublisherSink, &alice);
    router.setSinks(kBob, &bobPublisherSink, &bob);
    alice.clock = &now;
    bob.clock = &now;
    publisherSink.onRtcp = [this](std::span<const uint8_t> datagram) {
      RtcpCompoundReader reader(datagram);
      for (const RtcpPacket& packet : reader) {
        if (packet.kind() != RtcpPacketKind::kPli) continue;
        const auto pli = Pli::parse(packet);
        for (size_t i = 0; pli && i < sender.layers.size(); ++i) {
          if (pli->mediaSsrc.value() == sender.layers[i].ssrc) keyframeAsked_[i] = true;
        }
      }
    };
  }

  // Rids "q", "h", "f" at 320x180, 640x360, 1280x720, as the web client publishes them.
  TrackKey addSimulcastVideo(std::vector<std::string> rids = {"q", "h", "f"},
                             std::vector<std::pair<uint16_t, uint16_t>> sizes = {{320, 180}, {640, 360}, {1280, 720}}) {
    auto track = router.addTrack(kPublisher, simulcastVideo(sender.mid, rids));
    EXPECT_TRUE(track.ok());
    for (size_t i = 0; i < rids.size(); ++i) {
      SimulcastSender::Layer layer;
      layer.rid = rids[i];
      layer.ssrc = 0x1000 + static_cast<uint32_t>(i);
      layer.rtxSsrc = 0x2000 + static_cast<uint32_t>(i);
      layer.width = sizes[i].first;
      layer.height = sizes[i].second;
      layer.sequence = static_cast<uint16_t>(1000 * (i + 1));
      layer.pictureId = static_cast<uint16_t>(100 * (i + 1));
      layer.packetSize = 200 + 300 * i;
      sender.layers.push_back(layer);
    }
    return track.value();
  }

  // One frame of every layer (in one packet each), all at `now`.
  void sendFrame(bool keyframe, std::optional<size_t> onlyLayer = std::nullopt, bool keyframeOnlyOn = false,
                 size_t keyLayer = 0) {
    for (size_t i = 0; i < sender.layers.size(); ++i) {
      if (onlyLayer && *onlyLayer != i) continue;
      const bool key = keyframe && (!keyframeOnlyOn || i == keyLayer);
      sendLayerPacket(i, key, true, true);
    }
  }

  std::vector<uint8_t> layerPacket(size_t index, bool keyframe, bool startOfFrame, bool marker) {
    auto& layer = sender.layers[index];
    RtpSpec spec;
    spec.ssrc = layer.ssrc;
    spec.sequence = layer.sequence++;
    spec.timestamp = layer.timestamp;
    spec.marker = marker;
    spec.payload = vp8Payload(layer.pictureId, layer.tl0, startOfFrame, keyframe, layer.width, layer.height,
                              layer.packetSize);
    spec.transportSequence = sender.transportSequence++;
    if (sender.sendMidAndRid) {
      spec.mid = sender.mid;
      spec.rid = layer.rid;
    }
    if (marker) {
      layer.timestamp += 3000;
      ++layer.pictureId;
      ++layer.tl0;
    }
    return rtp(spec);
  }

  void sendLayerPacket(size_t index, bool keyframe, bool startOfFrame, bool marker) {
    auto packet = layerPacket(index, keyframe, startOfFrame, marker);
    router.onPublisherRtp(kPublisher, packet, now);
  }

  // Frames at 30 fps on every layer for `duration`, ticking the router's timer every 10 ms; a
  // keyframe whenever the router asked for one (PLI) since the last frame.
  void run(milliseconds duration, bool answerPli = true) {
    const auto end = now + duration;
    while (now < end) {
      if (now >= nextFrame) {
        std::array<bool, 3> key{};
        if (answerPli) std::swap(key, keyframeAsked_);
        for (size_t i = 0; i < sender.layers.size(); ++i) {
          if (paused_[i]) continue;
          sendLayerPacket(i, key[i] || firstFrame_, true, true);
        }
        firstFrame_ = false;
        nextFrame += milliseconds(33);
      }
      router.onTimer(now);
      if (everyTick) everyTick();
      now += milliseconds(10);
    }
  }
  void pauseLayer(size_t index, bool paused) { paused_[index] = paused; }
  std::function<void()> everyTick;

  // Transport-wide feedback from a subscriber about what it received since the last call: every
  // packet arrives `delay` after it was sent, except those `lost` picks.
  void sendFeedback(RecordingSink& sink, ParticipantKey subscriber, size_t& reported,
                    const std::function<bool(uint16_t)>& lost, milliseconds delay = milliseconds(20)) {
    std::vector<TransportFeedbackPacket> packets;
    std::optional<int64_t> referenceMicros;
    int64_t previous = 0;
    for (; reported < sink.rtp.size(); ++reported) {
      const auto view = RtpPacketView::parse(sink.rtp[reported]);
      if (!view) continue;
      const auto ext = view->extension(kSubTransportCc);
      if (!ext || ext->size() != 2) continue;
      const auto sequence = static_cast<uint16_t>(((*ext)[0] << 8) | (*ext)[1]);
      if (!packets.empty() && !isNewer(SequenceNumber(sequence), packets.back().sequenceNumber)) continue;
      if (lost(sequence)) {
        packets.push_back({SequenceNumber(sequence), false, 0});
        continue;
      }
      const int64_t arrival =
          std::chrono::duration_cast<std::chrono::microseconds>((sink.rtpTimes[reported] + delay).time_since_epoch()).count();
      if (!referenceMicros) {
        referenceMicros = arrival / 64000 * 64000;
        previous = *referenceMicros;
      }
      packets.push_back({SequenceNumber(sequence), true, static_cast<int32_t>((arrival - previous) / 250)});
      previous += (arrival - previous) / 250 * 250;
    }
    if (packets.empty() || !referenceMicros) return;
    const auto feedback = TransportFeedback::fromPackets(Ssrc(0x5555), Ssrc(0), static_cast<int32_t>(*referenceMicros / 64000),
                                                         feedbackCount_++, packets);
    ASSERT_TRUE(feedback);
    std::vector<uint8_t> bytes(feedback->serializedSize());
    ByteWriter writer(bytes);
    ASSERT_TRUE(feedback->serialize(writer));
    router.onSubscriberRtcp(subscriber, bytes, now);
  }

  RecordingListener listener;
  RecordingSink publisherSink, publisherOwnSubscriberSink;
  RecordingSink alicePublisherSink, alice;
  RecordingSink bobPublisherSink, bob;
  Router router;
  SimulcastSender sender;
  Clock::time_point now{std::chrono::seconds(1000)};
  Clock::time_point nextFrame{std::chrono::seconds(1000)};

 private:
  std::array<bool, 3> keyframeAsked_{};  // by a PLI the publisher received, per layer
  uint8_t feedbackCount_ = 0;
  bool firstFrame_ = true;
  std::array<bool, 3> paused_{};
};

}  // namespace dienhong::media::test
