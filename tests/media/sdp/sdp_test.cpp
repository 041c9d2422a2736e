#include <gtest/gtest.h>

#include "media/sdp/sdp_parser.hpp"
#include "media/sdp/sdp_writer.hpp"
#include "browser_offers.hpp"

namespace dienhong::media::sdp {
namespace {

using fixtures::kChromeOffer;

TEST(Sdp, G2_ParsesAChromiumPublisherOffer) {
  auto parsed = parse(kChromeOffer);
  ASSERT_TRUE(parsed) << parsed.error().message;
  const SessionDescription& d = parsed.value();
  EXPECT_EQ(d.bundleMids, (std::vector<std::string>{"0", "1"}));
  EXPECT_TRUE(d.extmapAllowMixed);
  ASSERT_EQ(d.media.size(), 2U);

  const MediaSection& audio = d.media[0];
  EXPECT_EQ(audio.kind, MediaKind::Audio);
  EXPECT_EQ(audio.mid, "0");
  EXPECT_EQ(audio.direction, Direction::SendOnly);
  EXPECT_EQ(d.iceUfragOf(audio), "8hhY");
  EXPECT_EQ(d.fingerprintOf(audio)->algorithm, "sha-256");
  EXPECT_EQ(audio.setup, Setup::ActPass);
  EXPECT_TRUE(audio.rtcpMux);
  const Codec* opus = audio.codec(111);
  ASSERT_NE(opus, nullptr);
  EXPECT_EQ(opus->name, "opus");
  EXPECT_EQ(opus->clockRate, 48000U);
  EXPECT_EQ(opus->channels, 2U);
  EXPECT_EQ(opus->fmtp, "minptime=10;useinbandfec=1");
  EXPECT_EQ(opus->feedback, std::vector<std::string>{"transport-cc"});
  EXPECT_EQ(audio.codec(8)->name, "PCMA");
  EXPECT_EQ(audio.ssrcs.at(0).ssrc, 1001U);
  EXPECT_EQ(audio.ssrcs.at(0).value, "abc");

  const MediaSection& video = d.media[1];
  EXPECT_EQ(video.kind, MediaKind::Video);
  EXPECT_TRUE(video.rtcpRsize);
  EXPECT_EQ(video.otherLines, std::vector<std::string>{"b=AS:2500"});
  ASSERT_EQ(video.codecs.size(), 2U);
  EXPECT_EQ(video.codecs[0].feedback.size(), 5U);
  EXPECT_EQ(video.codecs[1].fmtp, "apt=96");
  ASSERT_EQ(video.extmaps.size(), 5U);
  EXPECT_EQ(video.extmaps[2].id, 10);
  EXPECT_EQ(video.extmaps[4].direction, Direction::SendOnly);
  ASSERT_EQ(video.rids.size(), 3U);
  EXPECT_EQ(video.rids[2].params, "max-width=1280;max-height=720");
  ASSERT_TRUE(video.simulcast);
  EXPECT_EQ(video.simulcast->send,
            (std::vector<std::vector<std::string>>{{"q"}, {"h"}, {"~f"}}));
  EXPECT_EQ(video.candidates.size(), 1U);
}

TEST(Sdp, RoundTripLosesNothing) {
  auto first = parse(kChromeOffer);
  ASSERT_TRUE(first);
  const std::string text = serialize(first.value());
  auto second = parse(text);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(first.value(), second.value());
  EXPECT_EQ(serialize(second.value()), text) << "serialisation is stable";
  EXPECT_NE(text.find("a=simulcast:send q;h;~f\r\n"), std::string::npos);
  EXPECT_NE(text.find("a=extmap:2/sendonly http"), std::string::npos);
}

TEST(Sdp, SessionLevelValuesApplyToEverySection) {
  auto parsed = parse(
      "v=0\no=mozilla 1 0 IN IP4 0.0.0.0\ns=-\nt=0 0\n"
      "a=fingerprint:sha-256 AA:BB\na=ice-ufrag:sess\na=ice-pwd:sesspassword\n"
      "m=audio 9 UDP/TLS/RTP/SAVPF 109\na=mid:a\na=rtpmap:109 opus/48000/2\n"
      "m=video 9 UDP/TLS/RTP/SAVPF 120\na=mid:v\na=ice-ufrag:own\n");
  ASSERT_TRUE(parsed) << parsed.error().message;
  const auto& d = parsed.value();
  EXPECT_EQ(d.iceUfragOf(d.media[0]), "sess");
  EXPECT_EQ(d.iceUfragOf(d.media[1]), "own");
  EXPECT_EQ(d.icePwdOf(d.media[1]), "sesspassword");
  EXPECT_EQ(d.fingerprintOf(d.media[1])->value, "AA:BB");
}

void expectError(std::string_view text, std::string_view fragment) {
  auto parsed = parse(text);
  ASSERT_FALSE(parsed) << "accepted: " << text;
  EXPECT_EQ(parsed.error().code, "invalid_sdp");
  EXPECT_NE(parsed.error().message.find(fragment), std::string::npos) << parsed.error().message;
}

TEST(Sdp, S4_1_MalformedInputIsRefusedNamingTheLine) {
  const std::string head = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";
  expectError("", "empty SDP");
  expectError("o=- 1 1 IN IP4 0.0.0.0\r\n", "line 1: SDP must start with v=0");
  expectError(head + "garbage\r\n", "line 5: expected <type>=<value>");
  expectError(head + "m=audio 99999 RTP/AVP 0\r\n", "line 5: port");
  expectError(head + "m=audio\r\n", "line 5: m= needs");
  expectError(head + "m=audio 9 RTP/AVP 0\r\na=rtpmap:300 x/8000\r\n", "line 6: payload type");
  expectError(head + "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n", "line 6: rtpmap must be");
  expectError(head + "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 opus/48000/0\r\n", "channels");
  expectError(head + "m=audio 9 RTP/AVP 0\r\na=fmtp:9\r\n", "line 6: fmtp needs parameters");
  expectError(head + "m=video 9 RTP/AVP 96\r\na=rid:bad<id send\r\n", "rid is not a valid token");
  expectError(head + "m=video 9 RTP/AVP 96\r\na=rid:q sideways\r\n", "send or recv");
  expectError(head + "m=video 9 RTP/AVP 96\r\na=simulcast:send q;;h\r\n", "simulcast rid");
  expectError(head + "m=video 9 RTP/AVP 96\r\na=extmap:0 urn:x\r\n", "extmap id");
  expectError(head + "m=video 9 RTP/AVP 96\r\na=setup:sideways\r\n", "setup must be");
  expectError(head + "m=video 9 RTP/AVP 96\r\na=mid:\r\n", "mid is not a valid token");
  expectError(head + "a=group:BUNDLE 0 b@d\r\n", "BUNDLE mid");
  expectError(head + "s=bell\x07\r\n", "control character");
  expectError(head + "a=x:" + std::string(5000, 'y') + "\r\n", "line too long");
}

TEST(Sdp, S4_1_InputIsBounded) {
  std::string many = "v=0\r\n";
  for (int i = 0; i < 70; ++i) many += "m=audio 9 RTP/AVP 0\r\n";
  expectError(many, "too many media sections");
  expectError("v=0\r\n" + std::string(70 * 1024, 'x'), "larger than");
  std::string candidates = "v=0\r\nm=audio 9 RTP/AVP 0\r\n";
  for (int i = 0; i < 600; ++i) candidates += "a=candidate:1 1 udp 1 127.0.0.1 1 typ host\r\n";
  expectError(candidates, "too many");
}

TEST(Sdp, AnswerShapedDescriptionSerialisesAsBrowsersExpect) {
  SessionDescription d;
  d.iceLite = true;
  d.bundleMids = {"0"};
  MediaSection m;
  m.kind = MediaKind::Audio;
  m.kindName = "audio";
  m.protocol = "UDP/TLS/RTP/SAVPF";
  m.formats = {"111"};
  m.connection = "IN IP4 127.0.0.1";
  m.mid = "0";
  m.direction = Direction::RecvOnly;
  m.iceUfrag = "srv1";
  m.icePwd = "0123456789abcdefghijkl";
  m.fingerprint = Fingerprint{"sha-256", "AA:BB"};
  m.setup = Setup::Passive;
  m.rtcpMux = true;
  m.codecs.push_back({111, "opus", 48000, 2, "minptime=10;useinbandfec=1", {"transport-cc"}});
  d.media.push_back(m);
  const std::string text = serialize(d);
  EXPECT_EQ(text,
            "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\na=ice-lite\r\n"
            "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 127.0.0.1\r\na=mid:0\r\na=recvonly\r\n"
            "a=ice-ufrag:srv1\r\na=ice-pwd:0123456789abcdefghijkl\r\na=fingerprint:sha-256 AA:BB\r\n"
            "a=setup:passive\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n"
            "a=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n");
  auto back = parse(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(back.value(), d);
}

}  // namespace
}  // namespace dienhong::media::sdp
