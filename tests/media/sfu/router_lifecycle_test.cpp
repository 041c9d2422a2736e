// Router: dominant speaker (R9), statistics (R10), removal mid-stream and hostile input (R11).
// See docs/media.md "Router".
#include <gtest/gtest.h>

#include <random>

#include "media/rtcp/fir.hpp"
#include "media/rtcp/generic_nack.hpp"
#include "router_test_support.hpp"

namespace dienhong::media::test {
namespace {

using namespace std::chrono_literals;

constexpr uint32_t kAliceSsrc = 0xA1;
constexpr uint32_t kAliceRtx = 0xA2;
constexpr uint32_t kBobSsrc = 0xB1;
constexpr uint32_t kBobRtx = 0xB2;

std::vector<uint8_t> audioPacket(uint32_t ssrc, uint16_t sequence, uint8_t level) {
  RtpSpec spec;
  spec.ssrc = ssrc;
  spec.sequence = sequence;
  spec.timestamp = 960u * sequence;
  spec.payloadType = kOpus;
  spec.payload = std::vector<uint8_t>(50, 3);
  spec.mid = "1";
  spec.audioLevel = level;
  return rtp(spec);
}

TEST(RouterLifecycle, R9_AudioLevelsElectTheDominantSpeakerAndTheRoomHearsOfIt) {
  RouterHarness h;
  ASSERT_TRUE(h.router.addTrack(RouterHarness::kPublisher, opusAudio("1")).ok());
  ASSERT_TRUE(h.router.addTrack(RouterHarness::kAlice, opusAudio("1")).ok());
  for (uint16_t i = 0; i < 150; ++i) {  // 3 s: the publisher talks, Alice is silent
    auto talk = audioPacket(0x3000, i, 0x80 | 20);
    auto quiet = audioPacket(0x4000, i, 127);
    h.router.onPublisherRtp(RouterHarness::kPublisher, talk, h.now);
    h.router.onPublisherRtp(RouterHarness::kAlice, quiet, h.now);
    h.router.onTimer(h.now);
    h.now += 20ms;
  }
  ASSERT_EQ(h.listener.speakers.size(), 1U);
  EXPECT_EQ(h.listener.speakers[0], RouterHarness::kPublisher);
  // The speaker leaves: the floor moves on or empties, and the room is told.
  h.router.removeParticipant(RouterHarness::kPublisher);
  EXPECT_EQ(h.listener.speakers.size(), 2U);
  EXPECT_NE(h.router.dominantSpeaker(), RouterHarness::kPublisher);
}

TEST(RouterLifecycle, F5_AMutedMicrophoneNeitherReachesAnyoneNorTakesTheFloor) {
  RouterHarness h;
  const auto talker = h.router.addTrack(RouterHarness::kPublisher, opusAudio("1"));
  ASSERT_TRUE(talker.ok());
  ASSERT_TRUE(h.router.addTrack(RouterHarness::kAlice, opusAudio("1")).ok());
  ASSERT_TRUE(h.router.addConsumer(audioConsumer(RouterHarness::kAlice, talker.value(), 0x5000)).ok());
  h.router.setTrackBlocked(talker.value(), true);
  for (uint16_t i = 0; i < 150; ++i) {  // 3 s of the muted participant shouting
    auto talk = audioPacket(0x3000, i, 0x80 | 10);
    h.router.onPublisherRtp(RouterHarness::kPublisher, talk, h.now);
    h.router.onTimer(h.now);
    h.now += 20ms;
  }
  EXPECT_NE(h.router.dominantSpeaker(), RouterHarness::kPublisher);
  EXPECT_GE(h.router.counters().rtpReceived, 150U);
  EXPECT_EQ(h.router.counters().rtpForwarded, 0U);
  EXPECT_TRUE(h.alice.rtpViews(0x5000).empty());

  h.router.setTrackBlocked(talker.value(), false);  // the participant unmuted
  for (uint16_t i = 150; i < 200; ++i) {
    auto talk = audioPacket(0x3000, i, 0x80 | 10);
    h.router.onPublisherRtp(RouterHarness::kPublisher, talk, h.now);
    h.router.onTimer(h.now);
    h.now += 20ms;
  }
  EXPECT_FALSE(h.alice.rtpViews(0x5000).empty());
}

TEST(RouterLifecycle, R10_StatisticsReportRatesLossLayersAndConsumers) {
  RouterHarness h;
  const TrackKey video = h.addSimulcastVideo();
  const auto audio = h.router.addTrack(RouterHarness::kPublisher, opusAudio("1", 0x3000));
  ASSERT_TRUE(audio.ok());
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kAlice, video, kAliceSsrc, kAliceRtx)).ok());
  h.run(1000ms);
  h.sender.layers[1].sequence += 1;  // one packet of the middle layer is lost
  h.run(1000ms);

  const auto publisher = h.router.stats(RouterHarness::kPublisher, h.now);
  ASSERT_EQ(publisher.tracks.size(), 2U);
  const TrackStats& v = publisher.tracks[0].track == video ? publisher.tracks[0] : publisher.tracks[1];
  EXPECT_EQ(v.kind, sdp::MediaKind::Video);
  EXPECT_EQ(v.mid, "0");
  ASSERT_EQ(v.layers.size(), 3U);
  uint64_t sum = 0;
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(v.layers[i].rid, h.sender.layers[i].rid);
    EXPECT_EQ(v.layers[i].width, h.sender.layers[i].width);
    EXPECT_EQ(v.layers[i].height, h.sender.layers[i].height);
    EXPECT_TRUE(v.layers[i].active);
    // ~30 packets a second of the layer's size.
    const double expected = 30.0 * 8 * static_cast<double>(h.sender.layers[i].packetSize + 40);
    EXPECT_NEAR(static_cast<double>(v.layers[i].bitrateBps), expected, expected * 0.25);
    sum += v.layers[i].bitrateBps;
  }
  EXPECT_EQ(publisher.publish.bitrateBps, sum);
  EXPECT_GT(publisher.publish.packets, 170U);
  EXPECT_EQ(publisher.publish.packetsLost, 1);
  EXPECT_GT(publisher.publish.lossRate, 0.0);
  EXPECT_FALSE(publisher.publish.rttMs) << "a publisher sends us no reports to measure it by";
  EXPECT_TRUE(publisher.consumers.empty());

  const auto alice = h.router.stats(RouterHarness::kAlice, h.now);
  EXPECT_GT(alice.subscribe.bitrateBps, 40'000U);
  EXPECT_GT(alice.subscribe.packets, 50U);
  EXPECT_EQ(alice.subscribe.estimatedBandwidthBps, 300'000U);
  ASSERT_EQ(alice.consumers.size(), 1U);
  EXPECT_EQ(alice.consumers[0].track, video);
  EXPECT_EQ(alice.consumers[0].layer, 0);
  EXPECT_FALSE(alice.consumers[0].paused);
  EXPECT_GT(alice.consumers[0].bitrateBps, 40'000U);
  EXPECT_GT(alice.consumers[0].packets, 50U);
  EXPECT_TRUE(h.router.stats(99, h.now).tracks.empty()) << "unknown participant: empty stats";
}

TEST(RouterLifecycle, R11_RemovingParticipantsMidStreamStopsTheirMediaAndNothingElse) {
  RouterHarness h;
  const TrackKey track = h.addSimulcastVideo();
  const auto alice = h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx));
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kBob, track, kBobSsrc, kBobRtx)).ok());
  h.run(300ms);
  h.router.removeParticipant(RouterHarness::kAlice);
  const size_t aliceBefore = h.alice.rtp.size() + h.alice.rtcp.size();
  const size_t bobBefore = h.bob.rtpViews(kBobSsrc).size();
  h.run(300ms);
  EXPECT_EQ(h.alice.rtp.size() + h.alice.rtcp.size(), aliceBefore);
  EXPECT_GT(h.bob.rtpViews(kBobSsrc).size(), bobBefore + 5);
  h.router.setConsumerTile(alice.value(), 10, 10, true);  // gone: ignored
  h.router.removeConsumer(alice.value());

  EXPECT_EQ(h.router.tracksOf(RouterHarness::kPublisher), std::vector<TrackKey>{track});
  h.router.removeParticipant(RouterHarness::kPublisher);
  EXPECT_TRUE(h.router.tracksOf(RouterHarness::kPublisher).empty());
  EXPECT_TRUE(h.router.stats(RouterHarness::kBob, h.now).consumers.empty());
  const size_t bobAfter = h.bob.rtpViews(kBobSsrc).size();
  h.run(200ms);
  EXPECT_EQ(h.bob.rtpViews(kBobSsrc).size(), bobAfter);
  EXPECT_GT(h.router.counters().unknownParticipant, 5U) << "the publisher's packets are counted and dropped";
  EXPECT_FALSE(h.router.addConsumer(videoConsumer(RouterHarness::kBob, track, 0xB5, std::nullopt)).ok());
}

TEST(RouterLifecycle, R11_RemovingATrackRemovesItsConsumers) {
  RouterHarness h;
  const TrackKey track = h.addSimulcastVideo();
  const auto consumer = h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx));
  h.run(200ms);
  h.router.removeTrack(track);
  EXPECT_TRUE(h.router.stats(RouterHarness::kAlice, h.now).consumers.empty());
  h.router.setConsumerPaused(consumer.value(), false);  // gone: ignored
  const size_t before = h.alice.rtpViews(kAliceSsrc).size();
  h.run(200ms);
  EXPECT_EQ(h.alice.rtpViews(kAliceSsrc).size(), before);
  // The SSRC is free again on Alice's connection.
  const TrackKey again = h.router.addTrack(RouterHarness::kPublisher, simulcastVideo("2", {"q"})).value();
  EXPECT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kAlice, again, kAliceSsrc, kAliceRtx)).ok());
}

TEST(RouterLifecycle, R11_MalformedAndHostileInputIsCountedAndDropped) {
  RouterHarness h;
  const TrackKey track = h.addSimulcastVideo();
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kAlice, track, kAliceSsrc, kAliceRtx)).ok());
  ASSERT_TRUE(h.router.addConsumer(videoConsumer(RouterHarness::kBob, track, kBobSsrc, kBobRtx)).ok());
  h.run(300ms);
  const auto before = h.router.counters();

  std::vector<uint8_t> garbage = {0x00, 0x01, 0x02};
  h.router.onPublisherRtp(RouterHarness::kPublisher, garbage, h.now);
  h.router.onPublisherRtp(RouterHarness::kPublisher, {}, h.now);
  EXPECT_EQ(h.router.counters().malformedRtp, before.malformedRtp + 2);

  RtpSpec shortRtx;
  shortRtx.ssrc = 0x2000;  // learned: q's RTX... only once it was seen; name it by repaired RID
  shortRtx.payloadType = kVp8Rtx;
  shortRtx.payload = {0x01};
  shortRtx.mid = "0";
  shortRtx.repairedRid = "q";
  auto packet = rtp(shortRtx);
  h.router.onPublisherRtp(RouterHarness::kPublisher, packet, h.now);
  EXPECT_EQ(h.router.counters().shortRtx, before.shortRtx + 1);

  RtpSpec badPayloadType;
  badPayloadType.ssrc = h.sender.layers[0].ssrc;
  badPayloadType.payloadType = 55;
  badPayloadType.payload = {1, 2, 3};
  packet = rtp(badPayloadType);
  h.router.onPublisherRtp(RouterHarness::kPublisher, packet, h.now);
  EXPECT_EQ(h.router.counters().unknownPayloadType, before.unknownPayloadType + 1);

  // A truncated VP8 descriptor on the forwarded layer: forwarded or not, nothing breaks.
  RtpSpec truncated;
  truncated.ssrc = h.sender.layers[0].ssrc;
  truncated.sequence = h.sender.layers[0].sequence++;
  truncated.payload = {0x90, 0xC0};
  packet = rtp(truncated);
  h.router.onPublisherRtp(RouterHarness::kPublisher, packet, h.now);

  // A NACK naming 2000 x 17 packets: bounded work.
  std::vector<NackItem> items(2000, NackItem{SequenceNumber(1), 0xFFFF});
  GenericNack absurd{Ssrc(1), Ssrc(kAliceSsrc), WireList<NackItem>(items)};
  std::vector<uint8_t> bytes(absurd.serializedSize());
  ByteWriter writer(bytes);
  ASSERT_TRUE(absurd.serialize(writer));
  const size_t rtpBefore = h.alice.rtp.size();
  h.router.onSubscriberRtcp(RouterHarness::kAlice, bytes, h.now);
  EXPECT_EQ(h.router.counters().nackItemsIgnored, before.nackItemsIgnored + 1);
  EXPECT_LE(h.alice.rtp.size() - rtpBefore, 17U) << "each packet once at most";

  // FIR for Bob's stream sent by Alice; NACK for someone else's SSRC.
  const std::array<FirEntry, 1> entries{FirEntry{Ssrc(kBobSsrc), 1}};
  Fir fir{Ssrc(1), Ssrc(0), WireList<FirEntry>(entries)};
  bytes.assign(fir.serializedSize(), 0);
  ByteWriter firWriter(bytes);
  ASSERT_TRUE(fir.serialize(firWriter));
  h.router.onSubscriberRtcp(RouterHarness::kAlice, bytes, h.now);
  EXPECT_EQ(h.router.counters().rtcpForUnknownSsrc, before.rtcpForUnknownSsrc + 1);

  // RTCP whose length runs past the datagram, and pure noise.
  std::vector<uint8_t> overrun = {0x81, 0xC9, 0x00, 0x40, 0, 0, 0, 1};
  h.router.onSubscriberRtcp(RouterHarness::kAlice, overrun, h.now);
  h.router.onPublisherRtcp(RouterHarness::kPublisher, overrun, h.now);
  EXPECT_EQ(h.router.counters().malformedRtcp, before.malformedRtcp + 2);
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::vector<uint8_t> noise(rng() % 120);
    for (auto& b : noise) b = static_cast<uint8_t>(rng());
    if (!noise.empty()) noise[0] = static_cast<uint8_t>(0x80 | (noise[0] & 0x3F));
    if (i % 3 == 0) h.router.onSubscriberRtcp(RouterHarness::kBob, noise, h.now);
    if (i % 3 == 1) h.router.onPublisherRtcp(RouterHarness::kPublisher, noise, h.now);
    if (i % 3 == 2) h.router.onPublisherRtp(RouterHarness::kPublisher, noise, h.now);
  }
  // Unknown participants.
  h.router.onPublisherRtp(77, garbage, h.now);
  h.router.onSubscriberRtcp(77, overrun, h.now);
  h.router.setSinks(77, nullptr, nullptr);
  h.router.removeParticipant(77);
  h.router.removeTrack(12345);
  EXPECT_FALSE(h.router.addTrack(77, simulcastVideo("x", {"q"})).ok());

  // Still forwarding.
  const size_t aliceBefore = h.alice.rtpViews(kAliceSsrc).size();
  h.run(300ms);
  EXPECT_GT(h.alice.rtpViews(kAliceSsrc).size(), aliceBefore + 5);
}

TEST(RouterLifecycle, R11_SectionsTheRouterCannotForwardAreRefused) {
  RouterHarness h;
  auto tooMany = simulcastVideo("0", {"a", "b", "c", "d"});
  EXPECT_EQ(h.router.addTrack(RouterHarness::kPublisher, tooMany).error().code, "invalid_argument");
  auto data = simulcastVideo("0", {});
  data.kind = sdp::MediaKind::Application;
  EXPECT_FALSE(h.router.addTrack(RouterHarness::kPublisher, data).ok());
  auto noCodec = simulcastVideo("0", {});
  noCodec.codecs.clear();
  EXPECT_FALSE(h.router.addTrack(RouterHarness::kPublisher, noCodec).ok());
  auto av1 = simulcastVideo("0", {});
  av1.codecs[0].name = "AV1";
  EXPECT_FALSE(h.router.addTrack(RouterHarness::kPublisher, av1).ok());
  auto inactive = opusAudio("1");
  inactive.direction = sdp::Direction::Inactive;
  EXPECT_FALSE(h.router.addTrack(RouterHarness::kPublisher, inactive).ok());
  auto audioSimulcast = opusAudio("1");
  audioSimulcast.simulcast.push_back({"a", false, ""});
  EXPECT_FALSE(h.router.addTrack(RouterHarness::kPublisher, audioSimulcast).ok());
  auto repeatedRid = simulcastVideo("0", {"a", "a"});
  EXPECT_FALSE(h.router.addTrack(RouterHarness::kPublisher, repeatedRid).ok());
  EXPECT_TRUE(h.router.tracksOf(RouterHarness::kPublisher).empty());
}

}  // namespace
}  // namespace dienhong::media::test
