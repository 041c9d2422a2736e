#include "media/sfu/published_track.hpp"

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

sdp::NegotiatedMedia video(std::vector<std::string> rids) {
  sdp::NegotiatedMedia m;
  m.mid = "0";
  m.kind = sdp::MediaKind::Video;
  m.codecs.push_back({96, "VP8", 90000, 0, "", {"nack"}, 97});
  m.codecs.push_back({98, "H264", 90000, 0, "", {}, 99});
  for (auto& rid : rids) m.simulcast.push_back({rid, false, ""});
  return m;
}

TEST(PublishedTrack, KnowsItsCodecsRtxPayloadTypesAndRids) {
  auto track = PublishedTrack::create(1, 2, video({"q", "h", "f"}));
  ASSERT_TRUE(track.ok());
  const PublishedTrack& t = *track.value();
  EXPECT_TRUE(t.isVideo());
  EXPECT_TRUE(t.nackEnabled());
  EXPECT_EQ(t.layerCount(), 3U);
  EXPECT_EQ(t.layerByRid("h"), 1);
  EXPECT_FALSE(t.layerByRid("x"));
  EXPECT_EQ(t.codec(98)->codec, VideoCodec::kH264);
  EXPECT_FALSE(t.codec(97)) << "RTX is not a media payload type";
  EXPECT_EQ(t.repairedPayloadType(97), 96);
  EXPECT_EQ(t.repairedPayloadType(99), 98);
  EXPECT_FALSE(t.repairedPayloadType(96));
  EXPECT_FALSE(t.codec(200));
}

TEST(PublishedTrack, OrdersLayersBySizeOnceEveryActiveLayerHasOne) {
  auto track = PublishedTrack::create(1, 2, video({"a", "b"})).value();
  const PublishedTrack::Clock::time_point t{std::chrono::seconds(4)};
  // "a" sends more but is smaller: the size decides, not the bitrate or the name.
  for (int i = 0; i < 50; ++i) {
    track->layer(0).stats.onPacket(SequenceNumber(static_cast<uint16_t>(i)), RtpTimestamp(0), 1000, false,
                                   t + std::chrono::milliseconds(20 * i));
    track->layer(1).stats.onPacket(SequenceNumber(static_cast<uint16_t>(i)), RtpTimestamp(0), 100, false,
                                   t + std::chrono::milliseconds(20 * i));
  }
  const auto now = t + std::chrono::seconds(1);
  EXPECT_TRUE(track->refresh(now, std::chrono::seconds(2)));
  EXPECT_EQ(track->order()[0], 1) << "by bitrate while sizes are unknown";
  track->onFrameSize(0, {320, 180});
  track->onFrameSize(1, {1280, 720});
  EXPECT_TRUE(track->refresh(now, std::chrono::seconds(2)));
  EXPECT_EQ(track->order()[0], 0);
  EXPECT_EQ(track->rank(1), 1);
  EXPECT_EQ(track->layerInfo(now)[1].height, 720U);
  EXPECT_FALSE(track->refresh(now, std::chrono::seconds(2))) << "nothing changed";
  EXPECT_TRUE(track->refresh(now + std::chrono::seconds(5), std::chrono::seconds(2))) << "both went quiet";
  EXPECT_FALSE(track->layer(0).active);
}

TEST(PublishedTrack, RefusesWhatItCannotForward) {
  auto bad = video({});
  bad.codecs[1].rtxPayloadType = 96;  // RTX and media at once
  EXPECT_FALSE(PublishedTrack::create(1, 2, bad).ok());
  auto repeated = video({});
  repeated.codecs[1].payloadType = 96;
  EXPECT_FALSE(PublishedTrack::create(1, 2, repeated).ok());
  auto ssrcs = video({});
  ssrcs.ssrcs = {5, 6};
  ssrcs.ssrcGroups = {{"SIM", {5, 6, 5}}};
  EXPECT_FALSE(PublishedTrack::create(1, 2, ssrcs).ok());
}

}  // namespace
}  // namespace dienhong::media
