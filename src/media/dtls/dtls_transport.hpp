// DtlsTransport: one DTLS 1.2 association for DTLS-SRTP (RFC 5764, RFC 5763, RFC 8827). Pure
// logic over datagrams: the media worker feeds received datagrams and timer expiries; the
// transport hands datagrams to send back through a callback, checks the peer's certificate
// against the SDP fingerprint, and exports the SRTP keying material (RFC 5764 §4.2).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <openssl/ssl.h>

#include "common/result.hpp"
#include "media/dtls/dtls_certificate.hpp"
#include "media/srtp/srtp_profile.hpp"

namespace dienhong::media {

struct SrtpKeyingMaterial {
  SrtpProfile profile;
  // Ours protect what we send; the peer's unprotect what we receive. Lengths per the profile.
  std::array<uint8_t, kSrtpMaxKeyLength> localKey{};
  std::array<uint8_t, kSrtpMaxSaltLength> localSalt{};
  std::array<uint8_t, kSrtpMaxKeyLength> remoteKey{};
  std::array<uint8_t, kSrtpMaxSaltLength> remoteSalt{};
  size_t keyLength = 0;
  size_t saltLength = 0;
};

enum class DtlsRole { Client, Server };  // a=setup:active is the client (RFC 5763 §5)
enum class DtlsState { New, Connecting, Connected, Failed, Closed };

// The SSL_CTX shared by every transport of one certificate (one per media worker).
class DtlsContext {
 public:
  static Result<std::shared_ptr<DtlsContext>> create(std::shared_ptr<const DtlsCertificate> certificate);
  ~DtlsContext();
  DtlsContext(const DtlsContext&) = delete;
  DtlsContext& operator=(const DtlsContext&) = delete;

  SSL_CTX* native() const { return ctx_; }
  const DtlsCertificate& certificate() const { return *certificate_; }

 private:
  DtlsContext(SSL_CTX* ctx, std::shared_ptr<const DtlsCertificate> certificate)
      : ctx_(ctx), certificate_(std::move(certificate)) {}
  SSL_CTX* ctx_;
  std::shared_ptr<const DtlsCertificate> certificate_;
};

class DtlsTransport {
 public:
  using Clock = std::chrono::steady_clock;

  struct Callbacks {
    std::function<void(std::span<const uint8_t>)> sendDatagram;
    std::function<void(const SrtpKeyingMaterial&)> onConnected;
    std::function<void(std::string_view reason)> onFailed;
    std::function<void()> onClosed;
  };

  struct Options {
    std::chrono::milliseconds initialRetransmit{200};  // doubles on every loss
    std::chrono::milliseconds maxRetransmit{3000};
    std::chrono::seconds handshakeDeadline{30};
    uint16_t mtu = 1200;
  };

  static Result<std::unique_ptr<DtlsTransport>> create(std::shared_ptr<DtlsContext> context,
                                                       DtlsRole role, Callbacks callbacks,
                                                       Options options);
  static Result<std::unique_ptr<DtlsTransport>> create(std::shared_ptr<DtlsContext> context,
                                                       DtlsRole role, Callbacks callbacks) {
    return create(std::move(context), role, std::move(callbacks), Options{});
  }
  ~DtlsTransport();
  DtlsTransport(const DtlsTransport&) = delete;
  DtlsTransport& operator=(const DtlsTransport&) = delete;

  // From the remote SDP: "sha-256" (also sha-1, sha-384, sha-512) and "AB:CD:…". Error code
  // "invalid_fingerprint" for an unknown algorithm or malformed value. May come after the
  // handshake (the peer answered an offer of ours and connected before its answer arrived): the
  // peer is then checked here, and the handshake deadline applies until it is.
  Result<void> setRemoteFingerprint(std::string_view algorithm, std::string_view value);

  // Starts the handshake; the client sends its ClientHello at once.
  void start(Clock::time_point now);
  // One received DTLS datagram (RFC 7983: first byte 20–63).
  void receive(std::span<const uint8_t> datagram, Clock::time_point now);
  // When the worker should call onTimer() next, if a handshake retransmission is pending, on the
  // caller's clock: a timer already due gives `now` itself (never a later reading of the clock,
  // which a caller comparing with its own `now` would never reach).
  std::optional<Clock::time_point> nextTimeout(Clock::time_point now) const;
  void onTimer(Clock::time_point now);
  // Sends close_notify.
  void close();

  DtlsState state() const { return state_; }
  DtlsRole role() const { return role_; }
  // Datagrams that were not valid DTLS for this association, for statistics.
  uint64_t droppedDatagrams() const { return dropped_; }

 private:
  DtlsTransport(std::shared_ptr<DtlsContext> context, DtlsRole role, Callbacks callbacks,
                Options options);
  static int writeDatagram(BIO* bio, const char* data, int length);
  static long controlBio(BIO* bio, int command, long num, void* ptr);
  static unsigned int retransmitTimer(SSL* ssl, unsigned int previousUs);

  void advance(Clock::time_point now);
  void finishHandshake();
  void fail(std::string_view reason);
  bool peerMatchesFingerprint();

  std::shared_ptr<DtlsContext> context_;
  DtlsRole role_;
  Callbacks callbacks_;
  Options options_;
  SSL* ssl_ = nullptr;
  BIO* readBio_ = nullptr;  // owned by ssl_
  DtlsState state_ = DtlsState::New;
  std::string remoteAlgorithm_;
  std::string remoteFingerprint_;
  Clock::time_point deadline_{};
  bool awaitingFingerprint_ = false;  // handshake done, peer not checked yet
  uint64_t dropped_ = 0;
};

}  // namespace dienhong::media
