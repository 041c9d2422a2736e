#include "loadgen/client_transport.hpp"

#include <sys/socket.h>

#include <openssl/rand.h>

#include "media/ice/packet_demux.hpp"
#include "media/srtp/srtp_master_key.hpp"

namespace dienhong::loadgen {
namespace {

namespace asio = boost::asio;
using asio::ip::udp;

media::IceCredentials newCredentials() {
  auto credentials = media::IceCredentials::generate();
  return credentials ? credentials.value() : media::IceCredentials{"loadgen0", "loadgen-fallback-password"};
}

uint64_t newTieBreaker() {
  uint64_t value = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&value), sizeof value);
  return value;
}

bool isRtcp(std::span<const uint8_t> packet) { return packet.size() >= 2 && packet[1] >= 192 && packet[1] <= 223; }

// Large buffers: a subscriber receives dozens of keyframe packets at once. As root the limit of
// net.core.rmem_max does not apply (SO_RCVBUFFORCE).
void enlargeBuffers(int fd) {
  const int size = 4 * 1024 * 1024;
  if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0) {
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  }
  if (::setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size) != 0) {
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  }
}

}  // namespace

ClientTransport::ClientTransport(asio::io_context& io, ReceiveBatch& batch,
                                 std::shared_ptr<media::DtlsContext> dtls,
                                 const asio::ip::address& localAddress, Callbacks callbacks)
    : socket_(io, udp::endpoint(localAddress, 0)),
      batch_(batch),
      dtlsContext_(std::move(dtls)),
      callbacks_(std::move(callbacks)),
      ice_(newCredentials(), newTieBreaker(), [this](std::span<const uint8_t> d) { sendRaw(d); }) {
  socket_.non_blocking(true);
  enlargeBuffers(socket_.native_handle());
  ReceiveBatch::enableTimestamps(socket_.native_handle());
}

ClientTransport::~ClientTransport() { *alive_ = false; }

const std::string& ClientTransport::fingerprint() const {
  return dtlsContext_->certificate().sha256Fingerprint();
}

udp::endpoint ClientTransport::localEndpoint() const { return socket_.local_endpoint(); }

std::optional<media::SrtpProfile> ClientTransport::profile() const {
  return srtp_ ? std::optional<media::SrtpProfile>(srtp_->profile()) : std::nullopt;
}

void ClientTransport::start(const RemoteTransport& remote, Clock::time_point now) {
  if (started_) return;
  started_ = true;
  boost::system::error_code error;
  socket_.connect(remote.candidate, error);
  if (error) return fail("cannot reach the server's candidate: " + error.message());
  remoteAddress_ = *media::TransportAddress::fromSockaddr(remote.candidate.data());
  auto dtls = media::DtlsTransport::create(
      dtlsContext_, remote.localRole,
      {.sendDatagram = [this](std::span<const uint8_t> d) { sendRaw(d); },
       .onConnected =
           [this](const media::SrtpKeyingMaterial& k) {
             auto local = media::SrtpMasterKey::create(k.profile, std::span(k.localKey).first(k.keyLength),
                                                       std::span(k.localSalt).first(k.saltLength));
             auto peer = media::SrtpMasterKey::create(k.profile, std::span(k.remoteKey).first(k.keyLength),
                                                      std::span(k.remoteSalt).first(k.saltLength));
             if (!local || !peer) return fail("SRTP keys of the wrong length");
             auto session = media::SrtpSession::create(*local, *peer);
             if (!session) return fail(session.error().message);
             srtp_.emplace(std::move(session.value()));
           },
       .onFailed = [this](std::string_view reason) { fail(reason); },
       .onClosed = [] {}});
  if (!dtls) return fail(dtls.error().message);
  dtls_ = std::move(dtls.value());
  if (auto ok = dtls_->setRemoteFingerprint(remote.fingerprintAlgorithm, remote.fingerprint); !ok) {
    return fail(ok.error().message);
  }
  ice_.setControlling(remote.iceControlling);
  ice_.start(remote.iceUfrag, remote.icePwd, now);
  waitReadable();
}

void ClientTransport::tick(Clock::time_point now) {
  if (!started_ || failed_) return;
  ice_.tick(now);
  if (ice_.state() == IceState::Failed) return fail("ICE failed: no answer to the checks");
  // A browser starts DTLS once a check succeeded; as DTLS server we wait for the ClientHello.
  if (ice_.state() == IceState::Connected && dtls_->state() == media::DtlsState::New) dtls_->start(now);
  if (const auto due = dtls_->nextTimeout(now); due && now >= *due) dtls_->onTimer(now);
}

void ClientTransport::waitReadable() {
  socket_.async_wait(udp::socket::wait_read, [this, alive = alive_](const boost::system::error_code& error) {
    if (!*alive || error) return;
    drain();
    if (!failed_) waitReadable();
  });
}

void ClientTransport::drain() {
  const int fd = socket_.native_handle();
  for (int round = 0; round < 16; ++round) {
    const size_t received = batch_.receive(fd);
    if (received == 0) return;
    const auto now = Clock::now();
    for (size_t i = 0; i < received; ++i) onDatagram(batch_.datagram(i), now, batch_.arrivalMicros(i));
    if (failed_ || received < ReceiveBatch::kSlots) return;
  }
}

void ClientTransport::onDatagram(std::span<uint8_t> datagram, Clock::time_point now, int64_t arrivalMicros) {
  ++counters_.datagramsReceived;
  switch (media::classifyPacket(datagram)) {
    case media::PacketKind::kStun:
      ice_.receive(datagram, remoteAddress_, now);
      return;
    case media::PacketKind::kDtls:
      if (dtls_) {
        if (dtls_->state() == media::DtlsState::New) dtls_->start(now);  // we are the server
        dtls_->receive(datagram, now);
      }
      return;
    case media::PacketKind::kRtpOrRtcp: {
      if (!srtp_) return;
      if (isRtcp(datagram)) {
        const auto result = srtp_->unprotectRtcp(datagram);
        if (!result.ok()) {
          ++counters_.unprotectFailures;
          return;
        }
        if (callbacks_.onRtcp) callbacks_.onRtcp(datagram.first(result.length), now);
      } else {
        const auto result = srtp_->unprotectRtp(datagram);
        if (!result.ok()) {
          ++counters_.unprotectFailures;
          return;
        }
        if (callbacks_.onRtp) callbacks_.onRtp(datagram.first(result.length), now, arrivalMicros);
      }
      return;
    }
    default:
      return;
  }
}

bool ClientTransport::sendRtp(std::span<uint8_t> buffer, size_t length) {
  if (!srtp_ || failed_) return false;
  const auto size = srtp_->protectRtp(buffer, length);
  if (!size) return false;
  sendRaw(buffer.first(*size));
  return true;
}

bool ClientTransport::sendRtcp(std::span<uint8_t> buffer, size_t length) {
  if (!srtp_ || failed_) return false;
  const auto size = srtp_->protectRtcp(buffer, length);
  if (!size) return false;
  sendRaw(buffer.first(*size));
  return true;
}

void ClientTransport::sendRaw(std::span<const uint8_t> datagram) {
  if (::send(socket_.native_handle(), datagram.data(), datagram.size(), MSG_DONTWAIT) < 0) ++counters_.sendFailures;
}

void ClientTransport::fail(std::string_view reason) {
  if (failed_) return;
  failed_ = true;
  if (callbacks_.onFailed) callbacks_.onFailed(std::string(reason) + " [" + describe() + "]");
}

std::string ClientTransport::describe() const {
  static constexpr const char* kIce[] = {"new", "checking", "connected", "failed"};
  static constexpr const char* kDtls[] = {"new", "connecting", "connected", "failed", "closed"};
  std::string text = std::string("ICE ") + kIce[static_cast<int>(ice_.state())] + " (" +
                     std::to_string(ice_.checksSent()) + " checks), DTLS ";
  text += dtls_ ? kDtls[static_cast<int>(dtls_->state())] : "not started";
  text += ", " + std::to_string(counters_.datagramsReceived) + " datagrams received";
  if (dtls_) text += ", " + std::to_string(dtls_->droppedDatagrams()) + " DTLS datagrams dropped";
  return text;
}

}  // namespace dienhong::loadgen
