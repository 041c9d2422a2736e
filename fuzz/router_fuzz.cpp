// Fuzz target: the Router (src/media/sfu) with a publisher and two subscribers, driven by a
// sequence of records — publisher RTP, publisher RTCP, subscriber RTCP, timer ticks, layout and
// pause changes — each a type byte, a 16-bit length and the bytes.
// Properties: no crash, no out-of-bounds access, no sanitizer report; every packet the router
// sends leaves room for SRTP's overhead, every RTP packet it sends parses, and every RTCP
// datagram it sends frames completely and each of its packets parses with its own type.
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "media/rtcp/bye.hpp"
#include "media/rtcp/fir.hpp"
#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/receiver_report.hpp"
#include "media/rtcp/remb.hpp"
#include "media/rtcp/rtcp_compound_reader.hpp"
#include "media/rtcp/sender_report.hpp"
#include "media/rtcp/transport_feedback.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/sfu/router.hpp"
#include "media/srtp/srtp_profile.hpp"

using namespace dienhong::media;  // NOLINT(google-build-using-namespace)

namespace {

bool parsesAsItsKind(const RtcpPacket& packet) {
  switch (packet.kind()) {
    case RtcpPacketKind::kSenderReport: return SenderReport::parse(packet).has_value();
    case RtcpPacketKind::kReceiverReport: return ReceiverReport::parse(packet).has_value();
    case RtcpPacketKind::kGenericNack: return GenericNack::parse(packet).has_value();
    case RtcpPacketKind::kTransportFeedback: return TransportFeedback::parse(packet).has_value();
    case RtcpPacketKind::kPli: return Pli::parse(packet).has_value();
    case RtcpPacketKind::kFir: return Fir::parse(packet).has_value();
    case RtcpPacketKind::kRemb: return Remb::parse(packet).has_value();
    case RtcpPacketKind::kBye: return Bye::parse(packet).has_value();
    case RtcpPacketKind::kSdes:
    case RtcpPacketKind::kUnknown: return false;  // the router sends neither
  }
  return false;
}

class CheckingSink : public MediaSink {
 public:
  bool sendRtp(std::span<uint8_t> buffer, size_t length) override {
    if (buffer.size() < length + kSrtpMaxRtpOverhead) std::abort();
    if (!RtpPacketView::parse(buffer.first(length))) std::abort();
    return true;
  }
  bool sendRtcp(std::span<uint8_t> buffer, size_t length) override {
    if (buffer.size() < length + kSrtpMaxRtcpOverhead || length == 0) std::abort();
    RtcpCompoundReader reader(buffer.first(length));
    for (const RtcpPacket& packet : reader) {
      if (!parsesAsItsKind(packet)) std::abort();
    }
    if (reader.failed() || reader.offset() != length) std::abort();
    return true;
  }
};

class QuietListener : public RouterListener {
 public:
  void onDominantSpeaker(std::optional<ParticipantKey>) override {}
};

sdp::NegotiatedExtensions publisherExtensions() {
  sdp::NegotiatedExtensions e;
  e.audioLevel = 1;
  e.absSendTime = 2;
  e.transportCc = 3;
  e.mid = 4;
  e.rid = 10;
  e.repairedRid = 11;
  return e;
}

sdp::NegotiatedMedia video(const std::string& mid) {
  sdp::NegotiatedMedia m;
  m.mid = mid;
  m.kind = sdp::MediaKind::Video;
  m.codecs.push_back({96, "VP8", 90000, 0, "", {"nack", "nack pli"}, 97});
  m.codecs.push_back({98, "H264", 90000, 0, "", {"nack"}, 99});
  m.extensions = publisherExtensions();
  return m;
}

struct Room {
  QuietListener listener;
  CheckingSink sink;
  Router router;
  TrackKey simulcast = 0;
  TrackKey audio = 0;
  TrackKey plain = 0;
  std::array<ConsumerKey, 6> consumers{};

  static RouterConfig config() {
    RouterConfig c;
    c.videoCache.initialSlots = 16;
    c.videoCache.maxSlots = 64;
    c.videoCache.initialBytes = 4096;
    c.videoCache.maxBytes = 16384;
    return c;
  }

  Room() : router(listener, config()) {
    for (ParticipantKey key : {1u, 2u, 3u}) {
      router.addParticipant(key);
      router.setSinks(key, &sink, &sink);
    }
    auto sim = video("0");
    for (const char* rid : {"q", "h", "f"}) sim.simulcast.push_back({rid, false, ""});
    simulcast = router.addTrack(1, sim).value();
    sdp::NegotiatedMedia opus;
    opus.mid = "1";
    opus.kind = sdp::MediaKind::Audio;
    opus.codecs.push_back({111, "opus", 48000, 2, "", {}, std::nullopt});
    opus.extensions = publisherExtensions();
    audio = router.addTrack(1, opus).value();
    auto announced = video("2");
    announced.ssrcs = {0x5000, 0x5001};
    announced.ssrcGroups = {{"FID", {0x5000, 0x5001}}};
    plain = router.addTrack(1, announced).value();
    size_t n = 0;
    for (ParticipantKey subscriber : {2u, 3u}) {
      const uint32_t base = subscriber << 8;
      sdp::NegotiatedExtensions ids;
      ids.transportCc = 5;
      ids.absSendTime = 3;
      ids.audioLevel = subscriber == 2 ? 6 : 0;
      for (TrackKey track : {simulcast, plain}) {
        ConsumerParams c;
        c.subscriber = subscriber;
        c.track = track;
        c.ssrc = base + static_cast<uint32_t>(n) * 2;
        if (subscriber == 2) {
          c.rtxSsrc = c.ssrc + 1;
          c.rtxPayloadType = 101;
        }
        c.payloadTypes = {{96, 100}, {98, 102}};
        c.extensions = ids;
        consumers[n++] = router.addConsumer(c).value();
      }
      ConsumerParams a;
      a.subscriber = subscriber;
      a.track = audio;
      a.ssrc = base + 0x80;
      a.payloadTypes = {{111, 109}};
      a.extensions = ids;
      consumers[n++] = router.addConsumer(a).value();
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Room room;
  Router::Clock::time_point now{std::chrono::seconds(100)};
  std::array<uint8_t, 4096> packet{};
  size_t at = 0;
  while (at + 3 <= size) {
    const uint8_t type = data[at];
    const size_t length = std::min<size_t>(static_cast<size_t>((data[at + 1] << 8) | data[at + 2]), size - at - 3);
    const std::span<const uint8_t> bytes(data + at + 3, length);
    at += 3 + length;
    std::copy(bytes.begin(), bytes.end(), packet.begin());  // the router may edit in place
    const std::span<uint8_t> mutableBytes(packet.data(), std::min(length, packet.size()));
    switch (type % 6) {
      case 0:
        room.router.onPublisherRtp(1, mutableBytes, now);
        break;
      case 1:
        room.router.onPublisherRtcp(1, mutableBytes, now);
        break;
      case 2:
        room.router.onSubscriberRtcp(2, mutableBytes, now);
        break;
      case 3:
        room.router.onSubscriberRtcp(3, mutableBytes, now);
        break;
      case 4: {
        // Time moves on by the record's first byte in milliseconds; the timer runs.
        now += std::chrono::milliseconds(length > 0 ? bytes[0] : 10);
        room.router.onTimer(now);
        break;
      }
      case 5: {
        if (length < 3) break;
        const ConsumerKey consumer = room.consumers[bytes[0] % room.consumers.size()];
        if (bytes[1] & 0x80) {
          room.router.setConsumerPaused(consumer, (bytes[1] & 1) != 0);
        } else {
          room.router.setConsumerTile(consumer, 160u * (bytes[2] & 0x0F), 90u * (bytes[2] >> 4), (bytes[1] & 1) != 0);
        }
        if (bytes[1] == 0x7F) room.router.removeParticipant(3);
        break;
      }
    }
    now += std::chrono::milliseconds(1);
  }
  // Statistics of whoever is left.
  for (ParticipantKey key : {1u, 2u, 3u}) (void)room.router.stats(key, now);
  return 0;
}
