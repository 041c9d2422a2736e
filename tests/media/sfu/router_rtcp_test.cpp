// Router RTCP: keyframe requests (R5), NACK and RTX (R6), feedback and reports toward publishers
// (R7), sender reports, RTT and probing toward subscribers (R8). See docs/media.md "Router".
#include <gtest/gtest.h>

#include "media/rtcp/fir.hpp"
#include "media/rtcp/generic_nack.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/receiver_report.hpp"
#include "media/rtcp/sender_report.hpp"
#include "media/rtcp/transport_feedback.hpp"
#include "router_test_support.hpp"

namespace dienhong::media::test {
namespace {

using namespace std::chrono_literals;

constexpr uint32_t kAliceSsrc = 0xA1;
constexpr uint32_t kAliceRtx = 0xA2;
constexpr uint32_t kBobSsrc = 0xB1;
constexpr uint32_t kSubscriberRtcpSsrc = 0x5555;

template <class Packet>
std::vector<uint8_t> serialize(const Packet& packet) {
  std::vector<uint8_t> bytes(packet.serializedSize());
  ByteWriter writer(bytes);
  EXPECT_TRUE(packet.serialize(writer));
  return bytes;
}

std::vector<uint8_t> pli(uint32_t mediaSsrc) { return serialize(Pli{Ssrc(kSubscriberRtcpSsrc), Ssrc(mediaSsrc)}); }

std::vector<uint8_t> nack(uint32_t mediaSsrc, std::span<const NackItem> items) {
  return serialize(GenericNack{Ssrc(kSubscriberRtcpSsrc), Ssrc(mediaSsrc), WireList<NackItem>(items)});
}

std::vector<uint8_t> plainVideoPacket(uint16_t sequence, bool key, std::optional<uint16_t> transportSequence = {}) {
  RtpSpec spec;
  spec.ssrc = 0x5000;
  spec.sequence = sequence;
  spec.timestamp = 3000u * sequence;
  spec.payload = vp8Payload(sequence, 0, true, key, 640, 360);
  spec.transportSequence = transportSequence;
  return rtp(spec);
}

TEST(RouterRtcp, R5_PliFromSubscribersBecomesOneRateLimitedPliForTheLayerTheyReceive) {
  RouterHarness h;
  const TrackKey track = h.addSimulcastVideo();
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx)).ok());
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kBob, track, kBobSsrc, std::nullopt)).ok());
  h.run(500ms);
  h.publisherSink.clear();
  const auto requestsBefore = h.router.counters().keyframeRequestsThrottled;

  auto fromAlice = pli(kAliceSsrc);
  auto fromBob = pli(kBobSsrc);
  h.router.onSubscriberRtcp(RouterHarness::kAlice, fromAlice, h.now);
  h.router.onSubscriberRtcp(RouterHarness::kBob, fromBob, h.now);
  auto plis = h.publisherSink.rtcpOf(RtcpPacketKind::kPli);
  ASSERT_EQ(plis.size(), 1U) << "one keyframe serves both";
  const auto upstream = parseRtcp<Pli>(plis[0]);
  EXPECT_EQ(upstream->mediaSsrc.value(), h.sender.layers[0].ssrc) << "the layer they receive";
  EXPECT_EQ(upstream->senderSsrc.value(), RouterConfig{}.rtcpSsrc);
  EXPECT_EQ(h.router.counters().keyframeRequestsThrottled, requestsBefore + 1);

  // No keyframe comes; the folded request goes out when the interval has passed, not before.
  const auto start = h.now;
  while (h.now < start + 290ms) {
    h.now += 10ms;
    h.router.onTimer(h.now);
  }
  EXPECT_EQ(h.publisherSink.rtcpOf(RtcpPacketKind::kPli).size(), 1U);
  h.now = start + 300ms;
  h.router.onTimer(h.now);
  EXPECT_EQ(h.publisherSink.rtcpOf(RtcpPacketKind::kPli).size(), 2U);
}

TEST(RouterRtcp, R5_FirIsHonouredOnlyForTheSubscribersOwnStreams) {
  RouterHarness h;
  const TrackKey track = h.addSimulcastVideo();
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx)).ok());
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kBob, track, kBobSsrc, std::nullopt)).ok());
  h.run(500ms);
  h.publisherSink.clear();
  h.now += 1s;
  const std::array<FirEntry, 1> someoneElse{FirEntry{Ssrc(kBobSsrc), 1}};
  auto fir = serialize(Fir{Ssrc(kSubscriberRtcpSsrc), Ssrc(0), WireList<FirEntry>(someoneElse)});
  h.router.onSubscriberRtcp(RouterHarness::kAlice, fir, h.now);
  EXPECT_TRUE(h.publisherSink.rtcpOf(RtcpPacketKind::kPli).empty());
  EXPECT_EQ(h.router.counters().rtcpForUnknownSsrc, 1U);

  const std::array<FirEntry, 1> own{FirEntry{Ssrc(kAliceSsrc), 2}};
  fir = serialize(Fir{Ssrc(kSubscriberRtcpSsrc), Ssrc(0), WireList<FirEntry>(own)});
  h.router.onSubscriberRtcp(RouterHarness::kAlice, fir, h.now);
  EXPECT_EQ(h.publisherSink.rtcpOf(RtcpPacketKind::kPli).size(), 1U);
}

TEST(RouterRtcp, R5_ANewConsumerStartsAtAKeyframeItAskedFor) {
  RouterHarness h;
  const TrackKey track = h.addSimulcastVideo();
  h.run(500ms);  // the publisher's first keyframe is long gone
  h.publisherSink.clear();
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx)).ok());
  h.run(200ms, /*answerPli=*/false);
  EXPECT_TRUE(h.alice.rtpViews(kAliceSsrc).empty()) << "nothing before a keyframe";
  const auto plis = h.publisherSink.rtcpOf(RtcpPacketKind::kPli);
  ASSERT_FALSE(plis.empty());
  EXPECT_EQ(parseRtcp<Pli>(plis[0])->mediaSsrc.value(), h.sender.layers[0].ssrc);
  h.run(200ms);
  const auto views = h.alice.rtpViews(kAliceSsrc);
  ASSERT_FALSE(views.empty());
  const auto first = inspectPayload(VideoCodec::kVp8, views[0].payload());
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->keyframeStart);
}

TEST(RouterRtcp, R6_NackIsAnsweredWithRtxCarryingTheOriginalSequenceNumberOncePerRoundTrip) {
  RouterHarness h;
  const TrackKey track = h.addSimulcastVideo();
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx)).ok());
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kBob, track, kBobSsrc, std::nullopt)).ok());
  h.run(500ms);
  const auto sent = h.alice.rtpViews(kAliceSsrc);
  ASSERT_GT(sent.size(), 8U);
  const RtpPacketView& lost = sent[5];
  const SequenceNumber lostSequence = lost.sequenceNumber();
  const std::vector<uint8_t> lostPayload(lost.payload().begin(), lost.payload().end());
  const uint32_t lostTimestamp = lost.timestamp().value();
  h.alice.clear();

  const std::array<NackItem, 1> items{NackItem{lostSequence, 0}};
  auto request = nack(kAliceSsrc, items);
  h.router.onSubscriberRtcp(RouterHarness::kAlice, request, h.now);
  auto rtx = h.alice.rtpViews(kAliceRtx);
  ASSERT_EQ(rtx.size(), 1U);
  EXPECT_EQ(rtx[0].payloadType(), kSubVp8Rtx);
  EXPECT_EQ(rtx[0].timestamp().value(), lostTimestamp);
  ASSERT_GE(rtx[0].payload().size(), 2U);
  EXPECT_EQ((rtx[0].payload()[0] << 8) | rtx[0].payload()[1], lostSequence.value()) << "OSN first (RFC 4588)";
  EXPECT_TRUE(std::equal(rtx[0].payload().begin() + 2, rtx[0].payload().end(), lostPayload.begin(), lostPayload.end()));
  EXPECT_TRUE(rtx[0].extension(kSubTransportCc)) << "retransmissions count for the estimate too";
  const SequenceNumber firstRtxSequence = rtx[0].sequenceNumber();

  // Asked again before the answer could have arrived: not sent twice.
  h.router.onSubscriberRtcp(RouterHarness::kAlice, request, h.now + 20ms);
  EXPECT_EQ(h.alice.rtpViews(kAliceRtx).size(), 1U);
  EXPECT_EQ(h.router.counters().retransmissionsThrottled, 1U);
  // A round trip later (100 ms while none is measured) it is.
  h.router.onSubscriberRtcp(RouterHarness::kAlice, request, h.now + 150ms);
  rtx = h.alice.rtpViews(kAliceRtx);
  ASSERT_EQ(rtx.size(), 2U);
  EXPECT_EQ(rtx[1].sequenceNumber(), firstRtxSequence + 1) << "RTX has its own sequence numbers";
  EXPECT_EQ(h.router.counters().retransmissionsSent, 2U);
  EXPECT_EQ(h.router.stats(RouterHarness::kAlice, h.now).subscribe.retransmissions, 2U);

  // Never sent: nothing to answer with. Without RTX nothing is resent (SRTP refuses the index).
  const std::array<NackItem, 1> unknown{NackItem{lostSequence + 30000, 0}};
  request = nack(kAliceSsrc, unknown);
  h.router.onSubscriberRtcp(RouterHarness::kAlice, request, h.now + 200ms);
  EXPECT_EQ(h.router.counters().retransmissionsMissing, 1U);
  const auto bobSent = h.bob.rtpViews(kBobSsrc);
  const std::array<NackItem, 1> bobItems{NackItem{bobSent[5].sequenceNumber(), 0}};
  const size_t bobBefore = h.bob.rtp.size();
  request = nack(kBobSsrc, bobItems);
  h.router.onSubscriberRtcp(RouterHarness::kBob, request, h.now + 200ms);
  EXPECT_EQ(h.bob.rtp.size(), bobBefore);
  EXPECT_EQ(h.router.counters().retransmissionsWithoutRtx, 1U);
}

TEST(RouterRtcp, R7_TransportFeedbackTowardThePublisherListsWhatArrivedAndWhen) {
  RouterHarness h;
  ASSERT_TRUE(h.router.addTrack(RouterHarness::kPublisher, plainVideo("0", 0x5000, 0x5001)).ok());
  const auto start = h.now;
  for (uint16_t i = 0; i < 10; ++i) {
    if (i == 4) continue;  // transport-wide number 104 is lost
    auto packet = plainVideoPacket(static_cast<uint16_t>(10 + i), i == 0, static_cast<uint16_t>(100 + i));
    h.router.onPublisherRtp(RouterHarness::kPublisher, packet, start + i * 5ms);
  }
  h.now = start + 60ms;
  h.router.onTimer(h.now);
  const auto messages = h.publisherSink.rtcpOf(RtcpPacketKind::kTransportFeedback);
  ASSERT_EQ(messages.size(), 1U);
  const auto feedback = parseRtcp<TransportFeedback>(messages[0]);
  ASSERT_TRUE(feedback);
  EXPECT_EQ(feedback->senderSsrc().value(), RouterConfig{}.rtcpSsrc);
  EXPECT_EQ(feedback->baseSequenceNumber(), SequenceNumber(100));
  EXPECT_EQ(feedback->packetStatusCount(), 10);
  int64_t arrival = feedback->referenceTimeMicros();
  int64_t firstArrival = -1;
  uint16_t expected = 100;
  for (const auto& p : feedback->packets()) {
    EXPECT_EQ(p.sequenceNumber, SequenceNumber(expected));
    EXPECT_EQ(p.received, expected != 104) << expected;
    if (p.received) {
      arrival += p.deltaTicks * 250;
      if (firstArrival < 0) firstArrival = arrival;
      EXPECT_EQ(arrival - firstArrival, (expected - 100) * 5000) << "arrival times at 250 us resolution";
    }
    ++expected;
  }
  // The next message continues where this one stopped.
  auto packet = plainVideoPacket(20, false, 110);
  h.router.onPublisherRtp(RouterHarness::kPublisher, packet, h.now);
  h.now += 60ms;
  h.router.onTimer(h.now);
  const auto all = h.publisherSink.rtcpOf(RtcpPacketKind::kTransportFeedback);
  const auto next = parseRtcp<TransportFeedback>(all.back());
  EXPECT_EQ(next->baseSequenceNumber(), SequenceNumber(110));
  EXPECT_EQ(next->packetStatusCount(), 1);
  EXPECT_EQ(next->feedbackPacketCount(), feedback->feedbackPacketCount() + 1);
}

TEST(RouterRtcp, R7_ReceiverReportsCarryLossJitterAndEchoThePublishersSenderReport) {
  RouterHarness h;
  ASSERT_TRUE(h.router.addTrack(RouterHarness::kPublisher, plainVideo("0", 0x5000, 0x5001)).ok());
  h.router.onTimer(h.now);  // the first report round finds nothing received
  h.publisherSink.clear();
  for (uint16_t s = 0; s < 20; ++s) {
    if (s == 7 || s == 13) continue;
    auto packet = plainVideoPacket(static_cast<uint16_t>(100 + s), s == 0);
    h.router.onPublisherRtp(RouterHarness::kPublisher, packet, h.now + std::chrono::microseconds(s * 100'000 / 3));
  }
  SenderReport sr;
  sr.senderSsrc = Ssrc(0x5000);
  sr.ntpTimestamp = 0x0123'4567'89AB'CDEFULL;
  auto srBytes = serialize(sr);
  const auto srTime = h.now + 700ms;
  h.router.onPublisherRtcp(RouterHarness::kPublisher, srBytes, srTime);
  h.now += 1s;
  h.router.onTimer(h.now);
  const auto reports = h.publisherSink.rtcpOf(RtcpPacketKind::kReceiverReport);
  ASSERT_EQ(reports.size(), 1U);
  const auto rr = parseRtcp<ReceiverReport>(reports[0]);
  ASSERT_TRUE(rr);
  std::vector<ReportBlock> blocks;
  for (const ReportBlock& b : rr->reportBlocks) blocks.push_back(b);
  ASSERT_EQ(blocks.size(), 1U);
  EXPECT_EQ(blocks[0].sourceSsrc.value(), 0x5000U);
  EXPECT_EQ(blocks[0].cumulativeLost, 2);
  EXPECT_EQ(blocks[0].fractionLost, 2 * 256 / 20);
  EXPECT_EQ(blocks[0].extendedHighestSequenceNumber, 119U);
  EXPECT_LE(blocks[0].jitter, 1U) << "packets arrived on their timestamps (to the microsecond)";
  EXPECT_EQ(blocks[0].lastSenderReport, compactNtp(sr.ntpTimestamp));
  EXPECT_NEAR(blocks[0].delaySinceLastSenderReport, 0.3 * 65536, 2);
  // Gaps in video are also asked for again.
  const auto nacks = h.publisherSink.rtcpOf(RtcpPacketKind::kGenericNack);
  ASSERT_FALSE(nacks.empty());
  const auto first = parseRtcp<GenericNack>(nacks[0]);
  std::vector<uint16_t> asked;
  for (SequenceNumber s : first->lostPackets()) asked.push_back(s.value());
  EXPECT_EQ(asked, (std::vector<uint16_t>{107, 113}));
}

TEST(RouterRtcp, R7_GapsInVideoAreNackedAFewTimesThenGivenUp) {
  RouterHarness h;
  ASSERT_TRUE(h.router.addTrack(RouterHarness::kPublisher, plainVideo("0", 0x5000, 0x5001)).ok());
  for (uint16_t s : {10, 11, 14}) {
    auto packet = plainVideoPacket(s, s == 10);
    h.router.onPublisherRtp(RouterHarness::kPublisher, packet, h.now);
  }
  auto countNacks = [&] { return h.publisherSink.rtcpOf(RtcpPacketKind::kGenericNack).size(); };
  h.router.onTimer(h.now);
  ASSERT_EQ(countNacks(), 1U);
  const auto nacks = h.publisherSink.rtcpOf(RtcpPacketKind::kGenericNack);
  const auto first = parseRtcp<GenericNack>(nacks[0]);
  EXPECT_EQ(first->mediaSsrc.value(), 0x5000U);
  std::vector<uint16_t> asked;
  for (SequenceNumber s : first->lostPackets()) asked.push_back(s.value());
  EXPECT_EQ(asked, (std::vector<uint16_t>{12, 13}));
  for (int i = 0; i < 60; ++i) {
    h.now += 10ms;
    h.router.onTimer(h.now);
  }
  EXPECT_EQ(countNacks(), 3U) << "three tries, one retry interval apart";
  // 12 arrives after all: forwarded state is updated, 13 is still missing but given up.
  auto late = plainVideoPacket(12, false);
  h.router.onPublisherRtp(RouterHarness::kPublisher, late, h.now);
  EXPECT_EQ(h.router.counters().duplicates, 0U);
}

TEST(RouterRtcp, R8_SenderReportsCountWhatWasSentAndReceiverReportsGiveTheRoundTripTime) {
  RouterHarness h;
  const TrackKey track = h.addSimulcastVideo();
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx)).ok());
  h.run(1200ms);
  h.alice.rtcp.clear();
  // Step until the next sender report, without media, so its figures are easy to predict.
  while (h.alice.rtcpOf(RtcpPacketKind::kSenderReport).empty()) {
    h.now += 10ms;
    h.router.onTimer(h.now);
  }
  const auto srTime = h.now;
  const auto reports = h.alice.rtcpOf(RtcpPacketKind::kSenderReport);
  const auto sr = parseRtcp<SenderReport>(reports[0]);
  ASSERT_TRUE(sr);
  EXPECT_EQ(sr->senderSsrc.value(), kAliceSsrc);
  const auto media = h.alice.rtpViews(kAliceSsrc);
  EXPECT_EQ(sr->packetCount, media.size());
  uint32_t octets = 0;
  for (const auto& v : media) octets += static_cast<uint32_t>(v.payload().size());
  EXPECT_EQ(sr->octetCount, octets);
  // The RTP timestamp is extrapolated from the last packet at 90 kHz.
  const size_t lastIndex = h.alice.rtp.size() - 1;
  size_t i = lastIndex;
  while (RtpPacketView::parse(h.alice.rtp[i])->ssrc().value() != kAliceSsrc) --i;
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(srTime - h.alice.rtpTimes[i]).count();
  EXPECT_EQ(sr->rtpTimestamp.value(), media.back().timestamp().value() + static_cast<uint32_t>(elapsed * 90 / 1000));

  // Alice answers 80 ms later, having held the report for 30 ms: 50 ms round trip.
  ReportBlock block;
  block.sourceSsrc = Ssrc(kAliceSsrc);
  block.fractionLost = 64;
  block.lastSenderReport = compactNtp(sr->ntpTimestamp);
  block.delaySinceLastSenderReport = 30 * 65536 / 1000;
  const std::array<ReportBlock, 1> blocks{block};
  auto rr = serialize(ReceiverReport{Ssrc(kSubscriberRtcpSsrc), WireList<ReportBlock>(blocks)});
  h.router.onSubscriberRtcp(RouterHarness::kAlice, rr, srTime + 80ms);
  const auto stats = h.router.stats(RouterHarness::kAlice, srTime + 80ms);
  ASSERT_TRUE(stats.subscribe.rttMs);
  EXPECT_NEAR(*stats.subscribe.rttMs, 50.0, 1.0);
  EXPECT_DOUBLE_EQ(stats.subscribe.lossFraction, 0.25);
}

TEST(RouterRtcp, R8_ProbesArePacedAsRtxPaddingAndRaiseTheEstimateOnAGoodPath) {
  RouterHarness h;  // starts at 300 kbit/s
  const TrackKey track = h.addSimulcastVideo();
  const auto consumer = h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx));
  h.router.setConsumerTile(consumer.value(), 1280, 720, true);
  // Give the top layer a real rate, so that the estimate has somewhere to go.
  h.sender.layers[2].packetSize = 1100;
  size_t reported = 0;
  int tick = 0;
  h.everyTick = [&] {
    if (++tick % 8 == 0) h.sendFeedback(h.alice, RouterHarness::kAlice, reported, [](uint16_t) { return false; });
  };
  h.run(4000ms);
  const auto padding = h.alice.rtpViews(kAliceRtx);
  ASSERT_GT(padding.size(), 10U);
  for (const auto& p : padding) {
    EXPECT_EQ(p.payloadType(), kSubVp8Rtx);
    EXPECT_TRUE(p.payload().empty());
    EXPECT_GT(p.paddingSize(), 0U);
    EXPECT_TRUE(p.extension(kSubTransportCc));
  }
  EXPECT_GT(h.router.counters().probePacketsSent, 10U);
  const auto stats = h.router.stats(RouterHarness::kAlice, h.now);
  EXPECT_GT(stats.subscribe.estimatedBandwidthBps, 900'000U);
  EXPECT_EQ(stats.consumers[0].layer, 2) << "the estimate reached the top layer";
}

}  // namespace
}  // namespace dienhong::media::test
