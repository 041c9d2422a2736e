// MediaRoom on a real worker context (transports, DTLS context, registry), driven the way the
// signalling layer drives it; no sockets: what the room decides is read from its observers,
// answers and statistics.
#include "media/room/media_room.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "media/dtls/dtls_certificate.hpp"
#include "../sdp/browser_offers.hpp"

namespace dienhong::media {
namespace {

using Clock = std::chrono::steady_clock;

struct RecordingObserver final : ParticipantObserver {
  void subscribeOffer(const std::string& sdp, uint64_t version, const std::vector<SubscribedTrack>& t) override {
    offers.push_back({sdp, version, t});
  }
  void dominantSpeaker(const std::optional<std::string>&) override {}
  void removed(std::string_view reason) override { removedReason = std::string(reason); }

  struct Offer {
    std::string sdp;
    uint64_t version;
    std::vector<SubscribedTrack> tracks;
  };
  std::vector<std::string> left;
  std::vector<Offer> offers;
  std::optional<std::string> removedReason;
};

// What a browser answers to the room's subscribe offer: every section received, DTLS client.
std::string browserAnswer(const std::string& offer) {
  std::istringstream in(offer);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("a=ice-lite", 0) == 0 || line.rfind("a=candidate", 0) == 0 || line.rfind("a=ssrc", 0) == 0 ||
        line.rfind("a=msid", 0) == 0) {
      continue;
    }
    if (line.rfind("a=ice-ufrag:", 0) == 0) line = "a=ice-ufrag:brws";
    if (line.rfind("a=ice-pwd:", 0) == 0) line = "a=ice-pwd:browserpasswordbrowserpass";
    if (line.rfind("a=fingerprint:", 0) == 0) {
      line = "a=fingerprint:sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2";
    }
    if (line == "a=setup:actpass") line = "a=setup:active";
    if (line == "a=sendonly") line = "a=recvonly";
    out += line + "\r\n";
  }
  return out;
}

class MediaRoomTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto certificate = DtlsCertificate::generate();
    ASSERT_TRUE(certificate);
    auto dtls = DtlsContext::create(certificate.value());
    ASSERT_TRUE(dtls);
    context_.emplace(registry_, dtls.value(),
                     std::vector<sdp::HostCandidate>{{"1", "127.0.0.1", 40000, sdp::CandidateProtocol::Udp, 1}});
    context_->resumeGrace = std::chrono::seconds(30);
    context_->maxParticipantsPerRoom = 3;
    context_->participantLeft = [this](const std::string& room, const std::string& id, std::string_view reason) {
      EXPECT_EQ(room, "room");
      left_.push_back(id + ":" + std::string(reason));
    };
    room_ = std::make_unique<MediaRoom>("room", *context_);
  }

  std::shared_ptr<RecordingObserver> join(const std::string& id) {
    auto observer = std::make_shared<RecordingObserver>();
    EXPECT_TRUE(room_->join({id, "Name " + id}, observer));
    EXPECT_TRUE(room_->startOffers(id));
    return observer;
  }

  TransportRegistry registry_;
  std::vector<std::string> left_;  // "participant:reason", as the meeting layer hears it
  std::optional<WorkerContext> context_;
  std::unique_ptr<MediaRoom> room_;
};

TEST_F(MediaRoomTest, G1_PublishedTracksAreOfferedToTheOthersAndAnAnswerCreatesConsumers) {
  auto a = join("pA");
  auto b = join("pB");
  auto answer = room_->publish("pA", sdp::fixtures::kChromeOffer);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_NE(answer->find("a=ice-lite"), std::string::npos);
  EXPECT_NE(answer->find("a=candidate:1 1 udp 1 127.0.0.1 40000 typ host"), std::string::npos);
  EXPECT_TRUE(a->offers.empty()) << "nobody else publishes";
  ASSERT_EQ(b->offers.size(), 1u);
  const auto& offer = b->offers[0];
  ASSERT_EQ(offer.tracks.size(), 2u);
  EXPECT_EQ(offer.tracks[0].participantId, "pA");

  ASSERT_TRUE(room_->subscribeAnswer("pB", browserAnswer(offer.sdp), offer.version));
  auto stats = room_->stats("pB", Clock::now());
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->router.consumers.size(), 2u);
  EXPECT_EQ(room_->subscribeAnswer("pB", browserAnswer(offer.sdp), offer.version).error().code, "stale_answer");

  room_->leave("pA", "");
  EXPECT_EQ(left_, std::vector<std::string>{"pA:left"});
  ASSERT_EQ(b->offers.size(), 2u);
  EXPECT_TRUE(b->offers[1].tracks.empty());
  ASSERT_TRUE(room_->subscribeAnswer("pB", browserAnswer(b->offers[1].sdp), b->offers[1].version));
  EXPECT_TRUE(room_->stats("pB", Clock::now())->router.consumers.empty());
}

TEST_F(MediaRoomTest, OneOfferInFlightChangesMeanwhileGoIntoTheNextOffer) {
  auto a = join("pA");
  auto b = join("pB");
  auto c = join("pC");
  ASSERT_TRUE(room_->publish("pA", sdp::fixtures::kChromeOffer));
  ASSERT_EQ(c->offers.size(), 1u);
  ASSERT_TRUE(room_->publish("pB", sdp::fixtures::kChromeOffer));
  EXPECT_EQ(c->offers.size(), 1u) << "the first offer is not answered yet";
  ASSERT_TRUE(room_->subscribeAnswer("pC", browserAnswer(c->offers[0].sdp), c->offers[0].version));
  ASSERT_EQ(c->offers.size(), 2u);
  EXPECT_EQ(c->offers[1].tracks.size(), 4u);
  EXPECT_EQ(c->offers[1].version, c->offers[0].version + 1);
}

// The subscribe answer has two sections per other participant: past 32 of them it outgrew the
// SDP parser's default bounds (64 sections), found by the load generator's 40-endpoint room.
TEST_F(MediaRoomTest, P1_ASubscriberAnswersTheSectionsOfFortyPublishers) {
  context_->maxParticipantsPerRoom = 41;
  auto subscriber = join("sub");
  for (int i = 0; i < 40; ++i) {
    const std::string id = "p" + std::to_string(i);
    join(id);
    ASSERT_TRUE(room_->publish(id, sdp::fixtures::kChromeOffer));
    // Answer whatever offer waits (one in flight; the next carries what changed meanwhile).
    while (!subscriber->offers.empty()) {
      const auto offer = subscriber->offers.back();
      subscriber->offers.clear();
      auto accepted = room_->subscribeAnswer("sub", browserAnswer(offer.sdp), offer.version);
      ASSERT_TRUE(accepted) << accepted.error().message;
    }
  }
  EXPECT_EQ(room_->stats("sub", Clock::now())->router.consumers.size(), 80u);
}

TEST_F(MediaRoomTest, NoOfferReachesANewcomerBeforeItsJoinIsCompleteAtTheSignallingSide) {
  join("pA");
  ASSERT_TRUE(room_->publish("pA", sdp::fixtures::kChromeOffer));
  auto b = std::make_shared<RecordingObserver>();
  ASSERT_TRUE(room_->join({"pB", "B"}, b));
  EXPECT_TRUE(b->offers.empty()) << "its answer would come back before the joined reply left";
  ASSERT_TRUE(room_->startOffers("pB"));
  ASSERT_EQ(b->offers.size(), 1u);
  EXPECT_EQ(b->offers[0].tracks.size(), 2u);
  EXPECT_EQ(room_->startOffers("pZ").error().code, "not_joined");
}

TEST_F(MediaRoomTest, P1_AJoinOverTheLimitIsRefusedAndNobodyNotices) {
  auto a = join("pA");
  join("pB");
  join("pC");
  auto refused = room_->join({"pD", "D"}, std::make_shared<RecordingObserver>());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "room_full");
  EXPECT_EQ(room_->participantCount(), 3u);
  EXPECT_EQ(room_->join({"pA", "A"}, a).error().code, "already_joined");
}

TEST_F(MediaRoomTest, ADetachedParticipantLeavesAfterTheGracePeriodUnlessItResumes) {
  auto a = join("pA");
  auto b = join("pB");
  const auto now = Clock::now();
  room_->detach("pB", a.get(), now);  // not B's connection: ignored
  room_->detach("pB", b.get(), now);
  room_->onTimer(now + std::chrono::seconds(29));
  EXPECT_TRUE(left_.empty());
  auto resumed = std::make_shared<RecordingObserver>();
  ASSERT_TRUE(room_->reattach("pB", resumed));
  room_->onTimer(now + std::chrono::seconds(31));
  EXPECT_TRUE(left_.empty()) << "resumed in time";

  room_->detach("pB", resumed.get(), now + std::chrono::seconds(40));
  room_->onTimer(now + std::chrono::seconds(71));
  EXPECT_EQ(left_, std::vector<std::string>{"pB:resume_timeout"});
  EXPECT_FALSE(room_->contains("pB"));
  EXPECT_EQ(room_->reattach("pB", resumed).error().code, "resume_failed");
}

TEST_F(MediaRoomTest, AResumeTakesTheParticipantFromAConnectionStillAttached) {
  auto a = join("pA");
  auto again = std::make_shared<RecordingObserver>();
  ASSERT_TRUE(room_->reattach("pA", again));
  EXPECT_EQ(a->removedReason, "resumed_elsewhere");
}

TEST_F(MediaRoomTest, APublishOfferWithNewIceCredentialsRestartsIceWithNewServerCredentials) {
  join("pA");
  auto first = room_->publish("pA", sdp::fixtures::kChromeOffer);
  ASSERT_TRUE(first);
  std::string restarted(sdp::fixtures::kChromeOffer);
  for (size_t at = restarted.find("a=ice-ufrag:8hhY"); at != std::string::npos;
       at = restarted.find("a=ice-ufrag:8hhY", at)) {
    restarted.replace(at, 16, "a=ice-ufrag:NEWU");
  }
  auto second = room_->publish("pA", restarted);
  ASSERT_TRUE(second) << second.error().message;
  const auto ufrag = [](const std::string& sdp) {
    const auto at = sdp.find("a=ice-ufrag:");
    return sdp.substr(at, sdp.find('\r', at) - at);
  };
  EXPECT_NE(ufrag(*first), ufrag(*second));
}

TEST_F(MediaRoomTest, S4_1_BadSdpIsRefusedWithACodeAndChangesNothing) {
  auto a = join("pA");
  auto b = join("pB");
  EXPECT_EQ(room_->publish("pA", "v=0\r\ngarbage").error().code, "invalid_sdp");
  EXPECT_EQ(room_->publish("nobody", sdp::fixtures::kChromeOffer).error().code, "not_joined");
  EXPECT_TRUE(b->offers.empty());
  EXPECT_EQ(room_->subscribeAnswer("pB", "v=0", 1).error().code, "stale_answer");
}

}  // namespace
}  // namespace dienhong::media
