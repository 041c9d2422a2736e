// What the load generator reads from a server's SDP decides whether it connects at all: its DTLS
// role, its ICE role (controlled only toward a full-ICE offerer such as Janus's subscriber
// connections) and the candidate it checks.
#include "loadgen/client_sdp.hpp"

#include <gtest/gtest.h>

#include "media/sdp/sdp_parser.hpp"

namespace dienhong::loadgen {
namespace {

namespace sdp = media::sdp;

std::string description(bool iceLite, std::string_view setup, std::string_view candidates) {
  std::string text = "v=0\r\no=- 1 1 IN IP4 10.201.0.2\r\ns=-\r\nt=0 0\r\n";
  if (iceLite) text += "a=ice-lite\r\n";
  text += "a=group:BUNDLE 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 10.201.0.2\r\na=mid:0\r\n"
          "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789abcdefghijkl\r\n"
          "a=fingerprint:sha-256 "
          "49:2F:CF:7A:A0:D5:6C:02:C3:9A:32:D7:7E:24:3B:E3:3E:7E:0A:B5:AF:C7:38:4B:A5:F5:5C:E1:06:1E:D0:53\r\n";
  text += "a=setup:" + std::string(setup) + "\r\na=sendonly\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n";
  text += std::string(candidates);
  return text;
}

sdp::SessionDescription parsed(const std::string& text) {
  auto d = sdp::parse(text);
  EXPECT_TRUE(d) << (d ? "" : d.error().message);
  return d ? std::move(d.value()) : sdp::SessionDescription{};
}

const auto kServer = boost::asio::ip::make_address("10.201.0.2");
constexpr std::string_view kCandidates =
    "a=candidate:1 1 udp 2015363327 192.0.2.2 40000 typ host\r\n"
    "a=candidate:2 1 udp 2015363326 10.201.0.2 40001 typ host\r\n"
    "a=candidate:3 1 tcp 1015363327 10.201.0.2 9 typ host tcptype active\r\n";

TEST(ClientSdp, AFullIceOffererControlsAndWeAreItsDtlsClient) {
  auto remote = remoteTransportOf(parsed(description(false, "actpass", kCandidates)), kServer, false);
  ASSERT_TRUE(remote) << remote.error().message;
  EXPECT_FALSE(remote->iceControlling);
  EXPECT_EQ(remote->localRole, media::DtlsRole::Client);
  EXPECT_EQ(remote->candidate, boost::asio::ip::udp::endpoint(kServer, 40001)) << "the UDP candidate on the server's address";
}

TEST(ClientSdp, WeControlWhenWeOfferedOrTheServerIsIceLite) {
  auto answered = remoteTransportOf(parsed(description(false, "active", kCandidates)), kServer, true);
  ASSERT_TRUE(answered);
  EXPECT_TRUE(answered->iceControlling);
  EXPECT_EQ(answered->localRole, media::DtlsRole::Server) << "Janus answers a publisher with setup:active";

  auto lite = remoteTransportOf(parsed(description(true, "actpass", kCandidates)), kServer, false);
  ASSERT_TRUE(lite);
  EXPECT_TRUE(lite->iceControlling) << "RFC 8445 §6.1.1: the full agent controls an ICE-lite peer";
}

TEST(ClientSdp, NoUdpCandidateOfOurFamilyIsUnusable) {
  auto remote = remoteTransportOf(
      parsed(description(false, "actpass", "a=candidate:1 1 udp 2015363327 fd00::2 40000 typ host\r\n")), kServer, false);
  ASSERT_FALSE(remote);
  EXPECT_EQ(remote.error().code, "sdp_unusable");
}

}  // namespace
}  // namespace dienhong::loadgen
