#include "media/transport/webrtc_transport.hpp"

#include "media/ice/packet_demux.hpp"
#include "media/srtp/srtp_master_key.hpp"

namespace dienhong::media {

bool isRtcp(std::span<const uint8_t> packet) {
  return packet.size() >= 2 && packet[1] >= 192 && packet[1] <= 223;
}

Result<std::unique_ptr<WebRtcTransport>> WebRtcTransport::create(std::shared_ptr<DtlsContext> dtls,
                                                                 DatagramSender& sender,
                                                                 WebRtcTransportListener& listener,
                                                                 Options options) {
  auto local = IceCredentials::generate();
  if (!local) return local.error();
  std::unique_ptr<WebRtcTransport> transport(
      new WebRtcTransport(dtls, sender, listener, std::move(local.value()), options));
  WebRtcTransport* self = transport.get();
  auto created = DtlsTransport::create(
      std::move(dtls), DtlsRole::Server,
      {[self](std::span<const uint8_t> datagram) {
         if (self->dtlsPeer_) self->sender_.sendDatagram(datagram, *self->dtlsPeer_);
       },
       [self](const SrtpKeyingMaterial& keys) { self->onDtlsConnected(keys); },
       [self](std::string_view reason) { self->fail(reason); }, [self] { self->state_ = TransportState::kClosed; }},
      options.dtls);
  if (!created) return created.error();
  transport->dtls_ = std::move(created.value());
  return transport;
}

WebRtcTransport::WebRtcTransport(std::shared_ptr<DtlsContext> dtls, DatagramSender& sender,
                                 WebRtcTransportListener& listener, IceCredentials local, Options options)
    : dtlsContext_(std::move(dtls)),
      sender_(sender),
      listener_(listener),
      options_(options),
      ice_(std::move(local), options.ice) {}

Result<void> WebRtcTransport::setRemoteParameters(const IceCredentials& remoteIce,
                                                  std::string_view fingerprintAlgorithm,
                                                  std::string_view fingerprint) {
  if (!ice_.setRemoteCredentials(remoteIce)) {
    return Error{"invalid_remote_parameters", "remote ICE credentials are not valid (RFC 8839)"};
  }
  if (auto ok = dtls_->setRemoteFingerprint(fingerprintAlgorithm, fingerprint); !ok) {
    return Error{"invalid_remote_parameters", ok.error().message};
  }
  return success();
}

Result<void> WebRtcTransport::restartIce() {
  auto local = IceCredentials::generate();
  if (!local) return local.error();
  ice_.restart(std::move(local.value()));
  return success();
}

void WebRtcTransport::receive(std::span<uint8_t> datagram, const TransportAddress& from, Clock::time_point now) {
  if (state_ == TransportState::kFailed || state_ == TransportState::kClosed) return;
  switch (classifyPacket(datagram)) {
    case PacketKind::kStun: {
      const auto out = ice_.handleStun(datagram, from, now, stunResponse_);
      if (!out.response.empty()) sender_.sendDatagram(out.response, out.to);
      if (out.event) onIceEvent(*out.event);
      return;
    }
    case PacketKind::kDtls:
      if (!ice_.hasValidPair(from, now)) {
        ++stats_.droppedUnknownSource;
        return;
      }
      dtlsPeer_ = from;
      dtls_->receive(datagram, now);
      return;
    case PacketKind::kRtpOrRtcp:
      if (!ice_.hasValidPair(from, now)) {
        ++stats_.droppedUnknownSource;
        return;
      }
      receiveMedia(datagram, now);
      return;
    default:
      ++stats_.droppedNotWebRtc;
      return;
  }
}

void WebRtcTransport::receiveMedia(std::span<uint8_t> datagram, Clock::time_point now) {
  if (!srtp_) {
    ++stats_.droppedBeforeKeys;
    return;
  }
  const bool rtcp = isRtcp(datagram);
  const UnprotectResult result = rtcp ? srtp_->unprotectRtcp(datagram) : srtp_->unprotectRtp(datagram);
  if (result.status != SrtpStatus::kOk) {
    ++stats_.srtpRefused[static_cast<size_t>(result.status)];
    return;
  }
  const auto plain = datagram.first(result.length);
  if (rtcp) {
    ++stats_.rtcpReceived;
    listener_.onRtcp(*this, plain, now);
  } else {
    ++stats_.rtpReceived;
    listener_.onRtp(*this, plain, now);
  }
}

void WebRtcTransport::onIceEvent(const IceEvent& event) {
  switch (event.state) {
    case IceState::kConnected:
      if (state_ == TransportState::kNew || state_ == TransportState::kDisconnected) {
        state_ = srtp_ ? TransportState::kConnected : TransportState::kConnecting;
      }
      if (dtls_->state() == DtlsState::New) dtls_->start(Clock::now());
      return;
    case IceState::kDisconnected:
      if (state_ == TransportState::kConnected) state_ = TransportState::kDisconnected;
      return;
    case IceState::kFailed:
      fail("ICE consent expired");
      return;
    default:
      return;
  }
}

void WebRtcTransport::onDtlsConnected(const SrtpKeyingMaterial& keys) {
  const auto local = SrtpMasterKey::create(keys.profile, std::span(keys.localKey).first(keys.keyLength),
                                           std::span(keys.localSalt).first(keys.saltLength));
  const auto remote = SrtpMasterKey::create(keys.profile, std::span(keys.remoteKey).first(keys.keyLength),
                                            std::span(keys.remoteSalt).first(keys.saltLength));
  if (!local || !remote) {
    fail("SRTP keys of the wrong length");
    return;
  }
  auto session = SrtpSession::create(*local, *remote, options_.srtp);
  if (!session) {
    fail(session.error().message);
    return;
  }
  srtp_.emplace(std::move(session.value()));
  state_ = TransportState::kConnected;
  listener_.onConnected(*this);
}

bool WebRtcTransport::sendRtp(std::span<uint8_t> buffer, size_t length) {
  const auto to = ice_.selectedRemote();
  if (state_ != TransportState::kConnected || !srtp_ || !to) {
    ++stats_.sendRefused;
    return false;
  }
  const auto protectedLength = srtp_->protectRtp(buffer, length);
  if (!protectedLength) {
    ++stats_.sendRefused;
    return false;
  }
  sender_.sendDatagram(buffer.first(*protectedLength), *to);
  ++stats_.rtpSent;
  return true;
}

bool WebRtcTransport::sendRtcp(std::span<uint8_t> buffer, size_t length) {
  const auto to = ice_.selectedRemote();
  if (state_ != TransportState::kConnected || !srtp_ || !to) {
    ++stats_.sendRefused;
    return false;
  }
  const auto protectedLength = srtp_->protectRtcp(buffer, length);
  if (!protectedLength) {
    ++stats_.sendRefused;
    return false;
  }
  sender_.sendDatagram(buffer.first(*protectedLength), *to);
  ++stats_.rtcpSent;
  return true;
}

void WebRtcTransport::onTimer(Clock::time_point now) {
  if (auto event = ice_.onTimer(now)) onIceEvent(*event);
  dtls_->onTimer(now);
}

std::optional<WebRtcTransport::Clock::time_point> WebRtcTransport::nextTimeout(Clock::time_point now) const {
  auto ice = ice_.nextTimeout();
  auto dtls = dtls_->nextTimeout(now);
  if (ice && dtls) return std::min(*ice, *dtls);
  return ice ? ice : dtls;
}

void WebRtcTransport::close() {
  if (state_ == TransportState::kClosed) return;
  dtls_->close();
  state_ = TransportState::kClosed;
}

void WebRtcTransport::fail(std::string_view reason) {
  if (state_ == TransportState::kFailed || state_ == TransportState::kClosed) return;
  state_ = TransportState::kFailed;
  listener_.onFailed(*this, reason);
}

}  // namespace dienhong::media
