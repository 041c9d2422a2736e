// Router: demultiplexing, layer measurement and order, forwarding and simulcast selection.
// Test names carry the Router's acceptance criteria (docs/media.md "Router"): R1 demultiplexing,
// R2 layer order, R3 forwarding, R4 simulcast selection.
#include <gtest/gtest.h>

#include "media/codec/vp8_descriptor.hpp"
#include "media/rtcp/pli.hpp"
#include "media/rtcp/remb.hpp"
#include "router_test_support.hpp"

namespace dienhong::media::test {
namespace {

using namespace std::chrono_literals;

constexpr uint32_t kAliceSsrc = 0xA1;
constexpr uint32_t kAliceRtx = 0xA2;
constexpr uint32_t kBobSsrc = 0xB1;
constexpr uint32_t kBobRtx = 0xB2;

std::optional<uint16_t> pictureIdOf(const RtpPacketView& view) {
  const auto d = Vp8Descriptor::parse(view.payload());
  return d ? d->pictureId : std::nullopt;
}

uint16_t transportSequenceOf(const RtpPacketView& view) {
  const auto ext = view.extension(kSubTransportCc);
  EXPECT_TRUE(ext && ext->size() == 2);
  return ext && ext->size() == 2 ? static_cast<uint16_t>(((*ext)[0] << 8) | (*ext)[1]) : 0;
}

void expectContinuous(const std::vector<RtpPacketView>& views) {
  for (size_t i = 1; i < views.size(); ++i) {
    ASSERT_EQ(views[i].sequenceNumber(), views[i - 1].sequenceNumber() + 1) << "packet " << i;
    // One packet per frame in these tests: picture ids step by one too.
    ASSERT_EQ(*pictureIdOf(views[i]), (*pictureIdOf(views[i - 1]) + 1) & 0x7FFF) << "packet " << i;
  }
}

TEST(RouterForwarding, R3_EverySubscriberGetsItsOwnPacketWithItsSsrcPayloadTypeAndExtensionIds) {
  RouterHarness h;
  const TrackKey track = h.addSimulcastVideo();
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx)).ok());
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kBob, track, kBobSsrc, kBobRtx)).ok());
  h.run(500ms);

  for (RecordingSink* sink : {&h.alice, &h.bob}) {
    const uint32_t ssrc = sink == &h.alice ? kAliceSsrc : kBobSsrc;
    const auto views = sink->rtpViews(ssrc);
    ASSERT_GE(views.size(), 10U);
    for (const auto& v : views) {
      EXPECT_EQ(v.payloadType(), kSubVp8);
      EXPECT_TRUE(v.extension(kSubAbsSendTime));
      EXPECT_EQ(v.extension(kSubAbsSendTime)->size(), 3U);
      EXPECT_FALSE(v.extension(kPubMid)) << "the publisher's MID/RID ids mean nothing here";
      EXPECT_FALSE(v.extension(kPubRid));
      EXPECT_TRUE(v.marker());
      EXPECT_EQ(v.payload().size(), 200U) << "the 320x180 thumbnail gets the lowest layer";
    }
    expectContinuous(views);
    // Transport-wide numbers count every packet on the connection (media and padding), from 1.
    uint16_t expected = 1;
    for (const auto& v : sink->rtpViews()) EXPECT_EQ(transportSequenceOf(v), expected++);
  }
  EXPECT_EQ(h.router.counters().unknownSsrc, 0U);
  EXPECT_TRUE(h.publisherOwnSubscriberSink.rtp.empty()) << "nobody subscribed the publisher to itself";
}

TEST(RouterForwarding, R3_AudioIsForwardedToEveryoneButItsOwnerWithTheSubscribersAudioLevelId) {
  RouterHarness h;
  const auto audio = h.router.addTrack(RouterHarness::kPublisher, opusAudio("1"));
  ASSERT_TRUE(audio.ok());
  const auto echo = h.router.addConsumer(audioConsumer(RouterHarness::kPublisher, audio.value(), 0x77));
  ASSERT_FALSE(echo.ok());
  EXPECT_EQ(echo.error().code, "invalid_argument");
  ASSERT_TRUE(h.router.addConsumer(audioConsumer(RouterHarness::kAlice, audio.value(), 0xA5)).ok());
  h.router.onTimer(h.now);

  for (uint16_t i = 0; i < 5; ++i) {
    RtpSpec spec;
    spec.ssrc = 0x3000;
    spec.sequence = static_cast<uint16_t>(500 + i);
    spec.timestamp = 960u * i;
    spec.payloadType = kOpus;
    spec.payload = std::vector<uint8_t>(60, 0x11);
    spec.mid = "1";  // no a=ssrc: bound by MID
    spec.audioLevel = static_cast<uint8_t>(0x80 | 30);
    spec.transportSequence = i;
    auto packet = rtp(spec);
    h.router.onPublisherRtp(RouterHarness::kPublisher, packet, h.now);
  }
  const auto views = h.alice.rtpViews(0xA5);
  ASSERT_EQ(views.size(), 5U);
  for (size_t i = 0; i < views.size(); ++i) {
    EXPECT_EQ(views[i].payloadType(), kSubOpus);
    EXPECT_EQ(views[i].sequenceNumber(), SequenceNumber(static_cast<uint16_t>(500 + i)));
    EXPECT_EQ(views[i].timestamp(), RtpTimestamp(960u * static_cast<uint32_t>(i)));
    ASSERT_TRUE(views[i].extension(kSubAudioLevel));
    EXPECT_EQ((*views[i].extension(kSubAudioLevel))[0], 0x80 | 30);
    EXPECT_EQ(views[i].payload().size(), 60U);
  }
  EXPECT_TRUE(h.publisherOwnSubscriberSink.rtp.empty());
  EXPECT_TRUE(h.bob.rtp.empty()) << "Bob did not subscribe";
}

TEST(RouterForwarding, R1_LayersAreFoundByMidAndRidThenBySsrcAlone) {
  RouterHarness h;
  const TrackKey track = h.addSimulcastVideo();
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx)).ok());
  h.run(300ms);
  const size_t before = h.alice.rtpViews(kAliceSsrc).size();
  ASSERT_GT(before, 0U);
  h.sender.sendMidAndRid = false;  // browsers stop sending them once the SSRC is known
  h.run(300ms);
  EXPECT_GT(h.alice.rtpViews(kAliceSsrc).size(), before + 5);
  EXPECT_EQ(h.router.counters().unknownSsrc, 0U);

  RtpSpec stranger;
  stranger.ssrc = 0xDEAD;
  stranger.payload = vp8Payload(1, 1, true, true, 640, 360);
  auto packet = rtp(stranger);
  h.router.onPublisherRtp(RouterHarness::kPublisher, packet, h.now);
  EXPECT_EQ(h.router.counters().unknownSsrc, 1U);
  stranger.mid = "9";  // a mid nobody published
  stranger.rid = "q";
  packet = rtp(stranger);
  h.router.onPublisherRtp(RouterHarness::kPublisher, packet, h.now);
  EXPECT_EQ(h.router.counters().unknownSsrc, 2U);
}

TEST(RouterForwarding, R1_AnnouncedSsrcsAndFidGroupsRouteMediaAndRtxAndRtxIsUnwrapped) {
  RouterHarness h;
  const auto track = h.router.addTrack(RouterHarness::kPublisher, plainVideo("0", 0x5000, 0x5001));
  ASSERT_TRUE(track.ok());
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track.value(), kAliceSsrc, kAliceRtx)).ok());
  h.router.onTimer(h.now);

  auto media = [&](uint16_t sequence, bool key) {
    RtpSpec spec;
    spec.ssrc = 0x5000;
    spec.sequence = sequence;
    spec.timestamp = 3000u * sequence;
    spec.payload = vp8Payload(sequence, 0, true, key, 640, 360);
    return rtp(spec);
  };
  // The layer becomes active with its first packet; the consumer then waits for a keyframe.
  auto first = media(9, true);
  h.router.onPublisherRtp(RouterHarness::kPublisher, first, h.now);
  h.router.onTimer(h.now);
  ASSERT_EQ(h.publisherSink.rtcpOf(RtcpPacketKind::kPli).size(), 1U);
  for (uint16_t s : {10, 11, 13}) {
    auto p = media(s, s == 10);
    h.router.onPublisherRtp(RouterHarness::kPublisher, p, h.now);
  }
  // RFC 4588: the lost packet 12 comes back on the RTX SSRC with its own sequence number and
  // the original one first in the payload.
  const auto original = media(12, false);
  const auto originalView = RtpPacketView::parse(original);
  std::vector<uint8_t> rtxPayload = {0x00, 12};
  rtxPayload.insert(rtxPayload.end(), originalView->payload().begin(), originalView->payload().end());
  RtpSpec rtx;
  rtx.ssrc = 0x5001;
  rtx.sequence = 7;
  rtx.timestamp = 3000u * 12;
  rtx.payloadType = kVp8Rtx;
  rtx.payload = rtxPayload;
  auto rtxPacket = rtp(rtx);
  h.router.onPublisherRtp(RouterHarness::kPublisher, rtxPacket, h.now);

  const auto views = h.alice.rtpViews(kAliceSsrc);
  ASSERT_EQ(views.size(), 4U);
  EXPECT_EQ(views[3].sequenceNumber(), SequenceNumber(12)) << "the first source keeps its numbering";
  EXPECT_EQ(views[3].payloadType(), kSubVp8);
  EXPECT_TRUE(std::equal(views[3].payload().begin(), views[3].payload().end(), originalView->payload().begin(),
                         originalView->payload().end()));
  EXPECT_EQ(h.router.counters().rtxRecovered, 1U);

  // The same packet again is a duplicate (SRTP would refuse it anyway).
  rtx.sequence = 8;
  rtxPacket = rtp(rtx);
  h.router.onPublisherRtp(RouterHarness::kPublisher, rtxPacket, h.now);
  EXPECT_EQ(h.router.counters().duplicates, 1U);
  EXPECT_EQ(h.alice.rtpViews(kAliceSsrc).size(), 4U);
}

TEST(RouterForwarding, R1_RepairedRidRtxIsUnwrappedAndRtxPaddingIsDroppedButAcknowledged) {
  RouterHarness h;
  const TrackKey track = h.addSimulcastVideo();
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx)).ok());
  h.run(200ms);
  // Layer q: one packet goes missing, then comes back as RTX with the repaired RID.
  auto lost = h.layerPacket(0, false, true, true);
  const auto lostView = RtpPacketView::parse(lost);
  h.sendLayerPacket(0, false, true, true);
  const size_t before = h.alice.rtpViews(kAliceSsrc).size();
  std::vector<uint8_t> payload = {static_cast<uint8_t>(lostView->sequenceNumber().value() >> 8),
                                  static_cast<uint8_t>(lostView->sequenceNumber().value())};
  payload.insert(payload.end(), lostView->payload().begin(), lostView->payload().end());
  RtpSpec rtx;
  rtx.ssrc = 0x2000;
  rtx.sequence = 1;
  rtx.timestamp = lostView->timestamp().value();
  rtx.payloadType = kVp8Rtx;
  rtx.payload = payload;
  rtx.mid = "0";
  rtx.repairedRid = "q";
  rtx.transportSequence = h.sender.transportSequence++;
  auto packet = rtp(rtx);
  h.router.onPublisherRtp(RouterHarness::kPublisher, packet, h.now);
  const auto views = h.alice.rtpViews(kAliceSsrc);
  ASSERT_EQ(views.size(), before + 1);
  EXPECT_EQ(views.back().sequenceNumber() + 1, views[views.size() - 2].sequenceNumber()) << "fills the gap";
  EXPECT_EQ(h.router.counters().rtxRecovered, 1U);

  // The browser's probes: RTX packets of padding only.
  RtpSpec padding;
  padding.ssrc = 0x2000;
  padding.sequence = 2;
  padding.payloadType = kVp8Rtx;
  padding.padding = 200;
  padding.transportSequence = h.sender.transportSequence++;
  packet = rtp(padding);
  h.router.onPublisherRtp(RouterHarness::kPublisher, packet, h.now);
  EXPECT_EQ(h.router.counters().paddingDropped, 1U);
  EXPECT_EQ(h.alice.rtpViews(kAliceSsrc).size(), before + 1) << "padding is not forwarded";
  h.publisherSink.clear();
  h.run(100ms);
  bool acknowledged = false;
  for (const auto& bytes : h.publisherSink.rtcpOf(RtcpPacketKind::kTransportFeedback)) {
    const auto feedback = parseRtcp<TransportFeedback>(bytes);
    ASSERT_TRUE(feedback);
    for (const auto& p : feedback->packets()) {
      if (p.sequenceNumber == SequenceNumber(*padding.transportSequence) && p.received) acknowledged = true;
    }
  }
  EXPECT_TRUE(acknowledged) << "the browser's estimator counts its padding";
}

TEST(RouterForwarding, R1_LegacySimGroupMakesLayersFromAnnouncedSsrcs) {
  RouterHarness h;
  auto media = simulcastVideo("0", {});
  media.ssrcs = {0x10, 0x11, 0x20, 0x21, 0x30, 0x31};
  media.ssrcGroups = {{"SIM", {0x10, 0x20, 0x30}}, {"FID", {0x10, 0x11}}, {"FID", {0x20, 0x21}}, {"FID", {0x30, 0x31}}};
  const auto track = h.router.addTrack(RouterHarness::kPublisher, media);
  ASSERT_TRUE(track.ok());
  const auto stats = h.router.stats(RouterHarness::kPublisher, h.now);
  ASSERT_EQ(stats.tracks.size(), 1U);
  ASSERT_EQ(stats.tracks[0].layers.size(), 3U);
  EXPECT_EQ(stats.tracks[0].layers[2].ssrc, 0x30U);

  auto clash = plainVideo("1", 0x20, 0x99);
  EXPECT_FALSE(h.router.addTrack(RouterHarness::kPublisher, clash).ok()) << "0x20 belongs to the first track";
}

TEST(RouterForwarding, R2_LayersAreOrderedByKeyframeResolutionNotByRid) {
  RouterHarness h;
  // "a" is the largest and "b" the smallest: names and SDP order say nothing.
  const TrackKey track = h.addSimulcastVideo({"a", "b", "c"}, {{1280, 720}, {320, 180}, {640, 360}});
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx)).ok());
  // Make the largest layer the cheapest, so that ordering by bitrate would be wrong too.
  h.sender.layers[0].packetSize = 100;
  h.run(600ms);
  const auto stats = h.router.stats(RouterHarness::kPublisher, h.now);
  ASSERT_EQ(stats.tracks[0].layers.size(), 3U);
  EXPECT_EQ(stats.tracks[0].layers[0].rid, "b");
  EXPECT_EQ(stats.tracks[0].layers[0].width, 320U);
  EXPECT_EQ(stats.tracks[0].layers[1].rid, "c");
  EXPECT_EQ(stats.tracks[0].layers[2].rid, "a");
  EXPECT_EQ(stats.tracks[0].layers[2].height, 720U);
  // The 320x180 thumbnail gets "b".
  const auto views = h.alice.rtpViews(kAliceSsrc);
  ASSERT_FALSE(views.empty());
  EXPECT_EQ(views.back().payload().size(), h.sender.layers[1].packetSize);
  ASSERT_EQ(stats.consumers.size(), 0U) << "Alice's consumers are in Alice's stats";
  const auto alice = h.router.stats(RouterHarness::kAlice, h.now);
  ASSERT_EQ(alice.consumers.size(), 1U);
  EXPECT_EQ(alice.consumers[0].layer, 0);
}

TEST(RouterForwarding, R2_LayersWithoutSizesAreOrderedByBitrate) {
  RouterHarness h;
  auto media = simulcastVideo("0", {"x", "y"});
  media.codecs[0].name = "H264";
  const auto track = h.router.addTrack(RouterHarness::kPublisher, media);
  ASSERT_TRUE(track.ok());
  for (int frame = 0; frame < 40; ++frame) {
    for (int layer = 0; layer < 2; ++layer) {
      RtpSpec spec;
      spec.ssrc = 0x700u + static_cast<uint32_t>(layer);
      spec.sequence = static_cast<uint16_t>(frame);
      spec.timestamp = 3000u * static_cast<uint32_t>(frame);
      spec.payload = std::vector<uint8_t>(layer == 0 ? 1000 : 100, 0x41);  // "x" is the big one
      spec.payload[0] = frame == 0 ? 0x65 : 0x41;                          // IDR, then P slices
      spec.mid = "0";
      spec.rid = layer == 0 ? "x" : "y";
      auto packet = rtp(spec);
      h.router.onPublisherRtp(RouterHarness::kPublisher, packet, h.now);
    }
    h.router.onTimer(h.now);
    h.now += 33ms;
  }
  h.router.onTimer(h.now);
  const auto stats = h.router.stats(RouterHarness::kPublisher, h.now);
  ASSERT_EQ(stats.tracks[0].layers.size(), 2U);
  EXPECT_EQ(stats.tracks[0].layers[0].rid, "y");
  EXPECT_EQ(stats.tracks[0].layers[1].rid, "x");
  EXPECT_GT(stats.tracks[0].layers[1].bitrateBps, stats.tracks[0].layers[0].bitrateBps);
}

TEST(RouterForwarding, R4_SwitchingLayersHappensAtAKeyframeWithContinuousSequenceNumbersAndPictureIds) {
  RouterConfig config;
  config.bwe.startBitrate = 5'000'000;
  RouterHarness h(config);
  const TrackKey track = h.addSimulcastVideo();
  const auto consumer = h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx));
  ASSERT_TRUE(consumer.ok());
  h.run(1000ms);
  const size_t beforeSwitch = h.alice.rtpViews(kAliceSsrc).size();
  h.publisherSink.clear();
  h.router.setConsumerTile(consumer.value(), 1280, 720, true);
  h.run(1000ms);

  const auto plis = h.publisherSink.rtcpOf(RtcpPacketKind::kPli);
  ASSERT_FALSE(plis.empty());
  EXPECT_EQ(parseRtcp<Pli>(plis[0])->mediaSsrc.value(), h.sender.layers[2].ssrc) << "a keyframe of the new layer";
  const auto views = h.alice.rtpViews(kAliceSsrc);
  ASSERT_GT(views.size(), beforeSwitch + 20);
  expectContinuous(views);
  // Where the stream changes layer, the new layer starts with its keyframe.
  size_t switchAt = 0;
  for (size_t i = beforeSwitch; i < views.size(); ++i) {
    if (views[i].payload().size() == h.sender.layers[2].packetSize) {
      switchAt = i;
      break;
    }
  }
  ASSERT_GT(switchAt, 0U);
  const auto d = Vp8Descriptor::parse(views[switchAt].payload());
  ASSERT_TRUE(d && d->keyframe);
  EXPECT_EQ(vp8KeyframeSize(views[switchAt].payload().subspan(d->size)), (FrameSize{1280, 720}));
  for (size_t i = switchAt; i < views.size(); ++i) EXPECT_EQ(views[i].payload().size(), h.sender.layers[2].packetSize);
  const auto alice = h.router.stats(RouterHarness::kAlice, h.now);
  EXPECT_EQ(alice.consumers[0].layer, 2);
}

TEST(RouterForwarding, R4_RembCapsTheEstimateAndTheLayerFollows) {
  RouterConfig config;
  config.bwe.startBitrate = 5'000'000;
  RouterHarness h(config);
  const TrackKey track = h.addSimulcastVideo();
  const auto consumer = h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx));
  h.router.setConsumerTile(consumer.value(), 1280, 720, true);
  h.run(1500ms);
  ASSERT_EQ(h.router.stats(RouterHarness::kAlice, h.now).consumers[0].layer, 2);

  Remb remb;
  remb.senderSsrc = Ssrc(0x5555);
  remb.bitrateBps = 100'000;
  std::vector<uint8_t> bytes(remb.serializedSize());
  ByteWriter writer(bytes);
  ASSERT_TRUE(remb.serialize(writer));
  h.router.onSubscriberRtcp(RouterHarness::kAlice, bytes, h.now);
  h.run(1000ms);
  const auto alice = h.router.stats(RouterHarness::kAlice, h.now);
  EXPECT_LE(alice.subscribe.estimatedBandwidthBps, 100'000U);
  EXPECT_EQ(alice.consumers[0].layer, 0) << "only the lowest layer fits 100 kbit/s";
  EXPECT_EQ(h.alice.rtpViews(kAliceSsrc).back().payload().size(), h.sender.layers[0].packetSize);
}

TEST(RouterForwarding, R4_TransportFeedbackReportingLossLowersTheLayer) {
  RouterConfig config;
  config.bwe.startBitrate = 1'000'000;
  RouterHarness h(config);
  const TrackKey track = h.addSimulcastVideo();
  const auto consumer = h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx));
  h.router.setConsumerTile(consumer.value(), 1280, 720, true);
  size_t reported = 0;
  int tick = 0;
  bool lossy = false;
  // The subscriber reports every 100 ms, first all received, then three packets in four lost.
  h.everyTick = [&] {
    if (++tick % 10 != 0) return;
    h.sendFeedback(h.alice, RouterHarness::kAlice, reported, [&](uint16_t s) { return lossy && s % 4 != 0; });
  };
  h.run(1500ms);
  ASSERT_EQ(h.router.stats(RouterHarness::kAlice, h.now).consumers[0].layer, 2);
  EXPECT_GT(h.router.counters().transportFeedbackReceived, 10U);
  lossy = true;
  // The loss-based controller cuts by (1 - p/2) about once a second (draft-ietf-rmcat-gcc-02 §6),
  // from wherever the start-up probes took the estimate.
  auto estimate = [&] { return h.router.stats(RouterHarness::kAlice, h.now).subscribe.estimatedBandwidthBps; };
  for (int i = 0; i < 40 && estimate() >= 180'000; ++i) h.run(500ms);
  ASSERT_LT(estimate(), 180'000U);
  h.run(100ms);
  const auto alice = h.router.stats(RouterHarness::kAlice, h.now);
  EXPECT_NE(alice.consumers[0].layer, 2) << "the top layer (~200 kbit/s) no longer fits";
  expectContinuous(h.alice.rtpViews(kAliceSsrc));
}

TEST(RouterForwarding, R4_HiddenTilesAndPausedConsumersReceiveNothing) {
  RouterHarness h;
  const TrackKey track = h.addSimulcastVideo();
  const auto a = h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx));
  const auto b = h.router.addConsumer(videoConsumer(RouterHarness::kBob, track, kBobSsrc, kBobRtx));
  h.run(300ms);
  h.router.setConsumerTile(a.value(), 640, 360, false);
  h.router.setConsumerPaused(b.value(), true);
  const size_t alice = h.alice.rtpViews(kAliceSsrc).size();
  const size_t bob = h.bob.rtpViews(kBobSsrc).size();
  h.run(500ms);
  EXPECT_EQ(h.alice.rtpViews(kAliceSsrc).size(), alice);
  EXPECT_EQ(h.bob.rtpViews(kBobSsrc).size(), bob);
  EXPECT_TRUE(h.router.stats(RouterHarness::kAlice, h.now).consumers[0].paused);

  // Shown again: it resumes at a keyframe, numbered right after what it had, no gap to NACK.
  h.router.setConsumerTile(a.value(), 320, 180, true);
  h.router.setConsumerPaused(b.value(), false);
  h.run(500ms);
  for (RecordingSink* sink : {&h.alice, &h.bob}) {
    const auto views = sink->rtpViews(sink == &h.alice ? kAliceSsrc : kBobSsrc);
    ASSERT_GT(views.size(), (sink == &h.alice ? alice : bob) + 5);
    expectContinuous(views);
  }
}

TEST(RouterForwarding, F5_ABlockedTrackReachesNoConsumerUntilUnblockedThenResumesSeamlessly) {
  RouterHarness h;
  const TrackKey track = h.addSimulcastVideo();
  const auto a = h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx));
  ASSERT_TRUE(a.ok());
  h.run(300ms);
  h.router.setTrackBlocked(track, true);  // a chair stopped this camera
  const size_t before = h.alice.rtpViews(kAliceSsrc).size();
  ASSERT_GT(before, 0U);
  h.run(500ms);
  EXPECT_EQ(h.alice.rtpViews(kAliceSsrc).size(), before);
  // A consumer added while blocked gets nothing either.
  const auto b = h.router.addConsumer(videoConsumer(RouterHarness::kBob, track, kBobSsrc, kBobRtx));
  ASSERT_TRUE(b.ok());
  h.run(300ms);
  EXPECT_TRUE(h.bob.rtpViews(kBobSsrc).empty());

  h.router.setTrackBlocked(track, false);
  h.run(500ms);
  const auto views = h.alice.rtpViews(kAliceSsrc);
  ASSERT_GT(views.size(), before + 5);
  expectContinuous(views);
  EXPECT_FALSE(h.bob.rtpViews(kBobSsrc).empty());
}

TEST(RouterForwarding, R4_TheDominantSpeakersVideoIsUpgradedFirst) {
  RouterConfig config;
  // Lowest layers (~35 kbit/s each), audio (~24 kbit/s each) and one middle layer (~75 kbit/s).
  config.bwe.startBitrate = 185'000;
  RecordingListener listener;
  Router router(listener, config);
  RecordingSink alice;
  RecordingSink publisherSinks[2];
  const ParticipantKey kAlice = 10;
  router.addParticipant(kAlice);
  router.setSinks(kAlice, nullptr, &alice);
  std::array<SimulcastSender, 2> senders;
  std::array<TrackKey, 2> videos{};
  std::array<TrackKey, 2> audios{};
  for (ParticipantKey p = 0; p < 2; ++p) {
    router.addParticipant(p + 1);
    router.setSinks(p + 1, &publisherSinks[p], nullptr);
    videos[p] = router.addTrack(p + 1, simulcastVideo("v", {"q", "h", "f"})).value();
    audios[p] = router.addTrack(p + 1, opusAudio("a")).value();
    const auto consumer = router.addConsumer(videoConsumer(kAlice, videos[p], 0xA0 + p, std::nullopt)).value();
    router.setConsumerTile(consumer, 1280, 720, true);
    ASSERT_TRUE(router.addConsumer(audioConsumer(kAlice, audios[p], 0xC0 + p)).ok());
  }
  Clock::time_point now{std::chrono::seconds(50)};
  uint16_t sequence = 0;
  auto sendAll = [&](std::optional<ParticipantKey> speaking) {
    ++sequence;
    for (ParticipantKey p = 0; p < 2; ++p) {
      if (sequence % 2 == 0) {  // video at 25 fps
        for (uint32_t layer = 0; layer < 3; ++layer) {
          RtpSpec spec;
          spec.ssrc = 0x100 * (p + 1) + layer;
          spec.sequence = sequence;
          spec.timestamp = 1800u * sequence;
          spec.payload = vp8Payload(sequence, 0, true, sequence % 50 == 2, static_cast<uint16_t>(320 << layer),
                                    static_cast<uint16_t>(180 << layer), 150 + 200 * layer);
          spec.mid = "v";
          spec.rid = std::array<std::string, 3>{"q", "h", "f"}[layer];
          auto packet = rtp(spec);
          router.onPublisherRtp(p + 1, packet, now);
        }
      }
      RtpSpec audio;
      audio.ssrc = 0x900 + p;
      audio.sequence = sequence;
      audio.timestamp = 960u * sequence;
      audio.payloadType = kOpus;
      audio.payload = std::vector<uint8_t>(40, 1);
      audio.mid = "a";
      audio.audioLevel = speaking == p + 1 ? static_cast<uint8_t>(0x80 | 15) : static_cast<uint8_t>(127);
      auto packet = rtp(audio);
      router.onPublisherRtp(p + 1, packet, now);
    }
    router.onTimer(now);
    now += 20ms;
  };
  auto layerOf = [&](TrackKey track) -> std::optional<uint8_t> {
    for (const auto& c : router.stats(kAlice, now).consumers) {
      if (c.track == track) return c.layer;
    }
    return std::nullopt;
  };
  for (int i = 0; i < 150; ++i) sendAll(std::nullopt);
  // The budget lets one video up to the middle layer; without a speaker the first one gets it.
  EXPECT_EQ(layerOf(videos[0]), 1);
  EXPECT_EQ(layerOf(videos[1]), 0);
  for (int i = 0; i < 200; ++i) sendAll(ParticipantKey{2});
  ASSERT_FALSE(listener.speakers.empty());
  EXPECT_EQ(listener.speakers.back(), ParticipantKey{2});
  EXPECT_EQ(router.dominantSpeaker(), ParticipantKey{2});
  EXPECT_EQ(layerOf(videos[1]), 1) << "the speaker is upgraded first";
  EXPECT_EQ(layerOf(videos[0]), 0);
}

}  // namespace
}  // namespace dienhong::media::test
