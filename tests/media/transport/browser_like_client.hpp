// A client built from the same parts a browser has — its own ICE credentials and certificate, a
// STUN Binding request with USE-CANDIDATE, a DTLS client, an SRTP session — reaching the server
// over UDP or over ICE-TCP (RFC 6544: an active TCP connection carrying RFC 4571 frames). Tests
// run it on their own thread against a WebRtcTransport on a real worker; every wait is bounded.
#pragma once

#include <arpa/inet.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "../worker/tcp_test_client.hpp"
#include "media/dtls/dtls_transport.hpp"
#include "media/ice/ice_credentials.hpp"
#include "media/ice/stun_message_view.hpp"
#include "media/ice/stun_message_writer.hpp"
#include "media/ice/transport_address.hpp"
#include "media/srtp/srtp_master_key.hpp"
#include "media/srtp/srtp_session.hpp"

namespace dienhong::media {

// How the client's packets reach the server and come back.
class ClientSocket {
 public:
  virtual ~ClientSocket() = default;
  virtual bool send(std::span<const uint8_t> packet) = 0;
  virtual std::optional<std::vector<uint8_t>> receive(int timeoutMs) = 0;
  virtual TransportAddress localAddress() const = 0;  // what the server sees as the source
};

// Datagrams from an ephemeral port on 127.0.0.1.
class UdpClientSocket final : public ClientSocket {
 public:
  explicit UdpClientSocket(uint16_t serverPort) : serverPort_(serverPort), fd_(::socket(AF_INET, SOCK_DGRAM, 0)) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local);
  }
  ~UdpClientSocket() override { ::close(fd_); }
  UdpClientSocket(const UdpClientSocket&) = delete;
  UdpClientSocket& operator=(const UdpClientSocket&) = delete;

  bool send(std::span<const uint8_t> packet) override {
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(serverPort_);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return ::sendto(fd_, packet.data(), packet.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) ==
           static_cast<ssize_t>(packet.size());
  }
  std::optional<std::vector<uint8_t>> receive(int timeoutMs) override {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) != 1) return std::nullopt;
    std::vector<uint8_t> buffer(2048);
    const ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), 0);
    if (n < 0) return std::nullopt;
    buffer.resize(static_cast<size_t>(n));
    return buffer;
  }
  TransportAddress localAddress() const override {
    sockaddr_storage local{};
    socklen_t length = sizeof local;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&local), &length);
    return *TransportAddress::fromSockaddr(reinterpret_cast<const sockaddr*>(&local));
  }

 private:
  uint16_t serverPort_;
  int fd_;
};

// ICE-TCP, the browser's side of a `tcptype passive` server candidate: it connects actively and
// frames every packet per RFC 4571.
class TcpClientSocket final : public ClientSocket {
 public:
  explicit TcpClientSocket(uint16_t serverPort) : client_(serverPort) {}
  bool connected() const { return client_.connected(); }
  bool send(std::span<const uint8_t> packet) override { return client_.sendFrame(packet); }
  std::optional<std::vector<uint8_t>> receive(int timeoutMs) override { return client_.receiveFrame(timeoutMs); }
  TransportAddress localAddress() const override { return client_.localAddress(); }

 private:
  TcpTestClient client_;
};

inline std::vector<uint8_t> rtpPacket(uint16_t sequence, uint32_t ssrc, std::string_view payload) {
  // Sized once and filled (GCC 12 -O2 warns falsely on a vector insert after a short header).
  std::vector<uint8_t> p(12 + payload.size());
  const uint8_t header[12] = {0x80, 96, static_cast<uint8_t>(sequence >> 8), static_cast<uint8_t>(sequence),
                              0, 0, 0x10, 0x00,
                              static_cast<uint8_t>(ssrc >> 24), static_cast<uint8_t>(ssrc >> 16),
                              static_cast<uint8_t>(ssrc >> 8), static_cast<uint8_t>(ssrc)};
  std::copy(std::begin(header), std::end(header), p.begin());
  std::copy(payload.begin(), payload.end(), p.begin() + 12);
  return p;
}

class BrowserLikeClient {
 public:
  using Clock = std::chrono::steady_clock;

  // A fresh certificate and ICE credentials; packets go through `socket`.
  explicit BrowserLikeClient(std::unique_ptr<ClientSocket> socket) : socket_(std::move(socket)) {
    auto certificate = DtlsCertificate::generate();
    auto ice = IceCredentials::generate();
    if (!certificate || !ice) {
      ADD_FAILURE() << "cannot make the client's certificate or ICE credentials";
      return;
    }
    auto context = DtlsContext::create(certificate.value());
    if (!context) {
      ADD_FAILURE() << context.error().message;
      return;
    }
    certificate_ = certificate.value();
    context_ = context.value();
    ice_ = ice.value();
  }

  // For the server's setRemoteParameters (what the browser's SDP would carry).
  const IceCredentials& ice() const { return ice_; }
  const std::string& fingerprint() const { return certificate_->sha256Fingerprint(); }
  ClientSocket& socket() { return *socket_; }
  // Replaces the connection (a browser that reconnects); DTLS and SRTP state stay.
  void reconnect(std::unique_ptr<ClientSocket> socket) { socket_ = std::move(socket); }

  // The browser's connectivity check: USERNAME, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE,
  // MESSAGE-INTEGRITY with `password` (the server's, unless testing a forgery), FINGERPRINT.
  std::vector<uint8_t> bindingRequest(const IceCredentials& server, std::string_view password) const {
    std::array<uint8_t, 512> buffer{};
    StunTransactionId id{};
    for (size_t i = 0; i < id.size(); ++i) id[i] = static_cast<uint8_t>(i * 7 + 1);
    StunMessageWriter w(buffer, kBindingRequest, id);
    w.addUsername(server.ufrag + ":" + ice_.ufrag)
        .addPriority(0x6e7f00ff)
        .addIceControlling(0x0102030405060708ULL)
        .addUseCandidate()
        .addMessageIntegrity(password)
        .addFingerprint();
    EXPECT_TRUE(w.ok());
    return {w.message().begin(), w.message().end()};
  }

  // Sends the nominating check and expects a success response authenticated with the server's
  // password; returns its XOR-MAPPED-ADDRESS (our address as the server saw it).
  ::testing::AssertionResult check(const IceCredentials& server, std::optional<TransportAddress>* mapped = nullptr) {
    if (!socket_->send(bindingRequest(server, server.pwd))) return ::testing::AssertionFailure() << "cannot send the check";
    const auto response = socket_->receive(2000);
    if (!response) return ::testing::AssertionFailure() << "no STUN response";
    const auto view = StunMessageView::parse(*response);
    if (!view) return ::testing::AssertionFailure() << "the response is not STUN";
    if (view->type().messageClass != StunClass::kSuccessResponse) {
      return ::testing::AssertionFailure() << "the check was not answered with a success";
    }
    if (!view->verifyMessageIntegrity(std::span(reinterpret_cast<const uint8_t*>(server.pwd.data()), server.pwd.size()))) {
      return ::testing::AssertionFailure() << "the response's MESSAGE-INTEGRITY is not the server's";
    }
    if (mapped != nullptr) *mapped = view->xorMappedAddress();
    return ::testing::AssertionSuccess();
  }

  // The DTLS handshake as client (RFC 5763: the server answered setup:passive), then the SRTP
  // session from the exported keys.
  ::testing::AssertionResult handshake(const std::string& serverFingerprint) {
    auto dtls = DtlsTransport::create(context_, DtlsRole::Client,
                                      {[this](std::span<const uint8_t> d) { socket_->send(d); },
                                       [this](const SrtpKeyingMaterial& k) { keys_ = k; }, {}, {}});
    if (!dtls) return ::testing::AssertionFailure() << dtls.error().message;
    dtls_ = std::move(dtls.value());
    if (auto ok = dtls_->setRemoteFingerprint("sha-256", serverFingerprint); !ok) {
      return ::testing::AssertionFailure() << ok.error().message;
    }
    dtls_->start(Clock::now());
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    while (!keys_ && Clock::now() < deadline) {
      if (auto datagram = socket_->receive(50)) dtls_->receive(*datagram, Clock::now());
      dtls_->onTimer(Clock::now());
    }
    if (!keys_) return ::testing::AssertionFailure() << "DTLS handshake did not finish";
    const auto& k = *keys_;
    auto local = SrtpMasterKey::create(k.profile, std::span(k.localKey).first(k.keyLength),
                                       std::span(k.localSalt).first(k.saltLength));
    auto remote = SrtpMasterKey::create(k.profile, std::span(k.remoteKey).first(k.keyLength),
                                        std::span(k.remoteSalt).first(k.saltLength));
    if (!local || !remote) return ::testing::AssertionFailure() << "SRTP keys of the wrong length";
    auto session = SrtpSession::create(*local, *remote);
    if (!session) return ::testing::AssertionFailure() << session.error().message;
    srtp_.emplace(std::move(session.value()));
    return ::testing::AssertionSuccess();
  }

  bool keyed() const { return srtp_.has_value(); }
  SrtpSession& srtp() { return *srtp_; }

  // Protects and sends one RTP packet.
  bool sendRtp(const std::vector<uint8_t>& plain) {
    std::vector<uint8_t> wire = plain;
    wire.resize(plain.size() + kSrtpMaxRtpOverhead);
    const auto length = srtp_->protectRtp(wire, plain.size());
    if (!length) return false;
    wire.resize(*length);
    return socket_->send(wire);
  }
  // The next packet, unprotected; nullopt on timeout or when it does not authenticate.
  std::optional<std::vector<uint8_t>> receiveRtp(int timeoutMs) {
    auto wire = socket_->receive(timeoutMs);
    if (!wire) return std::nullopt;
    const auto result = srtp_->unprotectRtp(*wire);
    if (!result.ok()) return std::nullopt;
    wire->resize(result.length);
    return wire;
  }

 private:
  std::unique_ptr<ClientSocket> socket_;
  std::shared_ptr<const DtlsCertificate> certificate_;
  std::shared_ptr<DtlsContext> context_;
  IceCredentials ice_;
  std::unique_ptr<DtlsTransport> dtls_;
  std::optional<SrtpKeyingMaterial> keys_;
  std::optional<SrtpSession> srtp_;
};

}  // namespace dienhong::media
