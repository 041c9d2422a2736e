#include <gtest/gtest.h>

#include <string>

#include "media/sdp/answer_builder.hpp"
#include "media/sdp/sdp_parser.hpp"
#include "media/sdp/sdp_writer.hpp"
#include "browser_offers.hpp"

namespace dienhong::media::sdp {
namespace {

using fixtures::kChromeOffer;
using fixtures::kFirefoxOffer;
using fixtures::kSafariOffer;

const std::string kOurFingerprint =
    "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";

AnswerParams params(MediaCapabilities caps = MediaCapabilities::defaults()) {
  AnswerParams p;
  p.transport.iceUfrag = "srvU";
  p.transport.icePwd = "ServerPasswordOf24Chars";
  p.transport.fingerprintSha256 = kOurFingerprint;
  p.transport.candidates = {
      {"1", "203.0.113.5", 40000, CandidateProtocol::Udp, 2130706431},
      {"2", "203.0.113.5", 443, CandidateProtocol::TcpPassive, 1694498815},
      {"3", "2001:db8::5", 40000, CandidateProtocol::Udp, 2130706175},
  };
  p.capabilities = std::move(caps);
  p.sessionId = 4242;
  p.sessionVersion = 7;
  return p;
}

SessionDescription parsed(std::string_view text) {
  auto d = parse(text);
  EXPECT_TRUE(d) << d.error().message;
  return d ? d.value() : SessionDescription{};
}

// Builds the answer and returns it as the browser will read it: serialised, then parsed again.
struct Built {
  Answer answer;
  std::string text;
  SessionDescription reread;
};

Built answerTo(std::string_view offerText, const AnswerParams& p = params()) {
  auto answer = buildAnswer(parsed(offerText), p);
  EXPECT_TRUE(answer) << answer.error().code << ": " << answer.error().message;
  if (!answer) return {};
  Built built{answer.value(), serialize(answer.value().description), {}};
  built.reread = parsed(built.text);
  EXPECT_EQ(built.reread, built.answer.description) << "answer must round-trip through the parser";
  return built;
}

bool contains(const std::string& text, std::string_view line) { return text.find(line) != std::string::npos; }

TEST(AnswerBuilder, ChromiumOfferGetsAnIceLitePassiveBundledAnswer) {
  const Built b = answerTo(kChromeOffer);
  const SessionDescription& d = b.reread;
  EXPECT_EQ(d.origin, "- 4242 7 IN IP4 0.0.0.0");
  EXPECT_TRUE(d.iceLite);
  EXPECT_TRUE(d.extmapAllowMixed);
  EXPECT_EQ(d.bundleMids, (std::vector<std::string>{"0", "1"}));
  ASSERT_EQ(d.media.size(), 2U);
  for (const auto& m : d.media) {
    EXPECT_EQ(m.port, 40000);
    EXPECT_EQ(m.connection, "IN IP4 203.0.113.5");
    EXPECT_EQ(m.protocol, "UDP/TLS/RTP/SAVPF");
    EXPECT_EQ(m.direction, Direction::RecvOnly);
    EXPECT_EQ(m.iceUfrag, "srvU");
    EXPECT_EQ(m.icePwd, "ServerPasswordOf24Chars");
    EXPECT_EQ(m.fingerprint, (Fingerprint{"sha-256", kOurFingerprint}));
    EXPECT_EQ(m.setup, Setup::Passive);
    EXPECT_TRUE(m.rtcpMux);
    EXPECT_FALSE(m.msid);
    EXPECT_TRUE(m.ssrcs.empty());
    EXPECT_EQ(m.candidates, (std::vector<std::string>{
                                "1 1 udp 2130706431 203.0.113.5 40000 typ host",
                                "2 1 tcp 1694498815 203.0.113.5 443 typ host tcptype passive",
                                "3 1 udp 2130706175 2001:db8::5 40000 typ host"}));
  }

  const MediaSection& audio = d.media[0];
  EXPECT_EQ(audio.mid, "0");
  EXPECT_EQ(audio.formats, std::vector<std::string>{"111"}) << "G.711 is opt-in";
  ASSERT_EQ(audio.codecs.size(), 1U);
  EXPECT_EQ(audio.codecs[0], (Codec{111, "opus", 48000, 2, "minptime=10;useinbandfec=1", {"transport-cc"}}));
  EXPECT_EQ(audio.extmaps, (std::vector<Extmap>{
                               {1, std::nullopt, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"},
                               {3, std::nullopt, std::string(kTransportCcUri)}}));
  EXPECT_FALSE(audio.rtcpRsize) << "not offered for audio, not answered";

  const MediaSection& video = d.media[1];
  EXPECT_EQ(video.formats, (std::vector<std::string>{"96", "97"}));
  EXPECT_EQ(video.codecs[0].feedback,
            (std::vector<std::string>{"goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"}));
  EXPECT_EQ(video.codecs[1], (Codec{97, "rtx", 90000, 0, "apt=96", {}}));
  EXPECT_TRUE(video.rtcpRsize);
  EXPECT_EQ(video.extmaps, (std::vector<Extmap>{
                               {3, std::nullopt, std::string(kTransportCcUri)},
                               {4, std::nullopt, std::string(kMidUri)},
                               {10, std::nullopt, std::string(kRidUri)},
                               {11, std::nullopt, std::string(kRepairedRidUri)},
                               {2, Direction::RecvOnly, std::string(kAbsSendTimeUri)}}));
  EXPECT_EQ(video.rids, (std::vector<Rid>{{"q", Direction::RecvOnly, ""},
                                          {"h", Direction::RecvOnly, ""},
                                          {"f", Direction::RecvOnly, ""}}));
  ASSERT_TRUE(video.simulcast);
  EXPECT_EQ(video.simulcast->recv, (std::vector<std::vector<std::string>>{{"q"}, {"h"}, {"f"}}));
  EXPECT_TRUE(video.simulcast->send.empty());
}

TEST(AnswerBuilder, SerialisedAnswerHasTheLinesBrowsersLookFor) {
  const Built b = answerTo(kChromeOffer);
  for (std::string_view line : {
           "a=group:BUNDLE 0 1\r\n", "a=ice-lite\r\n", "a=extmap-allow-mixed\r\n",
           "m=audio 40000 UDP/TLS/RTP/SAVPF 111\r\n", "m=video 40000 UDP/TLS/RTP/SAVPF 96 97\r\n",
           "a=setup:passive\r\n", "a=recvonly\r\n", "a=rtcp-mux\r\n", "a=end-of-candidates\r\n",
           "a=candidate:2 1 tcp 1694498815 203.0.113.5 443 typ host tcptype passive\r\n",
           "a=extmap:2/recvonly http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n",
           "a=fmtp:97 apt=96\r\n", "a=rid:f recv\r\n", "a=simulcast:recv q;h;f\r\n"}) {
    EXPECT_TRUE(contains(b.text, line)) << "missing " << line << " in\n" << b.text;
  }
  EXPECT_FALSE(contains(b.text, "PCMU"));
  EXPECT_FALSE(contains(b.text, "a=sendonly"));
  EXPECT_FALSE(contains(b.text, "actpass"));
  EXPECT_FALSE(contains(b.text, "max-width")) << "rid restrictions are not echoed";
  // ice-lite is a session-level attribute (RFC 8839 §5.3): before the first m= line.
  EXPECT_LT(b.text.find("a=ice-lite"), b.text.find("m=audio"));
}

TEST(AnswerBuilder, ChromiumOfferSummaryTellsTheRouterEverything) {
  const Built b = answerTo(kChromeOffer);
  EXPECT_EQ(b.answer.remote,
            (RemoteTransport{"8hhY", "asd88fgpdd777uzjYhagZg5s",
                             {"sha-256", "19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2"}}));
  ASSERT_EQ(b.answer.media.size(), 2U);
  const NegotiatedMedia& audio = b.answer.media[0];
  EXPECT_EQ(audio.mid, "0");
  EXPECT_EQ(audio.kind, MediaKind::Audio);
  EXPECT_EQ(audio.mlineIndex, 0U);
  EXPECT_EQ(audio.direction, Direction::RecvOnly);
  EXPECT_EQ(audio.codecs, (std::vector<NegotiatedCodec>{
                              {111, "opus", 48000, 2, "minptime=10;useinbandfec=1", {"transport-cc"}, std::nullopt}}));
  EXPECT_EQ(audio.extensions, (NegotiatedExtensions{0, 0, 0, 3, 1, 0}));
  EXPECT_EQ(audio.ssrcs, std::vector<uint32_t>{1001});
  EXPECT_EQ(audio.cname, "abc");
  EXPECT_EQ(audio.msid, "stream audio-track");
  EXPECT_TRUE(audio.simulcast.empty());

  const NegotiatedMedia& video = b.answer.media[1];
  EXPECT_EQ(video.mid, "1");
  EXPECT_EQ(video.mlineIndex, 1U);
  ASSERT_EQ(video.codecs.size(), 1U);
  EXPECT_EQ(video.codecs[0].name, "VP8");
  EXPECT_EQ(video.codecs[0].payloadType, 96);
  EXPECT_EQ(video.codecs[0].rtxPayloadType, 97);
  EXPECT_EQ(video.extensions, (NegotiatedExtensions{4, 10, 11, 3, 0, 2}));
  EXPECT_EQ(video.simulcast, (std::vector<SimulcastLayer>{
                                 {"q", false, ""}, {"h", false, ""}, {"f", true, "max-width=1280;max-height=720"}}));
  EXPECT_TRUE(video.ssrcs.empty()) << "Chromium relies on rid, not SSRCs";
  EXPECT_TRUE(video.rtcpRsize);
}

TEST(AnswerBuilder, G711IsAnsweredOnlyWhenEnabledAndAfterOpus) {
  const Built b = answerTo(kChromeOffer, params(MediaCapabilities::defaults(true)));
  EXPECT_EQ(b.reread.media[0].formats, (std::vector<std::string>{"111", "0", "8"}));
  EXPECT_EQ(b.reread.media[0].codecs[1], (Codec{0, "PCMU", 8000, 0, "", {}}));
  EXPECT_EQ(b.answer.media[0].codecs.size(), 3U);
}

TEST(AnswerBuilder, FirefoxOfferWithSessionFingerprintSsrcsAndRidSimulcast) {
  const Built b = answerTo(kFirefoxOffer);
  const SessionDescription& d = b.reread;
  EXPECT_EQ(d.bundleMids, (std::vector<std::string>{"0", "1"}));
  EXPECT_FALSE(d.extmapAllowMixed) << "not offered, not answered";
  EXPECT_EQ(b.answer.remote.fingerprint.value,
            "4A:1C:3B:0F:72:8D:9E:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99")
      << "session-level fingerprint applies to the BUNDLE tag";
  EXPECT_EQ(b.answer.remote.iceUfrag, "ff01ab23");

  const MediaSection& audio = d.media[0];
  EXPECT_EQ(audio.formats, std::vector<std::string>{"109"});
  EXPECT_EQ(audio.codecs[0], (Codec{109, "opus", 48000, 2, "minptime=10;useinbandfec=1", {}}))
      << "our fmtp, and no transport-cc feedback because Firefox offered none";
  EXPECT_EQ(audio.extmaps, (std::vector<Extmap>{{1, std::nullopt, std::string(kAudioLevelUri)},
                                                {3, std::nullopt, std::string(kMidUri)}}));

  const MediaSection& video = d.media[1];
  // Our preference (VP8, H.264, VP9), the offer's numbers, rtx right after its codec; H.264 with
  // packetization-mode 0 (97) is not answered.
  EXPECT_EQ(video.formats, (std::vector<std::string>{"120", "124", "126", "127", "121", "125"}));
  EXPECT_EQ(video.codecs[0].fmtp, "") << "VP8 max-fs/max-fr describe the receiver: ours has none";
  EXPECT_EQ(video.codecs[2].fmtp, "profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1");
  EXPECT_EQ(video.codecs[3].fmtp, "apt=126");
  EXPECT_EQ(video.codecs[2].feedback,
            (std::vector<std::string>{"goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"}));
  EXPECT_EQ(video.extmaps.size(), 5U) << "toffset and playout-delay are not answered";
  EXPECT_EQ(video.simulcast->recv, (std::vector<std::vector<std::string>>{{"a"}, {"b"}, {"c"}}));

  const NegotiatedMedia& v = b.answer.media[1];
  EXPECT_EQ(v.extensions, (NegotiatedExtensions{3, 8, 9, 7, 0, 4}));
  ASSERT_EQ(v.codecs.size(), 3U);
  EXPECT_EQ(v.codecs[1].name, "H264");
  EXPECT_EQ(v.codecs[1].payloadType, 126);
  EXPECT_EQ(v.codecs[1].rtxPayloadType, 127);
  EXPECT_EQ(v.codecs[2].name, "VP9");
  EXPECT_EQ(v.codecs[2].rtxPayloadType, 125);
  EXPECT_EQ(v.ssrcs.size(), 6U);
  EXPECT_EQ(v.ssrcs.front(), 1480427391U);
  ASSERT_EQ(v.ssrcGroups.size(), 3U);
  EXPECT_EQ(v.ssrcGroups[1], (SsrcGroup{"FID", {3011102235U, 1227101467U}}));
  EXPECT_EQ(v.cname, "{c0ffee00-cname}");
  EXPECT_EQ(v.msid, "{5f0b1c2d-stream} {9b0c1d2e-video}");
  EXPECT_EQ(v.simulcast.size(), 3U);
}

TEST(AnswerBuilder, SafariOfferPrefersOurCodecOrderAndRejectsTheDataChannel) {
  const Built b = answerTo(kSafariOffer);
  const SessionDescription& d = b.reread;
  ASSERT_EQ(d.media.size(), 3U) << "every offered m= line is answered (JSEP §5.3.1)";
  EXPECT_EQ(d.bundleMids, (std::vector<std::string>{"0", "1"}));

  EXPECT_EQ(d.media[0].direction, Direction::RecvOnly) << "sendrecv offer: the SFU only receives";
  EXPECT_EQ(d.media[0].formats, std::vector<std::string>{"111"}) << "red, G.722, CN, DTMF are not answered";

  const MediaSection& video = d.media[1];
  // VP8 first although Safari lists H.264 first; High profile (640c1f) is not forwarded.
  EXPECT_EQ(video.formats, (std::vector<std::string>{"100", "101", "98", "99"}));
  EXPECT_EQ(video.codecs[2].fmtp, "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f");
  EXPECT_FALSE(video.simulcast);
  EXPECT_TRUE(video.rids.empty());

  const MediaSection& data = d.media[2];
  EXPECT_EQ(data.port, 0);
  EXPECT_EQ(data.kindName, "application");
  EXPECT_EQ(data.protocol, "UDP/DTLS/SCTP");
  EXPECT_EQ(data.formats, std::vector<std::string>{"webrtc-datachannel"});
  EXPECT_EQ(data.mid, "2");
  EXPECT_FALSE(data.iceUfrag);
  EXPECT_TRUE(data.candidates.empty());
  EXPECT_TRUE(contains(b.text, "m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n"));

  ASSERT_EQ(b.answer.media.size(), 2U) << "rejected lines are not in the router summary";
  const NegotiatedMedia& v = b.answer.media[1];
  EXPECT_EQ(v.ssrcs, (std::vector<uint32_t>{1122334455U, 1122334456U}));
  EXPECT_EQ(v.ssrcGroups, (std::vector<SsrcGroup>{{"FID", {1122334455U, 1122334456U}}}));
  EXPECT_EQ(v.msid, "safari-stream safari-video");
  EXPECT_EQ(v.extensions, (NegotiatedExtensions{4, 0, 0, 3, 0, 2}));
}

// A minimal offer: session head plus sections given by the test.
std::string offerWith(std::string_view bundle, std::string_view sections, std::string_view session = "") {
  return std::string("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n") + std::string(bundle) +
         std::string(session) + std::string(sections);
}

constexpr std::string_view kTransport =
    "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789abcdefghijkl\r\n"
    "a=fingerprint:sha-256 01:02:03\r\na=setup:actpass\r\na=rtcp-mux\r\n";

std::string audioSection(std::string_view mid, std::string_view extra = "a=sendonly\r\n") {
  return "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:" + std::string(mid) + "\r\n" +
         std::string(kTransport) + std::string(extra) + "a=rtpmap:111 opus/48000/2\r\n";
}

TEST(AnswerBuilder, VideoWithOnlyAv1IsRejectedNotAnError) {
  const std::string offer = offerWith(
      "a=group:BUNDLE a v\r\n",
      audioSection("a") +
          "m=video 9 UDP/TLS/RTP/SAVPF 45 46\r\nc=IN IP4 0.0.0.0\r\na=mid:v\r\n" + std::string(kTransport) +
          "a=sendonly\r\na=rtpmap:45 AV1/90000\r\na=rtpmap:46 rtx/90000\r\na=fmtp:46 apt=45\r\n");
  const Built b = answerTo(offer);
  ASSERT_EQ(b.reread.media.size(), 2U);
  EXPECT_EQ(b.reread.media[1].port, 0);
  EXPECT_EQ(b.reread.media[1].formats, std::vector<std::string>{"45"});
  EXPECT_EQ(b.reread.media[1].mid, "v");
  EXPECT_TRUE(b.reread.media[1].codecs.empty());
  EXPECT_EQ(b.reread.bundleMids, std::vector<std::string>{"a"});
  ASSERT_EQ(b.answer.media.size(), 1U);
  EXPECT_EQ(b.answer.media[0].mid, "a");
}

TEST(AnswerBuilder, PayloadTypesAreNeverRenumbered) {
  const std::string offer = offerWith(
      "a=group:BUNDLE v\r\n",
      "m=video 9 UDP/TLS/RTP/SAVPF 35 36\r\nc=IN IP4 0.0.0.0\r\na=mid:v\r\n" + std::string(kTransport) +
          "a=rtpmap:35 vp8/90000\r\na=rtpmap:36 RTX/90000\r\na=fmtp:36 apt=35\r\n");
  const Built b = answerTo(offer);
  EXPECT_EQ(b.reread.media[0].formats, (std::vector<std::string>{"35", "36"}));
  EXPECT_EQ(b.reread.media[0].codecs[0].name, "vp8") << "the offer's spelling is kept";
  EXPECT_EQ(b.answer.media[0].codecs[0].rtxPayloadType, 36);
  EXPECT_EQ(b.reread.media[0].direction, Direction::RecvOnly) << "no direction means sendrecv";
}

TEST(AnswerBuilder, DirectionFollowsJsepWithTheSfuReceivingOnly) {
  const std::string offer = offerWith("a=group:BUNDLE s r i sr\r\n",
                                      audioSection("s", "a=sendonly\r\n") + audioSection("r", "a=recvonly\r\n") +
                                          audioSection("i", "a=inactive\r\n") + audioSection("sr", "a=sendrecv\r\n"));
  const Built b = answerTo(offer);
  ASSERT_EQ(b.reread.media.size(), 4U);
  EXPECT_EQ(b.reread.media[0].direction, Direction::RecvOnly);
  EXPECT_EQ(b.reread.media[1].direction, Direction::Inactive);
  EXPECT_EQ(b.reread.media[2].direction, Direction::Inactive);
  EXPECT_EQ(b.reread.media[3].direction, Direction::RecvOnly);
  EXPECT_EQ(b.answer.media[1].direction, Direction::Inactive);
  EXPECT_EQ(b.reread.bundleMids.size(), 4U) << "inactive sections stay bundled";
}

TEST(AnswerBuilder, SectionsTheOffererRejectedOrLeftOutOfBundleAreRejected) {
  std::string rejected = audioSection("z");
  rejected.replace(rejected.find(" 9 "), 3, " 0 ");
  const std::string offer = offerWith("a=group:BUNDLE a z\r\n", audioSection("a") + rejected + audioSection("alone"));
  const Built b = answerTo(offer);
  ASSERT_EQ(b.reread.media.size(), 3U);
  EXPECT_NE(b.reread.media[0].port, 0);
  EXPECT_EQ(b.reread.media[1].port, 0);
  EXPECT_EQ(b.reread.media[2].port, 0) << "the SFU runs one transport, so unbundled media is refused";
  EXPECT_EQ(b.reread.bundleMids, std::vector<std::string>{"a"});
}

TEST(AnswerBuilder, SimulcastNeedsTheRidExtension) {
  const std::string offer = offerWith(
      "a=group:BUNDLE v\r\n",
      "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:v\r\n" + std::string(kTransport) +
          "a=sendonly\r\na=rtpmap:96 VP8/90000\r\na=rid:lo send\r\na=rid:hi send\r\na=simulcast:send lo;hi\r\n");
  const Built b = answerTo(offer);
  EXPECT_FALSE(b.reread.media[0].simulcast);
  EXPECT_TRUE(b.reread.media[0].rids.empty());
  EXPECT_TRUE(b.answer.media[0].simulcast.empty());
}

TEST(AnswerBuilder, SimulcastKeepsTheFirstDeclaredAlternativeOfEachStream) {
  const std::string offer = offerWith(
      "a=group:BUNDLE v\r\n",
      "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:v\r\n" + std::string(kTransport) +
          "a=extmap:5 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n"
          "a=sendonly\r\na=rtpmap:96 VP8/90000\r\na=rid:1 send\r\na=rid:2 send\r\na=rid:3 send\r\n"
          "a=simulcast:send x,1;~2;3\r\n");
  const Built b = answerTo(offer);
  EXPECT_EQ(b.reread.media[0].simulcast->recv, (std::vector<std::vector<std::string>>{{"1"}, {"2"}, {"3"}}))
      << "'x' has no a=rid line; '~' is not echoed";
  EXPECT_EQ(b.answer.media[0].simulcast,
            (std::vector<SimulcastLayer>{{"1", false, ""}, {"2", true, ""}, {"3", false, ""}}));
  EXPECT_EQ(b.answer.media[0].extensions.rid, 5);
}

struct ErrorCase {
  const char* name;
  std::string offer;
  const char* code;
  const char* fragment;
};

TEST(AnswerBuilder, OffersNoAnswerCanServeAreRefusedWithACode) {
  std::string noMux = audioSection("a");
  noMux.erase(noMux.find("a=rtcp-mux\r\n"), 12);
  std::string passive = audioSection("a");
  passive.replace(passive.find("actpass"), 7, "passive");
  std::string noPwd = audioSection("a");
  noPwd.erase(noPwd.find("a=ice-pwd:"), std::string("a=ice-pwd:0123456789abcdefghijkl\r\n").size());
  std::string noFingerprint = audioSection("a");
  noFingerprint.erase(noFingerprint.find("a=fingerprint:"), std::string("a=fingerprint:sha-256 01:02:03\r\n").size());
  std::string md5 = audioSection("a");
  md5.replace(md5.find("sha-256"), 7, "md5");
  std::string noMid = audioSection("a");
  noMid.erase(noMid.find("a=mid:a\r\n"), 9);

  const std::vector<ErrorCase> cases = {
      {"no bundle", offerWith("", audioSection("a")), "sdp_unsupported", "BUNDLE"},
      {"no rtcp-mux", offerWith("a=group:BUNDLE a\r\n", noMux), "sdp_unsupported", "rtcp-mux"},
      {"setup passive", offerWith("a=group:BUNDLE a\r\n", passive), "sdp_unsupported", "setup:passive"},
      {"no ice pwd", offerWith("a=group:BUNDLE a\r\n", noPwd), "sdp_unsupported", "ICE"},
      {"no fingerprint", offerWith("a=group:BUNDLE a\r\n", noFingerprint), "sdp_unsupported", "fingerprint"},
      {"md5 fingerprint", offerWith("a=group:BUNDLE a\r\n", md5), "sdp_unsupported", "md5"},
      {"ice-lite browser", offerWith("a=group:BUNDLE a\r\n", audioSection("a"), "a=ice-lite\r\n"), "sdp_unsupported",
       "ice-lite"},
      {"no mid", offerWith("a=group:BUNDLE a\r\n", noMid), "sdp_unsupported", "no a=mid"},
      {"duplicate mid", offerWith("a=group:BUNDLE a\r\n", audioSection("a") + audioSection("a")), "invalid_sdp",
       "used twice"},
      {"bundle names unknown mid", offerWith("a=group:BUNDLE b a\r\n", audioSection("a")), "invalid_sdp", "'b'"},
      {"no m= lines", offerWith("a=group:BUNDLE a\r\n", ""), "sdp_unsupported", "no m= sections"},
  };
  for (const auto& c : cases) {
    auto answer = buildAnswer(parsed(c.offer), params());
    ASSERT_FALSE(answer) << c.name;
    EXPECT_EQ(answer.error().code, c.code) << c.name;
    EXPECT_NE(answer.error().message.find(c.fragment), std::string::npos) << c.name << ": " << answer.error().message;
  }
}

TEST(AnswerBuilder, RtcpMuxIsNotRequiredOnSectionsWeRejectAnyway) {
  std::string data = "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:d\r\n";
  const Built b = answerTo(offerWith("a=group:BUNDLE a d\r\n", audioSection("a") + data));
  EXPECT_EQ(b.reread.media[1].port, 0);
}

TEST(AnswerBuilder, SetupActiveOrAbsentStillMakesUsPassive) {
  std::string active = audioSection("a");
  active.replace(active.find("actpass"), 7, "active");
  std::string absent = audioSection("a");
  absent.erase(absent.find("a=setup:actpass\r\n"), 17);
  for (const auto& section : {active, absent}) {
    const Built b = answerTo(offerWith("a=group:BUNDLE a\r\n", section));
    ASSERT_EQ(b.reread.media.size(), 1U);
    EXPECT_EQ(b.reread.media[0].setup, Setup::Passive);
  }
}

TEST(AnswerBuilder, BadLocalTransportIsAProgrammingErrorReportedAsInvalidArgument) {
  AnswerParams p = params();
  p.transport.icePwd = "short";
  auto answer = buildAnswer(parsed(kChromeOffer), p);
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, "invalid_argument");
  p = params();
  p.transport.fingerprintSha256 = "AA:BB";
  EXPECT_FALSE(buildAnswer(parsed(kChromeOffer), p));
}

TEST(AnswerBuilder, WithoutUdpCandidatesTheDefaultDestinationIsTheNullAddress) {
  AnswerParams p = params();
  p.transport.candidates = {{"2", "203.0.113.5", 443, CandidateProtocol::TcpPassive, 1}};
  const Built b = answerTo(kChromeOffer, p);
  EXPECT_EQ(b.reread.media[0].port, 9);
  EXPECT_EQ(b.reread.media[0].connection, "IN IP4 0.0.0.0");
  p.transport.candidates = {{"1", "2001:db8::1", 5000, CandidateProtocol::Udp, 1}};
  EXPECT_EQ(answerTo(kChromeOffer, p).reread.media[0].connection, "IN IP6 2001:db8::1");
}

TEST(MediaCapabilities, H264ProfilesFollowRfc6184) {
  EXPECT_EQ(h264Profile("profile-level-id=42e01f;packetization-mode=1"), H264Profile::ConstrainedBaseline);
  EXPECT_EQ(h264Profile("profile-level-id=42001f"), H264Profile::Baseline);
  EXPECT_EQ(h264Profile("profile-level-id=4d001f"), H264Profile::Main);
  EXPECT_EQ(h264Profile("profile-level-id=4D801F"), H264Profile::ConstrainedBaseline);
  EXPECT_EQ(h264Profile("profile-level-id=640c1f"), H264Profile::Other);
  EXPECT_EQ(h264Profile("profile-level-id=f4001f"), H264Profile::Other);
  EXPECT_EQ(h264Profile("packetization-mode=1"), H264Profile::Baseline) << "default 42000a";
  EXPECT_EQ(h264Profile("profile-level-id=42e0"), H264Profile::Other);
  EXPECT_EQ(h264Profile("profile-level-id=zz001f"), H264Profile::Other);
}

TEST(MediaCapabilities, CodecMatchingRules) {
  const auto caps = MediaCapabilities::defaults();
  auto matches = [&](MediaKind kind, Codec c) { return matchCodec(caps, kind, c).has_value(); };
  EXPECT_TRUE(matches(MediaKind::Audio, {111, "OPUS", 48000, 2, "", {}}));
  EXPECT_FALSE(matches(MediaKind::Audio, {111, "opus", 48000, 1, "", {}})) << "RFC 7587: always /2";
  EXPECT_FALSE(matches(MediaKind::Audio, {0, "PCMU", 8000, 0, "", {}})) << "G.711 is opt-in";
  EXPECT_FALSE(matches(MediaKind::Video, {111, "opus", 48000, 2, "", {}})) << "kind must match";
  EXPECT_TRUE(matches(MediaKind::Video, {102, "H264", 90000, 0, "profile-level-id=42001f;packetization-mode=1", {}}));
  EXPECT_FALSE(matches(MediaKind::Video, {102, "H264", 90000, 0, "profile-level-id=42001f;packetization-mode=0", {}}));
  EXPECT_FALSE(matches(MediaKind::Video, {102, "H264", 90000, 0, "profile-level-id=42001f", {}}));
  EXPECT_TRUE(matches(MediaKind::Video, {98, "VP9", 90000, 0, "profile-id=0", {}}));
  EXPECT_FALSE(matches(MediaKind::Video, {100, "VP9", 90000, 0, "profile-id=2", {}}));
  EXPECT_FALSE(matches(MediaKind::Video, {96, "VP8", 8000, 0, "", {}})) << "clock rate must match";
  EXPECT_EQ(fmtpParameter("a=1; apt=96", "APT"), "96");
  EXPECT_FALSE(fmtpParameter("apt", "apt"));
}

TEST(MediaCapabilities, H264PrefersConstrainedBaselineAmongChromiumVariants) {
  const std::string offer = offerWith(
      "a=group:BUNDLE v\r\n",
      "m=video 9 UDP/TLS/RTP/SAVPF 102 103 104 105 106 107 108\r\nc=IN IP4 0.0.0.0\r\na=mid:v\r\n" +
          std::string(kTransport) +
          "a=rtpmap:102 H264/90000\r\na=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f\r\n"
          "a=rtpmap:103 rtx/90000\r\na=fmtp:103 apt=102\r\n"
          "a=rtpmap:104 H264/90000\r\na=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f\r\n"
          "a=rtpmap:105 rtx/90000\r\na=fmtp:105 apt=104\r\n"
          "a=rtpmap:106 H264/90000\r\na=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n"
          "a=rtpmap:107 rtx/90000\r\na=fmtp:107 apt=106\r\n"
          "a=rtpmap:108 H264/90000\r\na=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f\r\n");
  const Built b = answerTo(offer);
  EXPECT_EQ(b.reread.media[0].formats, (std::vector<std::string>{"106", "107"}));
}

}  // namespace
}  // namespace dienhong::media::sdp
