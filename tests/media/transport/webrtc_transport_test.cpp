// A WebRtcTransport on a real worker and UDP socket, and a client built from the same parts a
// browser has: a STUN Binding request with USE-CANDIDATE, a DTLS client, an SRTP session.
#include "media/transport/webrtc_transport.hpp"

#include <arpa/inet.h>
#include <poll.h>
#include <unistd.h>

#include <future>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>

#include "media/ice/stun_message_view.hpp"
#include "media/ice/stun_message_writer.hpp"
#include "media/srtp/srtp_master_key.hpp"
#include "media/transport/transport_registry.hpp"
#include "media/worker/media_worker.hpp"

namespace dienhong::media {
namespace {

using Clock = std::chrono::steady_clock;

class RecordingListener final : public WebRtcTransportListener {
 public:
  void onConnected(WebRtcTransport&) override { connected.set_value(); }
  void onFailed(WebRtcTransport&, std::string_view reason) override { failure = std::string(reason); }
  void onRtp(WebRtcTransport&, std::span<uint8_t> packet, Clock::time_point) override {
    if (!rtpDelivered) {
      rtpDelivered = true;
      rtp.set_value(std::vector<uint8_t>(packet.begin(), packet.end()));
    }
  }
  void onRtcp(WebRtcTransport&, std::span<uint8_t>, Clock::time_point) override {}

  std::promise<void> connected;
  std::promise<std::vector<uint8_t>> rtp;
  bool rtpDelivered = false;
  std::string failure;
};

class UdpClient {
 public:
  UdpClient() : fd_(::socket(AF_INET, SOCK_DGRAM, 0)) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local);
  }
  ~UdpClient() { ::close(fd_); }
  void send(std::span<const uint8_t> data, uint16_t port) const {
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::sendto(fd_, data.data(), data.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
  }
  std::optional<std::vector<uint8_t>> receive(int timeoutMs) const {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) != 1) return std::nullopt;
    std::vector<uint8_t> buffer(2048);
    const ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), 0);
    if (n < 0) return std::nullopt;
    buffer.resize(static_cast<size_t>(n));
    return buffer;
  }

 private:
  int fd_;
};

std::vector<uint8_t> rtpPacket(uint16_t sequence, uint32_t ssrc, std::string_view payload) {
  std::vector<uint8_t> p = {0x80, 96, static_cast<uint8_t>(sequence >> 8), static_cast<uint8_t>(sequence),
                            0, 0, 0x10, 0x00,
                            static_cast<uint8_t>(ssrc >> 24), static_cast<uint8_t>(ssrc >> 16),
                            static_cast<uint8_t>(ssrc >> 8), static_cast<uint8_t>(ssrc)};
  p.insert(p.end(), payload.begin(), payload.end());
  return p;
}

class WebRtcTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto serverCert = DtlsCertificate::generate();
    auto clientCert = DtlsCertificate::generate();
    ASSERT_TRUE(serverCert && clientCert);
    auto serverContext = DtlsContext::create(serverCert.value());
    auto clientContext = DtlsContext::create(clientCert.value());
    ASSERT_TRUE(serverContext && clientContext);
    clientCertificate_ = clientCert.value();

    auto endpoint = UdpEndpoint::open(worker_.context(), "127.0.0.1", 0, registry_);
    ASSERT_TRUE(endpoint) << endpoint.error().message;
    endpoint_ = std::move(endpoint.value());
    registry_.attach(*endpoint_);

    auto transport = WebRtcTransport::create(serverContext.value(), registry_, listener_, {});
    ASSERT_TRUE(transport) << transport.error().message;
    transport_ = std::move(transport.value());
    auto clientIce = IceCredentials::generate();
    ASSERT_TRUE(clientIce);
    clientIce_ = clientIce.value();
    ASSERT_TRUE(transport_->setRemoteParameters(clientIce_, "sha-256", clientCertificate_->sha256Fingerprint()));
    registry_.add(*transport_);

    auto dtls = DtlsTransport::create(
        clientContext.value(), DtlsRole::Client,
        {[this](std::span<const uint8_t> d) { client_.send(d, endpoint_->port()); },
         [this](const SrtpKeyingMaterial& k) { clientKeys_ = k; }, {}, {}});
    ASSERT_TRUE(dtls);
    clientDtls_ = std::move(dtls.value());
    ASSERT_TRUE(clientDtls_->setRemoteFingerprint("sha-256", transport_->localFingerprint()));

    endpoint_->start();
    worker_.start();
  }

  void TearDown() override {
    std::promise<void> done;
    worker_.post([&] {
      registry_.remove(*transport_);
      transport_->close();
      endpoint_->close();
      done.set_value();
    });
    done.get_future().wait();
    worker_.stop();
  }

  // The browser's connectivity check: USERNAME, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE,
  // MESSAGE-INTEGRITY with the server's password, FINGERPRINT.
  std::vector<uint8_t> bindingRequest(std::string_view password) const {
    std::array<uint8_t, 512> buffer{};
    StunTransactionId id{};
    for (size_t i = 0; i < id.size(); ++i) id[i] = static_cast<uint8_t>(i * 7 + 1);
    StunMessageWriter w(buffer, kBindingRequest, id);
    w.addUsername(transport_->localIce().ufrag + ":" + clientIce_.ufrag)
        .addPriority(0x6e7f00ff)
        .addIceControlling(0x0102030405060708ULL)
        .addUseCandidate()
        .addMessageIntegrity(password)
        .addFingerprint();
    EXPECT_TRUE(w.ok());
    return {w.message().begin(), w.message().end()};
  }

  void connectIceAndDtls() {
    client_.send(bindingRequest(transport_->localIce().pwd), endpoint_->port());
    auto response = client_.receive(2000);
    ASSERT_TRUE(response) << "no STUN response";
    auto view = StunMessageView::parse(*response);
    ASSERT_TRUE(view);
    ASSERT_EQ(view->type().messageClass, StunClass::kSuccessResponse);
    const std::string& pwd = transport_->localIce().pwd;
    EXPECT_TRUE(view->verifyMessageIntegrity(std::span(reinterpret_cast<const uint8_t*>(pwd.data()), pwd.size())));

    clientDtls_->start(Clock::now());
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    while (!clientKeys_ && Clock::now() < deadline) {
      if (auto datagram = client_.receive(50)) clientDtls_->receive(*datagram, Clock::now());
      clientDtls_->onTimer(Clock::now());
    }
    ASSERT_TRUE(clientKeys_) << "DTLS handshake did not finish; server: " << listener_.failure;
    ASSERT_EQ(listener_.connected.get_future().wait_for(std::chrono::seconds(2)), std::future_status::ready);
    auto local = SrtpMasterKey::create(clientKeys_->profile, std::span(clientKeys_->localKey).first(clientKeys_->keyLength),
                                       std::span(clientKeys_->localSalt).first(clientKeys_->saltLength));
    auto remote = SrtpMasterKey::create(clientKeys_->profile, std::span(clientKeys_->remoteKey).first(clientKeys_->keyLength),
                                        std::span(clientKeys_->remoteSalt).first(clientKeys_->saltLength));
    ASSERT_TRUE(local && remote);
    auto session = SrtpSession::create(*local, *remote);
    ASSERT_TRUE(session);
    clientSrtp_.emplace(std::move(session.value()));
  }

  MediaWorker worker_{"test-transport"};
  TransportRegistry registry_;
  RecordingListener listener_;
  std::unique_ptr<UdpEndpoint> endpoint_;
  std::unique_ptr<WebRtcTransport> transport_;
  std::shared_ptr<const DtlsCertificate> clientCertificate_;
  IceCredentials clientIce_;
  std::unique_ptr<DtlsTransport> clientDtls_;
  std::optional<SrtpKeyingMaterial> clientKeys_;
  std::optional<SrtpSession> clientSrtp_;
  UdpClient client_;
};

TEST_F(WebRtcTransportTest, G1_BrowserLikeClientConnectsAndMediaFlowsBothWays) {
  connectIceAndDtls();
  ASSERT_TRUE(clientSrtp_);
  EXPECT_EQ(clientSrtp_->profile(), SrtpProfile::kAeadAes128Gcm);

  // Client → server: SRTP in, plain RTP out of the transport.
  const auto original = rtpPacket(1000, 0xCAFE, "hello from the browser");
  std::vector<uint8_t> wire = original;
  wire.resize(original.size() + kSrtpMaxRtpOverhead);
  const auto length = clientSrtp_->protectRtp(wire, original.size());
  ASSERT_TRUE(length);
  wire.resize(*length);
  client_.send(wire, endpoint_->port());
  auto delivered = listener_.rtp.get_future();
  ASSERT_EQ(delivered.wait_for(std::chrono::seconds(2)), std::future_status::ready);
  EXPECT_EQ(delivered.get(), original);

  // Server → client, to the nominated address.
  const auto outgoing = rtpPacket(7, 0xBEEF, "hello from the SFU");
  worker_.post([&] {
    std::vector<uint8_t> buffer = outgoing;
    buffer.resize(outgoing.size() + kSrtpMaxRtpOverhead);
    EXPECT_TRUE(transport_->sendRtp(buffer, outgoing.size()));
  });
  auto received = client_.receive(2000);
  ASSERT_TRUE(received);
  const auto result = clientSrtp_->unprotectRtp(*received);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(std::vector<uint8_t>(received->begin(), received->begin() + static_cast<long>(result.length)), outgoing);
}

TEST_F(WebRtcTransportTest, S4_1_StrangersAndForgeriesAreDroppedAndCounted) {
  connectIceAndDtls();
  // Another host sends RTP-looking bytes and a bad check: nothing reaches the listener.
  UdpClient stranger;
  stranger.send(rtpPacket(1, 1, "not yours"), endpoint_->port());
  std::vector<uint8_t> badCheck = bindingRequest("wrong-password-wrong-password");
  stranger.send(badCheck, endpoint_->port());
  auto answer = stranger.receive(2000);
  ASSERT_TRUE(answer) << "a bad check gets a 401";
  EXPECT_EQ(StunMessageView::parse(*answer)->type().messageClass, StunClass::kErrorResponse);
  // A forged SRTP packet from the real client's address: refused by authentication.
  auto forged = rtpPacket(5, 0xCAFE, "forged payload with a made-up tag....");
  client_.send(forged, endpoint_->port());
  // Then a real one, to know the earlier datagrams were processed.
  const auto real = rtpPacket(6, 0xCAFE, "real");
  std::vector<uint8_t> wire = real;
  wire.resize(real.size() + kSrtpMaxRtpOverhead);
  wire.resize(*clientSrtp_->protectRtp(wire, real.size()));
  client_.send(wire, endpoint_->port());
  auto delivered = listener_.rtp.get_future();
  ASSERT_EQ(delivered.wait_for(std::chrono::seconds(2)), std::future_status::ready);
  EXPECT_EQ(delivered.get(), real) << "the forgery was not delivered first";

  std::promise<std::pair<WebRtcTransportStats, uint64_t>> stats;
  worker_.post([&] { stats.set_value({transport_->stats(), registry_.unroutable()}); });
  const auto [s, unroutable] = stats.get_future().get();
  EXPECT_EQ(unroutable, 1U) << "the stranger's RTP matched no transport";
  EXPECT_EQ(s.srtpRefused[static_cast<size_t>(SrtpStatus::kAuthFailed)], 1U);
  EXPECT_EQ(s.rtpReceived, 1U);
}

TEST_F(WebRtcTransportTest, NoMediaIsSentBeforeTheTransportIsConnected) {
  std::promise<bool> sent;
  worker_.post([&] {
    std::vector<uint8_t> buffer(100);
    sent.set_value(transport_->sendRtp(buffer, 40));
  });
  EXPECT_FALSE(sent.get_future().get());
}

}  // namespace
}  // namespace dienhong::media
