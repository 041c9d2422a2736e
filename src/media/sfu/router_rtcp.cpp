// The Router's RTCP: what subscribers and publishers send (RFC 3550 reports, RFC 4585 NACK and
// PLI, RFC 5104 FIR, REMB, transport-wide feedback) and what the router sends back: PLI, NACK,
// receiver reports and transport-wide feedback to publishers, sender reports and RTX to
// subscribers. See router.hpp.
#include "media/sfu/router.hpp"

#include <algorithm>

#include "media/rtcp/fir.hpp"
#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/receiver_report.hpp"
#include "media/rtcp/remb.hpp"
#include "media/rtcp/rtcp_compound_reader.hpp"
#include "media/rtcp/rtcp_compound_writer.hpp"
#include "media/rtcp/sender_report.hpp"
#include "media/rtcp/transport_feedback.hpp"

namespace dienhong::media {

namespace {

// At most this many feedback messages toward one publisher per timer call.
constexpr int kMaxFeedbackMessagesPerTick = 16;
// An RTT from a report block beyond this is a broken clock or a forged report.
constexpr uint32_t kMaxRttCompact = 10 * 65536;  // 10 s in 1/65536 s

}  // namespace

bool Router::sendRtcp(MediaSink* sink, size_t size) {
  if (!sink || size == 0) return false;
  return sink->sendRtcp(rtcpBuffer_, size);
}

Router::Participant* Router::rtcpSender(ParticipantKey from, Clock::time_point now) {
  lastNow_ = now;
  ++counters_.rtcpReceived;
  Participant* p = participant(from);
  if (!p) ++counters_.unknownParticipant;
  return p;
}

// ---------------------------------------------------------------------------------------------
// From publishers

void Router::onPublisherRtcp(ParticipantKey from, std::span<uint8_t> packet, Clock::time_point now) {
  Participant* p = rtcpSender(from, now);
  if (!p) return;
  RtcpCompoundReader reader(packet);
  for (const RtcpPacket& rtcp : reader) {
    // A publisher's own reports say when it sent (for our LSR/DLSR); its other RTCP is about
    // streams it receives, and it receives none from us on this connection.
    if (rtcp.kind() != RtcpPacketKind::kSenderReport) continue;
    const auto report = SenderReport::parse(rtcp);
    if (!report) {
      ++counters_.malformedRtcp;
      continue;
    }
    const auto route = p->publisher.find(report->senderSsrc.value());
    if (!route || route->rtx) continue;
    route->track->layer(route->layer).stats.onSenderReport(report->ntpTimestamp, now);
  }
  if (reader.failed()) ++counters_.malformedRtcp;
}

// ---------------------------------------------------------------------------------------------
// From subscribers

void Router::onSubscriberRtcp(ParticipantKey from, std::span<uint8_t> packet, Clock::time_point now) {
  Participant* p = rtcpSender(from, now);
  if (!p) return;
  RtcpCompoundReader reader(packet);
  for (const RtcpPacket& rtcp : reader) {
    switch (rtcp.kind()) {
      case RtcpPacketKind::kReceiverReport:
        if (const auto report = ReceiverReport::parse(rtcp)) {
          onSubscriberReportBlocks(*p, report->reportBlocks, now);
        } else {
          ++counters_.malformedRtcp;
        }
        break;
      case RtcpPacketKind::kSenderReport:
        if (const auto report = SenderReport::parse(rtcp)) {
          onSubscriberReportBlocks(*p, report->reportBlocks, now);
        } else {
          ++counters_.malformedRtcp;
        }
        break;
      case RtcpPacketKind::kGenericNack:
        if (const auto nack = GenericNack::parse(rtcp)) {
          onSubscriberNack(*p, *nack, now);
        } else {
          ++counters_.malformedRtcp;
        }
        break;
      case RtcpPacketKind::kPli:
        if (const auto pli = Pli::parse(rtcp)) {
          onSubscriberKeyframeRequest(*p, pli->mediaSsrc.value(), now);
        } else {
          ++counters_.malformedRtcp;
        }
        break;
      case RtcpPacketKind::kFir:
        if (const auto fir = Fir::parse(rtcp)) {
          // Each entry names the stream that must refresh; a list longer than the subscriber's
          // streams is not worth reading to the end.
          size_t entries = 0;
          for (const FirEntry& entry : fir->entries) {
            if (++entries > kMaxRtcpCount) break;
            onSubscriberKeyframeRequest(*p, entry.ssrc.value(), now);
          }
        } else {
          ++counters_.malformedRtcp;
        }
        break;
      case RtcpPacketKind::kRemb:
        if (const auto remb = Remb::parse(rtcp)) {
          const auto bitrate = static_cast<int64_t>(std::min<uint64_t>(remb->bitrateBps, INT64_MAX));
          p->subscriber.bandwidth().onRemb(bitrate);
        } else {
          ++counters_.malformedRtcp;
        }
        break;
      case RtcpPacketKind::kTransportFeedback:
        if (const auto feedback = TransportFeedback::parse(rtcp)) {
          ++counters_.transportFeedbackReceived;
          p->subscriber.onTransportFeedback(*feedback, now);
        } else {
          ++counters_.malformedRtcp;
        }
        break;
      case RtcpPacketKind::kSdes:
      case RtcpPacketKind::kBye:
      case RtcpPacketKind::kUnknown:
        break;
    }
  }
  if (reader.failed()) ++counters_.malformedRtcp;
}

void Router::onSubscriberReportBlocks(Participant& subscriber, const WireList<ReportBlock>& blocks,
                                      Clock::time_point now) {
  const uint32_t compactNow = compactNtp(ntpNow(now));
  for (const ReportBlock& block : blocks) {
    ForwardedTrack* consumer = subscriber.subscriber.consumerBySsrc(block.sourceSsrc.value());
    if (!consumer || consumer->ssrc() != block.sourceSsrc.value()) {
      ++counters_.rtcpForUnknownSsrc;
      continue;
    }
    consumer->onReportBlock(block);
    if (block.lastSenderReport == 0) continue;  // no SR of ours reached it yet
    // RFC 3550 §6.4.1: RTT = now - LSR - DLSR, all in 1/65536 s of the NTP clock.
    const uint32_t rtt = compactNow - block.lastSenderReport - block.delaySinceLastSenderReport;
    if (rtt > kMaxRttCompact) continue;
    const auto rttMicros = std::chrono::microseconds(std::max<int64_t>(1, int64_t{rtt} * 1'000'000 / 65536));
    subscriber.subscriber.onRtt(rttMicros, now);
  }
}

void Router::onSubscriberNack(Participant& subscriber, const GenericNack& nack, Clock::time_point now) {
  ++counters_.nacksReceived;
  SubscriberConnection& connection = subscriber.subscriber;
  ForwardedTrack* consumer = connection.consumerBySsrc(nack.mediaSsrc.value());
  if (!consumer || consumer->ssrc() != nack.mediaSsrc.value()) {
    ++counters_.rtcpForUnknownSsrc;
    return;
  }
  if (!consumer->hasRtx()) {
    // Resending with the same sequence number would reuse an SRTP index, which SRTP refuses.
    ++counters_.retransmissionsWithoutRtx;
    return;
  }
  if (!connection.sink()) return;
  // Not again within a round trip: the first answer may still be on its way.
  const auto minInterval = connection.bandwidth().rtt();
  const uint32_t sendTime = absSendTime(now);
  size_t asked = 0;
  for (SequenceNumber sequence : nack.lostPackets()) {
    if (++asked > kMaxNacksPerMessage) {
      ++counters_.nackItemsIgnored;
      break;
    }
    size_t size = 0;
    const SendExtensionValues values{connection.nextTransportSequence(), sendTime};
    switch (consumer->writeRetransmission(sequence.value(), values, minInterval, config_.maxRetransmissionAge,
                                          scratch_, rtpBuffer_, now, size)) {
      case WriteResult::kWritten:
        if (connection.send(rtpBuffer_, size, consumer->carriesTransportSequence(), SentPacketKind::kRetransmission,
                            now)) {
          ++counters_.retransmissionsSent;
        } else {
          ++counters_.sendFailures;
        }
        break;
      case WriteResult::kThrottled:
        ++counters_.retransmissionsThrottled;
        break;
      case WriteResult::kTooLarge:
        ++counters_.tooLarge;
        break;
      default:
        ++counters_.retransmissionsMissing;
        break;
    }
  }
}

void Router::onSubscriberKeyframeRequest(Participant& subscriber, uint32_t mediaSsrc, Clock::time_point now) {
  ++counters_.keyframeRequestsReceived;
  ForwardedTrack* consumer = subscriber.subscriber.consumerBySsrc(mediaSsrc);
  if (!consumer || consumer->ssrc() != mediaSsrc || !consumer->isVideo()) {
    ++counters_.rtcpForUnknownSsrc;
    return;
  }
  if (const auto layer = consumer->keyframeLayer()) requestKeyframe(consumer->track(), *layer, now);
}

// ---------------------------------------------------------------------------------------------
// Toward publishers

bool Router::sendPli(PublishedTrack& track, PublishedLayer& layer, Clock::time_point now) {
  if (!layer.ssrc) return false;
  Participant* owner = participant(track.owner());
  if (!owner || !owner->publisher.sink()) return false;
  ByteWriter writer(rtcpBuffer_);
  if (!Pli{Ssrc(config_.rtcpSsrc), Ssrc(*layer.ssrc)}.serialize(writer)) return false;
  sendRtcp(owner->publisher.sink(), writer.size());
  layer.lastKeyframeRequest = now;
  layer.keyframeDeferred = false;
  ++counters_.keyframeRequestsSent;
  return true;
}

void Router::requestKeyframe(PublishedTrack& track, uint8_t layerIndex, Clock::time_point now) {
  if (!track.isVideo() || layerIndex >= track.layerCount()) return;
  PublishedLayer& layer = track.layer(layerIndex);
  layer.keyframeWanted = true;
  // One request per interval and layer, however many subscribers ask: the keyframe serves all.
  if (layer.lastKeyframeRequest && now - *layer.lastKeyframeRequest < config_.keyframeRequestInterval) {
    ++counters_.keyframeRequestsThrottled;
    layer.keyframeDeferred = true;
    return;
  }
  sendPli(track, layer, now);
}

void Router::retryKeyframeRequests(PublishedTrack& track, Clock::time_point now) {
  if (!track.isVideo()) return;
  for (size_t i = 0; i < track.layerCount(); ++i) {
    PublishedLayer& layer = track.layer(i);
    if (!layer.keyframeWanted) continue;
    const bool due = !layer.lastKeyframeRequest ||
                     (layer.keyframeDeferred && now - *layer.lastKeyframeRequest >= config_.keyframeRequestInterval) ||
                     now - *layer.lastKeyframeRequest >= config_.keyframeRetryInterval;
    if (due) sendPli(track, layer, now);
  }
}

void Router::sendTransportFeedback(Participant& publisher, Clock::time_point) {
  MediaSink* sink = publisher.publisher.sink();
  if (!sink) return;
  for (int i = 0; i < kMaxFeedbackMessagesPerTick; ++i) {
    const auto size = publisher.publisher.feedback().writeFeedback(
        Ssrc(config_.rtcpSsrc), std::span<uint8_t>(rtcpBuffer_).first(kMaxRtcpSize));
    if (!size) break;
    sendRtcp(sink, *size);
    ++counters_.transportFeedbackSent;
  }
}

void Router::sendReceiverReports(Participant& publisher, Clock::time_point now) {
  MediaSink* sink = publisher.publisher.sink();
  if (!sink) return;
  reportBlocks_.clear();
  auto flush = [&] {
    if (reportBlocks_.empty()) return;
    ReceiverReport report{Ssrc(config_.rtcpSsrc), WireList<ReportBlock>(reportBlocks_)};
    ByteWriter writer(std::span<uint8_t>(rtcpBuffer_).first(kMaxRtcpSize));
    if (report.serialize(writer)) {
      sendRtcp(sink, writer.size());
      ++counters_.receiverReportsSent;
    }
    reportBlocks_.clear();
  };
  for (PublishedTrack* track : publisher.publisher.tracks()) {
    for (size_t i = 0; i < track->layerCount(); ++i) {
      PublishedLayer& layer = track->layer(i);
      if (!layer.ssrc || !layer.stats.started()) continue;
      reportBlocks_.push_back(layer.stats.makeReportBlock(Ssrc(*layer.ssrc), now));
      if (reportBlocks_.size() == kMaxRtcpCount) flush();
    }
  }
  flush();
}

void Router::sendNacks(Participant& publisher, Clock::time_point now) {
  MediaSink* sink = publisher.publisher.sink();
  if (!sink) return;
  for (PublishedTrack* track : publisher.publisher.tracks()) {
    if (!track->isVideo() || !track->nackEnabled()) continue;
    for (size_t i = 0; i < track->layerCount(); ++i) {
      PublishedLayer& layer = track->layer(i);
      if (!layer.ssrc || layer.nacks.missingCount() == 0) continue;
      const size_t count = layer.nacks.collect(now, config_.nackRetryInterval, config_.nackMaxRetries, nackScratch_);
      if (count == 0) continue;
      const auto packing = packNackItems(std::span<const SequenceNumber>(nackScratch_.data(), count), nackItems_);
      GenericNack nack{Ssrc(config_.rtcpSsrc), Ssrc(*layer.ssrc),
                       WireList<NackItem>(std::span<const NackItem>(nackItems_.data(), packing.items))};
      ByteWriter writer(std::span<uint8_t>(rtcpBuffer_).first(kMaxRtcpSize));
      if (nack.serialize(writer)) {
        sendRtcp(sink, writer.size());
        ++counters_.nacksSent;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Toward subscribers

void Router::sendSenderReports(Participant& subscriber, Clock::time_point now) {
  MediaSink* sink = subscriber.subscriber.sink();
  if (!sink) return;
  const uint64_t ntp = ntpNow(now);
  RtcpCompoundWriter compound(std::span<uint8_t>(rtcpBuffer_).first(kMaxRtcpSize));
  for (const ForwardedTrack* consumer : subscriber.subscriber.consumers()) {
    const auto report = consumer->senderReport(now, ntp);
    if (!report) continue;
    if (!compound.append(*report)) {
      sendRtcp(sink, compound.size());
      compound.clear();
      if (!compound.append(*report)) continue;
    }
    ++counters_.senderReportsSent;
  }
  if (!compound.empty()) sendRtcp(sink, compound.size());
}

}  // namespace dienhong::media
