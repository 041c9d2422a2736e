// ICE-TCP end to end (RFC 6544): the browser-like client connects actively to the worker's
// passive TCP listener and runs the same STUN check, DTLS handshake and SRTP over RFC 4571 frames
// as over UDP; the transport cannot tell the difference except by the pair's protocol.
#include <algorithm>
#include <tuple>

#include <gtest/gtest.h>

#include "worker_transport_fixture.hpp"

namespace dienhong::media {
namespace {

class IceTcpTransportTest : public WorkerTransportTest {
 protected:
  std::unique_ptr<ClientSocket> clientSocket() override { return std::make_unique<TcpClientSocket>(tcp_->port()); }

  // Bounded: the close travels client → kernel → worker, so ask the worker until it has seen it.
  bool registryForgets(size_t expectedRoutes) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (std::chrono::steady_clock::now() < deadline) {
      if (onWorker([this] { return registry_.routedAddresses(); }) == expectedRoutes) return true;
    }
    return false;
  }
};

TEST_F(IceTcpTransportTest, G1_BrowserLikeClientConnectsOverIceTcpAndMediaFlowsBothWays) {
  connectIceAndDtls();
  ASSERT_TRUE(client_->keyed());
  const TransportAddress self = client_->socket().localAddress();
  ASSERT_EQ(self.protocol(), TransportProtocol::kTcp);
  // The check's answer maps our TCP source (XOR-MAPPED-ADDRESS has no protocol field).
  ASSERT_TRUE(mapped_);
  EXPECT_TRUE(std::ranges::equal(mapped_->addressBytes(), self.addressBytes()));
  EXPECT_EQ(mapped_->port(), self.port());
  EXPECT_EQ(onWorker([&] { return transport_->ice().selectedRemote(); }), self) << "the nominated pair is TCP";

  // Client → server.
  const auto original = rtpPacket(1000, 0xCAFE, "hello from the browser, over TCP");
  ASSERT_TRUE(client_->sendRtp(original));
  EXPECT_EQ(listener_.nextRtp(std::chrono::seconds(2)), original);

  // Server → client, framed on the same connection.
  const auto outgoing = rtpPacket(7, 0xBEEF, "hello from the SFU, over TCP");
  worker_.post([&] {
    std::vector<uint8_t> buffer = outgoing;
    buffer.resize(outgoing.size() + kSrtpMaxRtpOverhead);
    EXPECT_TRUE(transport_->sendRtp(buffer, outgoing.size()));
  });
  EXPECT_EQ(client_->receiveRtp(2000), outgoing);

  const auto [tcp, udp, routes] = onWorker([&] {
    return std::tuple(tcp_->stats(), udp_->stats(), registry_.routedAddresses());
  });
  EXPECT_EQ(tcp.connectionsOpen, 1U);
  EXPECT_GE(tcp.framesReceived, 3U) << "check, DTLS flights, RTP";
  EXPECT_EQ(tcp.sendDropped + tcp.sendNoConnection, 0U);
  EXPECT_EQ(udp.datagramsReceived, 0U);
  EXPECT_EQ(routes, 1U);
}

TEST_F(IceTcpTransportTest, AClosedConnectionIsForgottenAndANewOneMustPassACheckFirst) {
  connectIceAndDtls();
  ASSERT_TRUE(registryForgets(1));  // one route: the connection's address

  // The browser loses its connection and opens another one (same DTLS and SRTP session).
  client_->reconnect(std::make_unique<TcpClientSocket>(tcp_->port()));
  ASSERT_TRUE(registryForgets(0)) << "the closed connection's address still routes";

  // Media on the new connection before a check there routes nowhere...
  ASSERT_TRUE(client_->sendRtp(rtpPacket(1, 0xCAFE, "too early")));
  // ...a check nominates the new connection, then media flows on it both ways.
  ASSERT_TRUE(client_->check(transport_->localIce()));
  const auto after = rtpPacket(2, 0xCAFE, "after the check");
  ASSERT_TRUE(client_->sendRtp(after));
  EXPECT_EQ(listener_.nextRtp(std::chrono::seconds(2)), after) << "the early packet was not delivered";

  const auto outgoing = rtpPacket(8, 0xBEEF, "to the new connection");
  worker_.post([&] {
    std::vector<uint8_t> buffer = outgoing;
    buffer.resize(outgoing.size() + kSrtpMaxRtpOverhead);
    EXPECT_TRUE(transport_->sendRtp(buffer, outgoing.size()));
  });
  EXPECT_EQ(client_->receiveRtp(2000), outgoing);

  const auto [tcp, unroutable] = onWorker([&] { return std::pair(tcp_->stats(), registry_.unroutable()); });
  EXPECT_EQ(unroutable, 1U);
  EXPECT_EQ(tcp.closedByPeer, 1U);
  EXPECT_EQ(tcp.connectionsOpen, 1U);
}

}  // namespace
}  // namespace dienhong::media
