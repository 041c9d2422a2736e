#include "media/room/subscriber_slots.hpp"

#include <set>

#include <gtest/gtest.h>

namespace dienhong::media {
namespace {

using sdp::MediaKind;
using sdp::SlotState;

ForwardableTrack track(TrackKey key, MediaKind kind, std::string participant) {
  sdp::NegotiatedCodec codec;
  codec.payloadType = kind == MediaKind::Video ? 96 : 111;
  codec.name = kind == MediaKind::Video ? "VP8" : "opus";
  return {key, std::move(participant), kind, {codec}};
}

class SubscriberSlotsTest : public ::testing::Test {
 protected:
  uint32_t next_ = 1000;
  SubscriberSlots slots_{[this] { return next_++; }};
  std::vector<ConsumerKey> released_;
};

TEST_F(SubscriberSlotsTest, NewTracksGetSectionsWithFreshSsrcsAndRtxForVideo) {
  const std::vector<ForwardableTrack> wanted = {track(1, MediaKind::Audio, "pA"), track(2, MediaKind::Video, "pA")};
  EXPECT_TRUE(slots_.update(wanted, released_));
  ASSERT_EQ(slots_.slots().size(), 2u);
  const auto& audio = slots_.slots()[0];
  const auto& video = slots_.slots()[1];
  EXPECT_EQ(audio.sdp.mid, "0");
  EXPECT_EQ(video.sdp.mid, "1");
  EXPECT_EQ(audio.sdp.state, SlotState::Sending);
  EXPECT_FALSE(audio.sdp.rtxSsrc);
  ASSERT_TRUE(video.sdp.rtxSsrc);
  EXPECT_NE(video.sdp.ssrc, *video.sdp.rtxSsrc);
  EXPECT_EQ(video.sdp.streamId, "pA");
  EXPECT_EQ(video.participantId, "pA");
  EXPECT_FALSE(slots_.update(wanted, released_)) << "nothing changed";
}

TEST_F(SubscriberSlotsTest, ALeavingTrackTurnsItsSectionInactiveAndReleasesItsConsumer) {
  slots_.update(std::vector{track(1, MediaKind::Audio, "pA"), track(2, MediaKind::Video, "pA")}, released_);
  slots_.slots()[1].consumer = 77;
  EXPECT_TRUE(slots_.update(std::vector{track(1, MediaKind::Audio, "pA")}, released_));
  EXPECT_EQ(released_, std::vector<ConsumerKey>{77});
  const auto& video = slots_.slots()[1];
  EXPECT_EQ(video.sdp.state, SlotState::Inactive);
  EXPECT_FALSE(video.track);
  EXPECT_FALSE(video.consumer);
  EXPECT_TRUE(video.sdp.streamId.empty());
}

TEST_F(SubscriberSlotsTest, ANewTrackReusesAnInactiveSectionOfItsKindWithTheSameMidAndNewSsrcs) {
  slots_.update(std::vector{track(1, MediaKind::Audio, "pA"), track(2, MediaKind::Video, "pA")}, released_);
  const uint32_t oldSsrc = slots_.slots()[1].sdp.ssrc;
  slots_.update(std::vector<ForwardableTrack>{}, released_);
  EXPECT_TRUE(slots_.update(std::vector{track(5, MediaKind::Video, "pB")}, released_));
  ASSERT_EQ(slots_.slots().size(), 2u) << "no section was added";
  const auto& video = slots_.slots()[1];
  EXPECT_EQ(video.sdp.mid, "1");
  EXPECT_EQ(video.track, 5u);
  EXPECT_EQ(video.participantId, "pB");
  EXPECT_NE(video.sdp.ssrc, oldSsrc);
  EXPECT_EQ(slots_.slots()[0].sdp.state, SlotState::Inactive) << "audio stays free";
}

TEST_F(SubscriberSlotsTest, SsrcsNeverRepeatOnOneConnectionEvenIfTheGeneratorDoes) {
  uint32_t calls = 0;
  SubscriberSlots slots([&calls] { return (calls++ % 2) == 0 ? 5u : 6u + calls; });
  std::vector<ConsumerKey> released;
  slots.update(std::vector{track(1, MediaKind::Video, "pA"), track(2, MediaKind::Video, "pB")}, released);
  std::set<uint32_t> seen;
  for (const auto& slot : slots.slots()) {
    EXPECT_TRUE(seen.insert(slot.sdp.ssrc).second);
    EXPECT_TRUE(seen.insert(*slot.sdp.rtxSsrc).second);
  }
}

TEST_F(SubscriberSlotsTest, FindsSlotsByMid) {
  slots_.update(std::vector{track(1, MediaKind::Audio, "pA")}, released_);
  ASSERT_NE(slots_.byMid("0"), nullptr);
  EXPECT_EQ(slots_.byMid("0")->track, 1u);
  EXPECT_EQ(slots_.byMid("9"), nullptr);
}

}  // namespace
}  // namespace dienhong::media
