#include "loadgen/subscriber.hpp"

#include <algorithm>

#include <openssl/rand.h>

#include "loadgen/client_sdp.hpp"
#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/receiver_report.hpp"
#include "media/rtcp/rtcp_compound_writer.hpp"
#include "media/rtp/rtp_packet_view.hpp"
#include "media/rtp/transport_sequence_number_extension.hpp"
#include "media/sdp/media_capabilities.hpp"
#include "media/sdp/sdp_parser.hpp"
#include "media/sdp/sdp_writer.hpp"

namespace dienhong::loadgen {
namespace {

namespace sdp = media::sdp;
using namespace std::chrono_literals;

constexpr auto kFeedbackInterval = 50ms;
constexpr auto kNackInterval = 20ms;
constexpr auto kNackRetryInterval = 30ms;
constexpr int kNackMaxRetries = 10;
constexpr auto kPliInterval = 300ms;

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y)); });
}

bool isFeedbackWeSend(const std::string& feedback) {
  return feedback == "nack" || feedback == "nack pli" || feedback == "ccm fir" || feedback == "transport-cc" ||
         feedback == "goog-remb";
}

bool isExtensionWeRead(const std::string& uri) {
  return uri == sdp::kMidUri || uri == sdp::kTransportCcUri || uri == sdp::kAbsSendTimeUri || uri == sdp::kAudioLevelUri;
}

std::optional<uint8_t> aptOf(const sdp::Codec& rtx) {
  const auto apt = sdp::fmtpParameter(rtx.fmtp, "apt");
  if (!apt) return std::nullopt;
  int value = 0;
  for (char c : *apt) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > 127) return std::nullopt;
  }
  return static_cast<uint8_t>(value);
}

// The media codec we receive in a section (Opus for audio, VP8 for video) and its RTX.
struct Accepted {
  const sdp::Codec* media = nullptr;
  const sdp::Codec* rtx = nullptr;
};
Accepted acceptCodecs(const sdp::MediaSection& offered) {
  Accepted accepted;
  const std::string_view wanted = offered.kind == sdp::MediaKind::Video ? "VP8" : "opus";
  for (const auto& codec : offered.codecs) {
    if (!accepted.media && equalsIgnoreCase(codec.name, wanted)) accepted.media = &codec;
  }
  if (accepted.media && offered.kind == sdp::MediaKind::Video) {
    for (const auto& codec : offered.codecs) {
      if (equalsIgnoreCase(codec.name, "rtx") && aptOf(codec) == accepted.media->payloadType) accepted.rtx = &codec;
    }
  }
  return accepted;
}

}  // namespace

Subscriber::Subscriber(std::unique_ptr<ClientTransport> transport, boost::asio::ip::address serverAddress,
                       std::chrono::milliseconds freezeThreshold)
    : transport_(std::move(transport)), serverAddress_(std::move(serverAddress)), freezeThreshold_(freezeThreshold) {
  RAND_bytes(reinterpret_cast<unsigned char*>(&ssrc_), sizeof ssrc_);
  if (ssrc_ == 0) ssrc_ = 1;
}

Result<std::string> Subscriber::answer(std::string_view offerSdp, Clock::time_point now) {
  // A large room's offer has two sections per participant.
  sdp::ParseLimits limits;
  limits.maxBytes = 4 << 20;
  limits.maxMediaSections = 4096;
  auto offer = sdp::parse(offerSdp, limits);
  if (!offer) return offer.error();

  sdp::SessionDescription answer;
  answer.origin = "- 4611731400430051337 2 IN IP4 127.0.0.1";
  answer.extmapAllowMixed = offer->extmapAllowMixed;
  std::vector<ReceivedTrack> tracks;
  for (const auto& offered : offer->media) {
    sdp::MediaSection m;
    m.kind = offered.kind;
    m.kindName = offered.kindName;
    m.protocol = offered.protocol;
    m.mid = offered.mid;
    const Accepted codecs = acceptCodecs(offered);
    const bool usable = offered.port != 0 && codecs.media != nullptr && offered.mid.has_value();
    if (!usable) {  // stopped, or nothing we decode: rejected (RFC 8829 §5.3.1)
      m.port = 0;
      m.formats = offered.formats.empty() ? std::vector<std::string>{"0"} : std::vector<std::string>{offered.formats.front()};
      m.direction = sdp::Direction::Inactive;
      answer.media.push_back(std::move(m));
      continue;
    }
    addLocalTransport(m, *transport_, sdp::Setup::Active);
    const auto direction = offered.direction.value_or(sdp::Direction::SendRecv);
    const bool sending = direction == sdp::Direction::SendOnly || direction == sdp::Direction::SendRecv;
    m.direction = sending ? sdp::Direction::RecvOnly : sdp::Direction::Inactive;
    for (const sdp::Codec* codec : {codecs.media, codecs.rtx}) {
      if (!codec) continue;
      sdp::Codec copy = *codec;
      copy.feedback.erase(std::remove_if(copy.feedback.begin(), copy.feedback.end(),
                                         [](const std::string& f) { return !isFeedbackWeSend(f); }),
                          copy.feedback.end());
      m.formats.push_back(std::to_string(copy.payloadType));
      m.codecs.push_back(std::move(copy));
    }
    for (const auto& extmap : offered.extmaps) {
      if (!isExtensionWeRead(extmap.uri)) continue;
      m.extmaps.push_back({extmap.id, std::nullopt, extmap.uri});
      if (extmap.uri == sdp::kTransportCcUri) transportCcId_ = static_cast<uint8_t>(extmap.id);
    }
    answer.bundleMids.push_back(*offered.mid);

    if (sending) {
      ReceivedTrack track;
      track.mid = *offered.mid;
      track.video = offered.kind == sdp::MediaKind::Video;
      // The media SSRC is the first of the FID group, else the first announced.
      for (const auto& group : offered.ssrcGroups) {
        if (group.semantics == "FID" && group.ssrcs.size() == 2) {
          track.ssrc = group.ssrcs[0];
          track.rtxSsrc = group.ssrcs[1];
        }
      }
      if (track.ssrc == 0 && !offered.ssrcs.empty()) track.ssrc = offered.ssrcs.front().ssrc;
      if (track.ssrc != 0) {
        for (const auto& old : tracks_) {
          if (old.mid == track.mid) track.owner = old.owner;
        }
        track.receiver = receiverFor(track.ssrc, track.video, codecs.media->clockRate, now);
        routes_[track.ssrc] = Route{track.receiver, false};
        if (track.rtxSsrc && codecs.rtx) routes_[*track.rtxSsrc] = Route{track.receiver, true};
        tracks.push_back(std::move(track));
      }
    }
    answer.media.push_back(std::move(m));
  }
  // Streams no longer offered are not expected to flow.
  for (const auto& old : tracks_) {
    const bool kept = std::any_of(tracks.begin(), tracks.end(), [&](const ReceivedTrack& t) { return t.receiver == old.receiver; });
    if (!kept && old.receiver) old.receiver->setExpected(false, now);
  }
  tracks_ = std::move(tracks);
  if (answer.bundleMids.empty()) return Error{"sdp_unusable", "the offer has no section we can receive"};

  if (!transport_->started()) {
    auto remote = remoteTransportOf(*offer, serverAddress_, false);
    if (!remote) return remote.error();
    transport_->start(*remote, now);
    nextFeedbackAt_ = now + kFeedbackInterval;
    nextNackAt_ = now + kNackInterval;
    nextReportAt_ = now + 1s;
  }
  ++counters_.offersAnswered;
  return sdp::serialize(answer);
}

StreamReceiver* Subscriber::receiverFor(uint32_t ssrc, bool video, uint32_t clockRate, Clock::time_point now) {
  if (const auto it = routes_.find(ssrc); it != routes_.end() && !it->second.rtx) return it->second.receiver;
  receivers_.push_back(std::make_unique<StreamReceiver>(video, clockRate, freezeThreshold_));
  StreamReceiver* receiver = receivers_.back().get();
  if (measuring_) receiver->startWindow(now);
  return receiver;
}

void Subscriber::setOwner(const std::string& mid, const std::string& owner) {
  for (auto& track : tracks_) {
    if (track.mid == mid) track.owner = owner;
  }
}

void Subscriber::setShown(const std::string& mid, bool shown, Clock::time_point now) {
  for (auto& track : tracks_) {
    if (track.mid == mid && track.video && track.receiver) track.receiver->setExpected(shown, now);
  }
}

void Subscriber::onRtp(std::span<uint8_t> rtp, Clock::time_point now, int64_t arrivalMicros) {
  const auto packet = media::RtpPacketView::parse(rtp);
  if (!packet) return;
  ++counters_.packetsReceived;
  counters_.bytesReceived += rtp.size();
  if (transportCcId_) {
    if (const auto data = packet->extension(*transportCcId_)) {
      if (const auto tcc = media::TransportSequenceNumberExtension::parse(*data)) {
        feedback_.onPacket(tcc->sequenceNumber, packet->ssrc(), now);
      }
    }
  }
  const auto route = routes_.find(packet->ssrc().value());
  if (route == routes_.end()) {
    ++counters_.unknownSsrc;
    return;
  }
  auto payload = packet->payload();
  if (payload.empty()) {  // padding only: the server probing the link
    ++counters_.probePackets;
    return;
  }
  const int64_t nowMicros = arrivalMicros != 0 ? arrivalMicros : wallClockMicros();
  if (route->second.rtx) {
    if (payload.size() <= 2) {
      ++counters_.probePackets;
      return;
    }
    const media::SequenceNumber original(static_cast<uint16_t>((payload[0] << 8) | payload[1]));
    route->second.receiver->onPacket(original, packet->timestamp(), payload.subspan(2), true, now, nowMicros);
    return;
  }
  route->second.receiver->onPacket(packet->sequenceNumber(), packet->timestamp(), payload, false, now, nowMicros);
}

void Subscriber::onRtcp(std::span<uint8_t>, Clock::time_point) {
  // Sender reports would give LSR/DLSR for our receiver reports; the bench's RTT is loopback.
}

void Subscriber::tick(Clock::time_point now) {
  transport_->tick(now);
  if (!transport_->ready()) return;
  if (now >= nextFeedbackAt_) {
    nextFeedbackAt_ = now + kFeedbackInterval;
    sendFeedback();
  }
  if (now >= nextNackAt_) {
    nextNackAt_ = now + kNackInterval;
    sendNacksAndPlis(now);
  }
  if (now >= nextReportAt_) {
    nextReportAt_ = now + 1s;
    sendReceiverReports(now);
  }
}

void Subscriber::sendFeedback() {
  for (int i = 0; i < 8 && feedback_.pending(); ++i) {
    const auto size = feedback_.writeFeedback(media::Ssrc(ssrc_), std::span<uint8_t>(rtcp_).first(1200));
    if (!size) break;
    transport_->sendRtcp(rtcp_, *size);
  }
}

void Subscriber::sendNacksAndPlis(Clock::time_point now) {
  for (const auto& track : tracks_) {
    if (!track.video || !track.receiver) continue;
    auto& nacks = track.receiver->nacks();
    if (nacks.takeKeyframeNeeded()) {
      auto& last = lastPli_[track.ssrc];
      if (now - last >= kPliInterval) {
        last = now;
        const media::Pli pli{media::Ssrc(ssrc_), media::Ssrc(track.ssrc)};
        ByteWriter writer(std::span<uint8_t>(rtcp_).first(1200));
        if (pli.serialize(writer)) {
          transport_->sendRtcp(rtcp_, writer.size());
          ++counters_.plisSent;
        }
      }
    }
    if (nacks.missingCount() == 0 || !track.rtxSsrc) continue;
    const size_t count = nacks.collect(now, kNackRetryInterval, kNackMaxRetries, nackScratch_);
    if (count == 0) continue;
    std::array<media::NackItem, media::NackGenerator::kMaxMissing> items{};
    const auto packing = media::packNackItems(std::span<const media::SequenceNumber>(nackScratch_.data(), count), items);
    const media::GenericNack nack{media::Ssrc(ssrc_), media::Ssrc(track.ssrc),
                                  media::WireList<media::NackItem>(std::span<const media::NackItem>(items.data(), packing.items))};
    ByteWriter writer(std::span<uint8_t>(rtcp_).first(1200));
    if (nack.serialize(writer)) {
      transport_->sendRtcp(rtcp_, writer.size());
      ++counters_.nacksSent;
    }
  }
}

void Subscriber::sendReceiverReports(Clock::time_point now) {
  std::array<media::ReportBlock, 31> blocks{};
  size_t count = 0;
  auto flush = [&] {
    if (count == 0) return;
    const media::ReceiverReport report{media::Ssrc(ssrc_),
                                       media::WireList<media::ReportBlock>(std::span<const media::ReportBlock>(blocks.data(), count))};
    ByteWriter writer(std::span<uint8_t>(rtcp_).first(1200));
    if (report.serialize(writer)) transport_->sendRtcp(rtcp_, writer.size());
    count = 0;
  };
  for (const auto& track : tracks_) {
    if (!track.receiver || !track.receiver->stats().started()) continue;
    blocks[count++] = track.receiver->stats().makeReportBlock(media::Ssrc(track.ssrc), now);
    if (count == blocks.size()) flush();
  }
  flush();
}

size_t Subscriber::flowingTracks(bool video) const {
  return static_cast<size_t>(std::count_if(tracks_.begin(), tracks_.end(), [&](const ReceivedTrack& t) {
    return t.video == video && t.receiver && t.receiver->stats().started();
  }));
}

void Subscriber::startWindow(Clock::time_point now) {
  measuring_ = true;
  for (auto& receiver : receivers_) receiver->startWindow(now);
}

std::array<StreamMetrics, 2> Subscriber::endWindow(Clock::time_point now) {
  std::array<StreamMetrics, 2> result{};
  measuring_ = false;
  for (auto& receiver : receivers_) {
    if (!receiver->measuring()) continue;
    result[receiver->video() ? 1 : 0].merge(receiver->endWindow(now));
  }
  return result;
}

}  // namespace dienhong::loadgen
