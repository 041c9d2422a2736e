#include <gtest/gtest.h>

#include <string>

#include "media/sdp/sdp_parser.hpp"
#include "media/sdp/sdp_writer.hpp"
#include "media/sdp/subscriber_offer.hpp"

namespace dienhong::media::sdp {
namespace {

const std::string kOurFingerprint =
    "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";

const NegotiatedCodec kOpus{111, "opus", 48000, 2, "minptime=10;useinbandfec=1", {"transport-cc"}, std::nullopt};
// As a Firefox publisher numbered it: the subscriber offer must use our numbers instead.
const NegotiatedCodec kFirefoxVp8{120, "VP8", 90000, 0, "", {"nack", "nack pli"}, 124};
const NegotiatedCodec kH264Main{108, "H264", 90000, 0,
                                "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f", {}, 109};

SubscriberSlot sending(std::string mid, MediaKind kind, std::string track, uint32_t ssrc,
                       std::optional<uint32_t> rtx, std::vector<NegotiatedCodec> codecs) {
  return {std::move(mid), kind, SlotState::Sending, "alice", std::move(track), ssrc, rtx, std::move(codecs)};
}

SubscriberOfferParams threeTracks() {
  SubscriberOfferParams p;
  p.transport.iceUfrag = "subU";
  p.transport.icePwd = "SubscriberPasswordOf24c";
  p.transport.fingerprintSha256 = kOurFingerprint;
  p.transport.candidates = {{"1", "203.0.113.5", 40000, CandidateProtocol::Udp, 2130706431}};
  p.sessionId = 99;
  p.sessionVersion = 1;
  p.cname = "sfu-cname";
  p.slots = {sending("0", MediaKind::Audio, "alice-mic", 1111, std::nullopt, {kOpus}),
             sending("1", MediaKind::Video, "alice-cam", 2222, 2223, {kFirefoxVp8}),
             sending("2", MediaKind::Video, "alice-screen", 3333, 3334, {kH264Main})};
  return p;
}

SessionDescription reread(const SessionDescription& d) {
  auto back = parse(serialize(d));
  EXPECT_TRUE(back) << back.error().message;
  EXPECT_EQ(back.value(), d) << "offer must round-trip through the parser";
  return back.value();
}

SessionDescription offerFor(const SubscriberOfferParams& p) {
  auto offer = buildSubscriberOffer(p);
  EXPECT_TRUE(offer) << offer.error().message;
  return offer ? reread(offer.value()) : SessionDescription{};
}

// What a browser answers to our offer: recvonly where we send, active DTLS, its own credentials,
// no SSRCs of ours, and every codec it was offered.
SessionDescription browserAnswer(const SessionDescription& offer) {
  SessionDescription a;
  a.origin = "- 555 2 IN IP4 127.0.0.1";
  a.bundleMids = offer.bundleMids;
  for (const auto& o : offer.media) {
    MediaSection m;
    m.kind = o.kind;
    m.kindName = o.kindName;
    m.protocol = o.protocol;
    m.port = o.port == 0 ? 0 : 9;
    m.formats = o.formats;
    m.mid = o.mid;
    if (o.port != 0) {
      m.codecs = o.codecs;
      m.extmaps = o.extmaps;
      m.direction = o.direction == Direction::SendOnly ? Direction::RecvOnly : Direction::Inactive;
      m.iceUfrag = "brwU";
      m.icePwd = "BrowserPasswordIs24Chrs";
      m.fingerprint = Fingerprint{"sha-256", "01:02:03"};
      m.setup = Setup::Active;
      m.rtcpMux = true;
    }
    a.media.push_back(std::move(m));
  }
  return a;
}

TEST(SubscriberOffer, ThreeTracksGetSendonlyBundledSectionsWithOurPayloadTypes) {
  const SessionDescription d = offerFor(threeTracks());
  const std::string text = serialize(d);
  EXPECT_EQ(d.origin, "- 99 1 IN IP4 0.0.0.0");
  EXPECT_TRUE(d.iceLite);
  EXPECT_EQ(d.bundleMids, (std::vector<std::string>{"0", "1", "2"}));
  ASSERT_EQ(d.media.size(), 3U);
  for (const auto& m : d.media) {
    EXPECT_EQ(m.direction, Direction::SendOnly);
    EXPECT_EQ(m.setup, Setup::ActPass);
    EXPECT_EQ(m.iceUfrag, "subU");
    EXPECT_EQ(m.fingerprint, (Fingerprint{"sha-256", kOurFingerprint}));
    EXPECT_TRUE(m.rtcpMux);
    EXPECT_EQ(m.port, 40000);
  }
  const MediaSection& audio = d.media[0];
  EXPECT_EQ(audio.formats, std::vector<std::string>{"111"});
  EXPECT_EQ(audio.msid, "alice alice-mic");
  EXPECT_EQ(audio.ssrcs, (std::vector<SsrcAttribute>{{1111, "cname", "sfu-cname"}, {1111, "msid", "alice alice-mic"}}));
  EXPECT_TRUE(audio.ssrcGroups.empty());
  EXPECT_EQ(audio.extmaps.size(), 4U);

  const MediaSection& cam = d.media[1];
  EXPECT_EQ(cam.formats, (std::vector<std::string>{"96", "97"})) << "Firefox's 120/124 become our 96/97";
  EXPECT_EQ(cam.codecs[0].feedback,
            (std::vector<std::string>{"goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"}));
  EXPECT_EQ(cam.codecs[1], (Codec{97, "rtx", 90000, 0, "apt=96", {}}));
  EXPECT_EQ(cam.ssrcGroups, (std::vector<SsrcGroup>{{"FID", {2222, 2223}}}));
  EXPECT_EQ(cam.ssrcs.size(), 4U);
  EXPECT_EQ(cam.extmaps, (std::vector<Extmap>{{1, std::nullopt, std::string(kMidUri)},
                                              {2, std::nullopt, std::string(kAbsSendTimeUri)},
                                              {3, std::nullopt, std::string(kTransportCcUri)}}))
      << "rid extensions are for receiving simulcast only";
  EXPECT_TRUE(cam.rids.empty());

  const MediaSection& screen = d.media[2];
  EXPECT_EQ(screen.formats, (std::vector<std::string>{"106", "107"})) << "H.264 main has its own pair";
  EXPECT_EQ(screen.codecs[0].fmtp, kH264Main.fmtp);

  for (std::string_view line : {"a=ssrc-group:FID 2222 2223\r\n", "a=ssrc:2223 msid:alice alice-cam\r\n",
                                "a=msid:alice alice-screen\r\n", "a=sendonly\r\n", "a=setup:actpass\r\n",
                                "a=group:BUNDLE 0 1 2\r\n", "a=msid-semantic: WMS *\r\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << "missing " << line;
  }
}

TEST(SubscriberOffer, PayloadTypeTableSeparatesH264Families) {
  const auto caps = MediaCapabilities::defaults();
  auto pt = [&](const char* fmtp) {
    return subscriberPayloadType(caps, MediaKind::Video, {1, "H264", 90000, 0, fmtp, {}, std::nullopt})->payloadType;
  };
  EXPECT_EQ(pt("packetization-mode=1;profile-level-id=42e01f"), 102);
  EXPECT_EQ(pt("packetization-mode=1;profile-level-id=42001f"), 104);
  EXPECT_EQ(pt("packetization-mode=1;profile-level-id=4d001f"), 106);
  EXPECT_FALSE(subscriberPayloadType(caps, MediaKind::Video, {1, "AV1", 90000, 0, "", {}, std::nullopt}));
}

TEST(SubscriberOffer, RenegotiationKeepsSlotsInPlaceAndReusesAnInactiveOne) {
  SubscriberOfferParams p = threeTracks();
  const SessionDescription first = offerFor(p);

  // The camera leaves: its slot goes inactive with the same mid; a second audio track arrives.
  p.sessionVersion = 2;
  p.slots[1] = {"1", MediaKind::Video, SlotState::Inactive, "", "", 0, std::nullopt, {}};
  p.slots.push_back(sending("3", MediaKind::Audio, "bob-mic", 4444, std::nullopt, {kOpus}));
  const SessionDescription second = offerFor(p);
  EXPECT_EQ(second.origin, "- 99 2 IN IP4 0.0.0.0");
  ASSERT_EQ(second.media.size(), 4U);
  for (size_t i = 0; i < first.media.size(); ++i) EXPECT_EQ(second.media[i].mid, first.media[i].mid);
  const MediaSection& freed = second.media[1];
  EXPECT_EQ(freed.direction, Direction::Inactive);
  EXPECT_NE(freed.port, 0) << "inactive, not rejected: the transceiver stays usable";
  EXPECT_FALSE(freed.msid);
  EXPECT_TRUE(freed.ssrcs.empty());
  EXPECT_EQ(freed.formats, std::vector<std::string>{"96"}) << "a placeholder codec keeps the line valid";
  EXPECT_EQ(second.bundleMids, (std::vector<std::string>{"0", "1", "2", "3"}));
  EXPECT_EQ(second.media[3].msid, "alice bob-mic");
  EXPECT_EQ(second.media[0], first.media[0]) << "untouched slots are written identically";

  // A new camera reuses the inactive video slot, same mid, new SSRCs.
  p.sessionVersion = 3;
  p.slots[1] = sending("1", MediaKind::Video, "carol-cam", 5555, 5556, {kFirefoxVp8});
  const SessionDescription third = offerFor(p);
  ASSERT_EQ(third.media.size(), 4U);
  EXPECT_EQ(third.media[1].mid, "1");
  EXPECT_EQ(third.media[1].direction, Direction::SendOnly);
  EXPECT_EQ(third.media[1].msid, "alice carol-cam");
  EXPECT_EQ(third.media[1].ssrcGroups, (std::vector<SsrcGroup>{{"FID", {5555, 5556}}}));

  auto answer = parseSubscriberAnswer(third, browserAnswer(third));
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->slots.size(), 4U);
  EXPECT_TRUE(answer->slots[1].receiving);
}

TEST(SubscriberOffer, StoppedSlotIsRejectedAndRecycledWithANewMidInPlace) {
  SubscriberOfferParams p = threeTracks();
  p.slots[1].state = SlotState::Stopped;
  const SessionDescription stopped = offerFor(p);
  EXPECT_EQ(stopped.media[1].port, 0);
  EXPECT_EQ(stopped.media[1].mid, "1");
  EXPECT_FALSE(stopped.media[1].iceUfrag);
  EXPECT_EQ(stopped.bundleMids, (std::vector<std::string>{"0", "2"}));

  auto answer = parseSubscriberAnswer(stopped, browserAnswer(stopped));
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_FALSE(answer->slots[1].receiving);

  // JSEP §5.2.2: the recycled line gets a new mid and may change kind.
  p.slots[1] = sending("4", MediaKind::Audio, "dave-mic", 6666, std::nullopt, {kOpus});
  const SessionDescription recycled = offerFor(p);
  ASSERT_EQ(recycled.media.size(), 3U);
  EXPECT_EQ(recycled.media[1].mid, "4");
  EXPECT_EQ(recycled.media[1].kind, MediaKind::Audio);
  EXPECT_EQ(recycled.bundleMids, (std::vector<std::string>{"0", "4", "2"}));
}

TEST(SubscriberOffer, InvalidSlotsAreRefused) {
  auto refused = [](SubscriberOfferParams p, const char* why) {
    auto offer = buildSubscriberOffer(p);
    ASSERT_FALSE(offer) << why;
    EXPECT_EQ(offer.error().code, "invalid_argument") << why;
  };
  SubscriberOfferParams p = threeTracks();
  p.slots[2].mid = "1";
  refused(p, "duplicate mid");
  p = threeTracks();
  p.slots[0].ssrc = 0;
  refused(p, "no ssrc");
  p = threeTracks();
  p.slots[1].codecs = {{45, "AV1", 90000, 0, "", {}, std::nullopt}};
  refused(p, "codec we cannot offer");
  p = threeTracks();
  p.slots[0].rtxSsrc = 7;
  refused(p, "rtx on audio");
  p = threeTracks();
  p.transport.icePwd = "short";
  refused(p, "bad transport");
}

TEST(SubscriberAnswer, BrowserAnswerIsAcceptedAndItsTransportReturned) {
  const SessionDescription offer = offerFor(threeTracks());
  auto answer = parseSubscriberAnswer(offer, browserAnswer(offer));
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->remote, (RemoteTransport{"brwU", "BrowserPasswordIs24Chrs", {"sha-256", "01:02:03"}}));
  ASSERT_EQ(answer->slots.size(), 3U);
  EXPECT_EQ(answer->slots[1].mid, "1");
  EXPECT_TRUE(answer->slots[1].receiving);
  EXPECT_EQ(answer->slots[1].payloadTypes, (std::vector<uint8_t>{96, 97}));
  EXPECT_EQ(answer->slots[1].extensions, (NegotiatedExtensions{1, 0, 0, 3, 0, 2}));
  EXPECT_EQ(answer->slots[0].extensions.audioLevel, 4);
}

TEST(SubscriberAnswer, ParsedBrowserTextIsAccepted) {
  SubscriberOfferParams p = threeTracks();
  p.slots.resize(1);
  const SessionDescription offer = offerFor(p);
  auto answerText = parse(
      "v=0\r\no=- 8 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\na=msid-semantic: WMS\r\n"
      "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
      "a=ice-ufrag:Qx1z\r\na=ice-pwd:BrowserPasswordIs24Chrs\r\na=ice-options:trickle\r\n"
      "a=fingerprint:sha-256 0A:0B\r\na=setup:active\r\na=mid:0\r\n"
      "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=extmap:4 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n"
      "a=recvonly\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\n"
      "a=fmtp:111 minptime=10;useinbandfec=1\r\n");
  ASSERT_TRUE(answerText) << answerText.error().message;
  auto answer = parseSubscriberAnswer(offer, answerText.value());
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->remote.iceUfrag, "Qx1z");
  EXPECT_EQ(answer->slots[0].extensions.mid, 1);
  EXPECT_EQ(answer->slots[0].extensions.transportCc, 0) << "the browser dropped it";
}

TEST(SubscriberAnswer, BrowserRejectingOneSectionIsNotAnError) {
  const SessionDescription offer = offerFor(threeTracks());
  SessionDescription a = browserAnswer(offer);
  a.media[2].port = 0;
  a.media[2].formats = {"106"};
  a.bundleMids = {"0", "1"};
  auto answer = parseSubscriberAnswer(offer, a);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_FALSE(answer->slots[2].receiving);
  EXPECT_TRUE(answer->slots[0].receiving);
}

TEST(SubscriberAnswer, AnswersThatDoNotFitTheOfferAreRefused) {
  const SessionDescription offer = offerFor(threeTracks());
  struct Case {
    const char* name;
    void (*mutate)(SessionDescription&);
    const char* code;
  };
  const Case cases[] = {
      {"mids swapped", [](SessionDescription& a) { std::swap(a.media[1].mid, a.media[2].mid); }, "sdp_mismatch"},
      {"line missing", [](SessionDescription& a) { a.media.pop_back(); }, "sdp_mismatch"},
      {"kind changed", [](SessionDescription& a) { a.media[0].kind = MediaKind::Video; }, "sdp_mismatch"},
      {"unoffered pt", [](SessionDescription& a) { a.media[1].formats.push_back("35"); }, "sdp_mismatch"},
      {"sendrecv", [](SessionDescription& a) { a.media[1].direction = Direction::SendRecv; }, "sdp_mismatch"},
      {"unoffered extension", [](SessionDescription& a) { a.media[1].extmaps.push_back({9, std::nullopt, "urn:x"}); },
       "sdp_mismatch"},
      {"outside bundle", [](SessionDescription& a) { a.bundleMids = {"0", "1"}; }, "sdp_mismatch"},
      {"setup passive", [](SessionDescription& a) { a.media[0].setup = Setup::Passive; }, "sdp_unsupported"},
      {"setup actpass", [](SessionDescription& a) { a.media[0].setup = Setup::ActPass; }, "sdp_unsupported"},
      {"no fingerprint", [](SessionDescription& a) { a.media[0].fingerprint.reset(); }, "sdp_unsupported"},
      {"no ice pwd", [](SessionDescription& a) { a.media[0].icePwd.reset(); }, "sdp_unsupported"},
      {"everything rejected",
       [](SessionDescription& a) {
         for (auto& m : a.media) m.port = 0;
         a.bundleMids.clear();
       },
       "sdp_mismatch"},
  };
  for (const auto& c : cases) {
    SessionDescription a = browserAnswer(offer);
    c.mutate(a);
    auto answer = parseSubscriberAnswer(offer, a);
    ASSERT_FALSE(answer) << c.name;
    EXPECT_EQ(answer.error().code, c.code) << c.name << ": " << answer.error().message;
  }
}

TEST(SubscriberAnswer, SessionLevelCredentialsAndMissingSetupAreAccepted) {
  const SessionDescription offer = offerFor(threeTracks());
  SessionDescription a = browserAnswer(offer);
  a.fingerprint = a.media[0].fingerprint;
  a.iceUfrag = "sess";
  a.icePwd = "SessionPasswordIs24Chrs";
  for (auto& m : a.media) {
    m.fingerprint.reset();
    m.iceUfrag.reset();
    m.icePwd.reset();
    m.setup.reset();  // RFC 4145 §4: absent means active
  }
  auto answer = parseSubscriberAnswer(offer, a);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->remote.iceUfrag, "sess");
}

}  // namespace
}  // namespace dienhong::media::sdp
