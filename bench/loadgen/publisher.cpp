#include "loadgen/publisher.hpp"

#include <algorithm>

#include "loadgen/client_sdp.hpp"
#include "loadgen/ntp_time.hpp"
#include "loadgen/receive_batch.hpp"
#include "media/rtcp/fir.hpp"
#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/rtcp_compound_reader.hpp"
#include "media/rtcp/rtcp_compound_writer.hpp"
#include "media/rtcp/sender_report.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/rtp/rtp_packet_writer.hpp"
#include "media/sdp/sdp_parser.hpp"
#include "media/sdp/sdp_writer.hpp"
#include "media/sdp/media_capabilities.hpp"

namespace dienhong::loadgen {
namespace {

namespace sdp = media::sdp;
using media::RtpExtension;

std::span<const uint8_t> bytesOf(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

// The history grows with the layer until it holds two seconds: NACKs for older packets are useless.
media::PacketCacheLimits historyLimits() {
  media::PacketCacheLimits limits;
  limits.retention = std::chrono::milliseconds(2000);
  return limits;
}

uint32_t mix(uint32_t seed, uint32_t salt) {
  uint32_t x = seed * 2654435761u ^ (salt * 40503u + 0x9E3779B9u);
  x ^= x >> 16;
  x *= 0x7feb352d;
  x ^= x >> 15;
  return x == 0 ? 1 : x;
}

}  // namespace

Publisher::Publisher(std::unique_ptr<ClientTransport> transport, const MediaModel& model, bool audio, bool video,
                     uint32_t seed, boost::asio::ip::address serverAddress)
    : transport_(std::move(transport)),
      model_(model),
      audioEnabled_(audio),
      videoEnabled_(video),
      serverAddress_(std::move(serverAddress)),
      audioSsrc_(mix(seed, 1)),
      audioSequence_(static_cast<uint16_t>(mix(seed, 2))) {
  const auto start = Clock::now();
  if (audio) audio_.emplace(model_, seed, start);
  if (video) {
    uint32_t salt = 10;
    for (const VideoLayer& layer : model_.layers) {
      layers_.push_back(std::make_unique<Layer>(Layer{
          .source = VideoLayerSource(layer, model_, mix(seed, salt), start),
          .ssrc = mix(seed, salt + 1),
          .rtxSsrc = mix(seed, salt + 2),
          .rid = layer.rid,
          .sequence = static_cast<uint16_t>(mix(seed, salt + 3)),
          .rtxSequence = static_cast<uint16_t>(mix(seed, salt + 4)),
          .history = media::PacketCache(historyLimits()),
          .packets = 0,
          .octets = 0,
          .lastRtpTimestamp = 0,
      }));
      salt += 10;
    }
  }
}

std::string Publisher::offer(LayerOrder order) const {
  sdp::SessionDescription d;
  d.origin = "- 4611731400430051336 2 IN IP4 127.0.0.1";
  d.extmapAllowMixed = true;
  d.otherAttributes.push_back({"msid-semantic", " WMS loadgen", true});
  if (audioEnabled_) {
    sdp::MediaSection m;
    m.kind = sdp::MediaKind::Audio;
    m.kindName = "audio";
    m.protocol = "UDP/TLS/RTP/SAVPF";
    m.formats = {std::to_string(audioPayloadType_)};
    m.mid = "0";
    m.direction = sdp::Direction::SendOnly;
    addLocalTransport(m, *transport_, sdp::Setup::ActPass);
    m.msid = "loadgen audio";
    m.codecs.push_back({audioPayloadType_, "opus", 48000, 2,
                        std::string("minptime=10;useinbandfec=1") + (model_.audioDtx ? ";usedtx=1" : ""), {"transport-cc"}});
    m.extmaps = {{extension_id::kAudioLevel, std::nullopt, std::string(sdp::kAudioLevelUri)},
                 {extension_id::kTransportCc, std::nullopt, std::string(sdp::kTransportCcUri)},
                 {extension_id::kMid, std::nullopt, std::string(sdp::kMidUri)}};
    m.ssrcs = {{audioSsrc_, "cname", "loadgen"}, {audioSsrc_, "msid", "loadgen audio"}};
    d.bundleMids.push_back("0");
    d.media.push_back(std::move(m));
  }
  if (videoEnabled_) {
    sdp::MediaSection m;
    m.kind = sdp::MediaKind::Video;
    m.kindName = "video";
    m.protocol = "UDP/TLS/RTP/SAVPF";
    m.formats = {std::to_string(videoPayloadType_), std::to_string(rtxPayloadType_)};
    m.mid = "1";
    m.direction = sdp::Direction::SendOnly;
    addLocalTransport(m, *transport_, sdp::Setup::ActPass);
    m.msid = "loadgen video";
    m.codecs.push_back({videoPayloadType_, "VP8", 90000, 0, "",
                        {"goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"}});
    m.codecs.push_back({rtxPayloadType_, "rtx", 90000, 0, "apt=" + std::to_string(videoPayloadType_), {}});
    m.extmaps = {{extension_id::kTransportCc, std::nullopt, std::string(sdp::kTransportCcUri)},
                 {extension_id::kMid, std::nullopt, std::string(sdp::kMidUri)},
                 {extension_id::kRid, std::nullopt, std::string(sdp::kRidUri)},
                 {extension_id::kRepairedRid, std::nullopt, std::string(sdp::kRepairedRidUri)}};
    sdp::Simulcast simulcast;
    for (const auto& layer : layers_) {
      m.rids.push_back({layer->rid, sdp::Direction::SendOnly, ""});
      simulcast.send.push_back({layer->rid});
    }
    if (order == LayerOrder::HighestFirst) {
      std::reverse(m.rids.begin(), m.rids.end());
      std::reverse(simulcast.send.begin(), simulcast.send.end());
    }
    m.simulcast = simulcast;
    d.bundleMids.push_back("1");
    d.media.push_back(std::move(m));
  }
  return sdp::serialize(d);
}

Result<void> Publisher::acceptAnswer(std::string_view text, Clock::time_point now) {
  auto answer = sdp::parse(text);
  if (!answer) return answer.error();
  auto remote = remoteTransportOf(*answer, serverAddress_, true);
  if (!remote) return remote.error();
  // Payload types are the offer's; a section the server rejected (port 0) sends nothing.
  for (const auto& m : answer->media) {
    if (m.port != 0) continue;
    if (m.kind == sdp::MediaKind::Audio) audio_.reset();
    if (m.kind == sdp::MediaKind::Video) layers_.clear();
  }
  transport_->start(*remote, now);
  nextReportAt_ = now + std::chrono::seconds(1);
  return {};
}

void Publisher::tick(Clock::time_point now, bool sending, bool speaking) {
  transport_->tick(now);
  if (!transport_->ready()) return;
  if (sending) {
    if (audio_ && audio_->packetDue(now, speaking)) sendAudio(now, speaking);
    for (auto& layer : layers_) {
      while (layer->source.frameDue(now)) sendVideo(*layer, now);
    }
  }
  if (now >= nextReportAt_) {
    nextReportAt_ = now + std::chrono::seconds(1);
    sendSenderReports();
  }
}

void Publisher::sendAudio(Clock::time_point now, bool speaking) {
  // Stamped as each packet is made: a tick sends many.
  const auto payload = audio_->nextPacket(now, wallClockMicros(), speaking);
  const uint16_t tcc = transportSequence_++;
  const uint8_t level = speaking ? static_cast<uint8_t>(0x80 | 25) : static_cast<uint8_t>(127);
  const uint8_t tccBytes[2] = {static_cast<uint8_t>(tcc >> 8), static_cast<uint8_t>(tcc)};
  const RtpExtension extensions[] = {{extension_id::kAudioLevel, std::span<const uint8_t>(&level, 1)},
                                     {extension_id::kTransportCc, tccBytes},
                                     {extension_id::kMid, bytesOf("0")}};
  media::RtpPacketWriter writer;
  writer.setPayloadType(audioPayloadType_)
      .setSequenceNumber(media::SequenceNumber(audioSequence_++))
      .setTimestamp(media::RtpTimestamp(audio_->rtpTimestamp()))
      .setSsrc(media::Ssrc(audioSsrc_))
      .setExtensions(extensions)
      .setPayload(payload);
  const auto size = writer.write(packet_);
  if (!size) return;
  ++audioPackets_;
  audioOctets_ += static_cast<uint32_t>(payload.size());
  if (transport_->sendRtp(packet_, *size)) {
    ++counters_.packetsSent;
    counters_.bytesSent += *size;
  }
}

void Publisher::sendVideo(Layer& layer, Clock::time_point now) {
  layer.source.startFrame(now);
  while (const auto packet = layer.source.nextPacket(wallClockMicros())) {
    const uint16_t tcc = transportSequence_++;
    const uint8_t tccBytes[2] = {static_cast<uint8_t>(tcc >> 8), static_cast<uint8_t>(tcc)};
    const RtpExtension extensions[] = {{extension_id::kTransportCc, tccBytes},
                                       {extension_id::kMid, bytesOf("1")},
                                       {extension_id::kRid, bytesOf(layer.rid)}};
    media::RtpPacketWriter writer;
    writer.setPayloadType(videoPayloadType_)
        .setMarker(packet->marker)
        .setSequenceNumber(media::SequenceNumber(layer.sequence))
        .setTimestamp(media::RtpTimestamp(packet->rtpTimestamp))
        .setSsrc(media::Ssrc(layer.ssrc))
        .setExtensions(extensions)
        .setPayload(packet->payload);
    const auto size = writer.write(packet_);
    if (!size) continue;
    layer.history.store(layer.sequence, std::span<const uint8_t>(packet_.data(), *size), now);
    ++layer.sequence;
    ++layer.packets;
    layer.octets += static_cast<uint32_t>(packet->payload.size());
    layer.lastRtpTimestamp = packet->rtpTimestamp;
    if (packet->keyframe && packet->marker) ++counters_.keyframesSent;
    if (transport_->sendRtp(packet_, *size)) {
      ++counters_.packetsSent;
      counters_.bytesSent += *size;
    }
  }
}

void Publisher::retransmit(Layer& layer, uint16_t sequence, Clock::time_point now) {
  const auto entry = layer.history.find(sequence);
  if (!entry) return;
  // Not again within 10 ms: the server's NACK repeats until our answer has had time to arrive.
  if (entry->retransmittedAt && now - *entry->retransmittedAt < std::chrono::milliseconds(10)) return;
  const auto original = media::RtpPacketView::parse(entry->packet);
  if (!original) return;
  std::array<uint8_t, 1500> payload{};
  const auto body = original->payload();
  if (body.size() + 2 > payload.size()) return;
  payload[0] = static_cast<uint8_t>(sequence >> 8);
  payload[1] = static_cast<uint8_t>(sequence);
  std::copy(body.begin(), body.end(), payload.begin() + 2);
  const uint16_t tcc = transportSequence_++;
  const uint8_t tccBytes[2] = {static_cast<uint8_t>(tcc >> 8), static_cast<uint8_t>(tcc)};
  const RtpExtension extensions[] = {{extension_id::kTransportCc, tccBytes},
                                     {extension_id::kMid, bytesOf("1")},
                                     {extension_id::kRepairedRid, bytesOf(layer.rid)}};
  media::RtpPacketWriter writer;
  writer.setPayloadType(rtxPayloadType_)
      .setMarker(original->marker())
      .setSequenceNumber(media::SequenceNumber(layer.rtxSequence++))
      .setTimestamp(original->timestamp())
      .setSsrc(media::Ssrc(layer.rtxSsrc))
      .setExtensions(extensions)
      .setPayload(std::span<const uint8_t>(payload.data(), body.size() + 2));
  const auto size = writer.write(rtx_);
  if (!size) return;
  layer.history.markRetransmitted(sequence, now);
  if (transport_->sendRtp(rtx_, *size)) {
    ++counters_.retransmissionsSent;
    ++counters_.packetsSent;
    counters_.bytesSent += *size;
  }
}

Publisher::Layer* Publisher::layerOf(uint32_t ssrc) {
  for (auto& layer : layers_) {
    if (layer->ssrc == ssrc) return layer.get();
  }
  return nullptr;
}

void Publisher::onRtcp(std::span<uint8_t> rtcp, Clock::time_point now) {
  media::RtcpCompoundReader reader(rtcp);
  for (const media::RtcpPacket& packet : reader) {
    switch (packet.kind()) {
      case media::RtcpPacketKind::kGenericNack:
        if (const auto nack = media::GenericNack::parse(packet)) {
          ++counters_.nacksReceived;
          if (Layer* layer = layerOf(nack->mediaSsrc.value())) {
            for (const auto sequence : nack->lostPackets()) retransmit(*layer, sequence.value(), now);
          }
        }
        break;
      case media::RtcpPacketKind::kPli:
        if (const auto pli = media::Pli::parse(packet)) {
          if (Layer* layer = layerOf(pli->mediaSsrc.value())) {
            ++counters_.keyframeRequests;
            layer->source.requestKeyframe();
          }
        }
        break;
      case media::RtcpPacketKind::kFir:
        if (const auto fir = media::Fir::parse(packet)) {
          for (const auto& entry : fir->entries) {
            if (Layer* layer = layerOf(entry.ssrc.value())) {
              ++counters_.keyframeRequests;
              layer->source.requestKeyframe();
            }
          }
        }
        break;
      default:
        break;  // receiver reports, transport feedback, REMB: the bench sends at fixed rates
    }
  }
}

void Publisher::sendSenderReports() {
  const uint64_t ntp = ntpNow();
  media::RtcpCompoundWriter compound(std::span<uint8_t>(rtcp_).first(rtcp_.size() - media::kSrtpMaxRtcpOverhead));
  if (audio_ && audioPackets_ > 0) {
    compound.append(media::SenderReport{media::Ssrc(audioSsrc_), ntp, media::RtpTimestamp(audio_->rtpTimestamp()),
                                        audioPackets_, audioOctets_, {}});
  }
  for (const auto& layer : layers_) {
    if (layer->packets == 0) continue;
    compound.append(media::SenderReport{media::Ssrc(layer->ssrc), ntp, media::RtpTimestamp(layer->lastRtpTimestamp),
                                        layer->packets, layer->octets, {}});
  }
  if (!compound.empty()) transport_->sendRtcp(rtcp_, compound.size());
}

}  // namespace dienhong::loadgen
