// A WebRtcTransport on a real worker and UDP socket, and a browser-like client
// (browser_like_client.hpp): a STUN Binding request with USE-CANDIDATE, a DTLS client, an SRTP
// session. The same over ICE-TCP is in ice_tcp_transport_test.cpp.
#include "media/transport/webrtc_transport.hpp"

#include <gtest/gtest.h>

#include "worker_transport_fixture.hpp"

namespace dienhong::media {
namespace {

class WebRtcTransportTest : public WorkerTransportTest {
 protected:
  std::unique_ptr<ClientSocket> clientSocket() override { return std::make_unique<UdpClientSocket>(udp_->port()); }
};

TEST_F(WebRtcTransportTest, G1_BrowserLikeClientConnectsAndMediaFlowsBothWays) {
  connectIceAndDtls();
  ASSERT_TRUE(client_->keyed());
  EXPECT_EQ(client_->srtp().profile(), SrtpProfile::kAeadAes128Gcm);

  // Client → server: SRTP in, plain RTP out of the transport.
  const auto original = rtpPacket(1000, 0xCAFE, "hello from the browser");
  ASSERT_TRUE(client_->sendRtp(original));
  EXPECT_EQ(listener_.nextRtp(std::chrono::seconds(2)), original);

  // Server → client, to the nominated address.
  const auto outgoing = rtpPacket(7, 0xBEEF, "hello from the SFU");
  worker_.post([&] {
    std::vector<uint8_t> buffer = outgoing;
    buffer.resize(outgoing.size() + kSrtpMaxRtpOverhead);
    EXPECT_TRUE(transport_->sendRtp(buffer, outgoing.size()));
  });
  EXPECT_EQ(client_->receiveRtp(2000), outgoing);
}

TEST_F(WebRtcTransportTest, S4_1_StrangersAndForgeriesAreDroppedAndCounted) {
  connectIceAndDtls();
  // Another host sends RTP-looking bytes and a bad check: nothing reaches the listener.
  UdpClientSocket stranger(udp_->port());
  stranger.send(rtpPacket(1, 1, "not yours"));
  stranger.send(client_->bindingRequest(transport_->localIce(), "wrong-password-wrong-password"));
  auto answer = stranger.receive(2000);
  ASSERT_TRUE(answer) << "a bad check gets a 401";
  EXPECT_EQ(StunMessageView::parse(*answer)->type().messageClass, StunClass::kErrorResponse);
  // A forged SRTP packet from the real client's address: refused by authentication.
  client_->socket().send(rtpPacket(5, 0xCAFE, "forged payload with a made-up tag...."));
  // Then a real one, to know the earlier datagrams were processed.
  const auto real = rtpPacket(6, 0xCAFE, "real");
  ASSERT_TRUE(client_->sendRtp(real));
  EXPECT_EQ(listener_.nextRtp(std::chrono::seconds(2)), real) << "the forgery was not delivered first";

  const auto [s, unroutable] = onWorker([&] { return std::pair(transport_->stats(), registry_.unroutable()); });
  EXPECT_EQ(unroutable, 1U) << "the stranger's RTP matched no transport";
  EXPECT_EQ(s.srtpRefused[static_cast<size_t>(SrtpStatus::kAuthFailed)], 1U);
  EXPECT_EQ(s.rtpReceived, 1U);
}

TEST_F(WebRtcTransportTest, NoMediaIsSentBeforeTheTransportIsConnected) {
  const bool sent = onWorker([&] {
    std::vector<uint8_t> buffer(100);
    return transport_->sendRtp(buffer, 40);
  });
  EXPECT_FALSE(sent);
}

}  // namespace
}  // namespace dienhong::media
