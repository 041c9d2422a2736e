// SrtpSession: SRTP and SRTCP (RFC 3711) for one DTLS-SRTP association (RFC 5764): a send
// context keyed with the local master key and a receive context keyed with the peer's, one
// profile for both (AES-CM + HMAC-SHA1 of RFC 3711 §4, or AES-GCM of RFC 7714). All SSRCs of
// the association share the keys; per-SSRC state (ROC, replay windows, SRTCP index) is kept in
// flat tables bounded by SrtpSessionOptions. Not thread-safe: it lives on one media worker.
//
// Wiring from DTLS (media/dtls hands over the exported keys, RFC 5764 §4.2):
//   auto profile = srtpProfileFromDtlsId(static_cast<uint16_t>(material.profile));
//   auto local = SrtpMasterKey::create(*profile, localKey.first(keyLength), localSalt.first(saltLength));
//   auto remote = SrtpMasterKey::create(*profile, remoteKey..., remoteSalt...);
//   auto session = SrtpSession::create(*local, *remote);
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "common/result.hpp"
#include "media/srtp/srtp_master_key.hpp"
#include "media/srtp/srtp_receive_context.hpp"
#include "media/srtp/srtp_send_context.hpp"
#include "media/srtp/srtp_status.hpp"

namespace dienhong::media {

struct SrtpSessionOptions {
  // Bounds on the number of SSRCs whose state the session keeps, per direction. A stream's state
  // is under 200 octets (mostly its 1024-packet window), and the open-addressed table is at most
  // half full, so a full table of 512 is ~200 KiB. A new SSRC beyond the bound is refused
  // (kStreamLimit / nullopt) until removeStream() frees a slot. Receive-side streams are only
  // created by authenticated packets: only the peer holding the keys can fill the table.
  size_t maxSendStreams = 512;
  size_t maxReceiveStreams = 512;
  // Protect one RTP index more than once (see srtp_send_context.hpp): only for a caller that
  // resends the very same packet.
  bool allowResend = false;
};

class SrtpSession {
 public:
  // Codes: "srtp_profile_mismatch" (local and remote keys of different profiles),
  // "srtp_crypto_init" (OpenSSL refused a key).
  static Result<SrtpSession> create(const SrtpMasterKey& local, const SrtpMasterKey& remote,
                                    SrtpSessionOptions options = {});

  SrtpProfile profile() const { return send_.profile(); }

  // In place; buffer must have room for rtpOverhead() / rtcpOverhead() octets after length.
  std::optional<size_t> protectRtp(std::span<uint8_t> buffer, size_t length) {
    return send_.protectRtp(buffer, length);
  }
  std::optional<size_t> protectRtcp(std::span<uint8_t> buffer, size_t length) {
    return send_.protectRtcp(buffer, length);
  }
  UnprotectResult unprotectRtp(std::span<uint8_t> packet) { return receive_.unprotectRtp(packet); }
  UnprotectResult unprotectRtcp(std::span<uint8_t> packet) { return receive_.unprotectRtcp(packet); }

  size_t rtpOverhead() const { return send_.rtpOverhead(); }
  size_t rtcpOverhead() const { return send_.rtcpOverhead(); }

  SrtpSendContext& send() { return send_; }
  SrtpReceiveContext& receive() { return receive_; }
  const SrtpSendContext& send() const { return send_; }
  const SrtpReceiveContext& receive() const { return receive_; }

 private:
  SrtpSession(SrtpSendContext send, SrtpReceiveContext receive)
      : send_(std::move(send)), receive_(std::move(receive)) {}

  SrtpSendContext send_;
  SrtpReceiveContext receive_;
};

}  // namespace dienhong::media
