// WebRtcTransport: one browser connection on a media worker — ICE-lite (RFC 8445), DTLS-SRTP
// (RFC 5764) and SRTP (RFC 3711/7714) joined over one UDP 5-tuple per RFC 7983 demultiplexing.
// STUN goes to the ICE agent; DTLS and media are accepted only from an address the agent holds a
// valid pair for (RFC 8445 §12.2: no media from an address that did not pass a check); received
// RTP/RTCP is decrypted in place and handed to the listener; outgoing media goes to the pair the
// browser nominated. Lives on one worker thread; nothing here locks or allocates per packet.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "common/result.hpp"
#include "media/dtls/dtls_transport.hpp"
#include "media/ice/ice_lite_agent.hpp"
#include "media/ice/transport_address.hpp"
#include "media/srtp/srtp_session.hpp"
#include "media/transport/media_sink.hpp"

namespace dienhong::media {

class WebRtcTransport;

// Where datagrams leave (the worker's UdpEndpoint in production).
class DatagramSender {
 public:
  virtual ~DatagramSender() = default;
  virtual void sendDatagram(std::span<const uint8_t> datagram, const TransportAddress& to) = 0;
};

class WebRtcTransportListener {
 public:
  virtual ~WebRtcTransportListener() = default;
  virtual void onConnected(WebRtcTransport& transport) = 0;  // ICE nominated and SRTP keyed
  virtual void onFailed(WebRtcTransport& transport, std::string_view reason) = 0;
  // Decrypted packets, valid during the call; the router may rewrite them in place.
  virtual void onRtp(WebRtcTransport& transport, std::span<uint8_t> packet, std::chrono::steady_clock::time_point now) = 0;
  virtual void onRtcp(WebRtcTransport& transport, std::span<uint8_t> packet, std::chrono::steady_clock::time_point now) = 0;
};

enum class TransportState { kNew, kConnecting, kConnected, kDisconnected, kFailed, kClosed };

struct WebRtcTransportStats {
  uint64_t rtpReceived = 0;
  uint64_t rtcpReceived = 0;
  uint64_t rtpSent = 0;
  uint64_t rtcpSent = 0;
  uint64_t droppedUnknownSource = 0;  // DTLS or media from an address without a valid pair
  uint64_t droppedBeforeKeys = 0;     // media before DTLS finished
  uint64_t droppedNotWebRtc = 0;      // ZRTP, TURN channel data, unknown first byte
  std::array<uint64_t, kSrtpStatusCount> srtpRefused{};  // by SrtpStatus
  uint64_t sendRefused = 0;  // not connected, or SRTP refused to protect
};

class WebRtcTransport final : public MediaSink {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    IceLiteConfig ice;
    DtlsTransport::Options dtls;
    SrtpSessionOptions srtp;
  };

  static Result<std::unique_ptr<WebRtcTransport>> create(std::shared_ptr<DtlsContext> dtls,
                                                         DatagramSender& sender,
                                                         WebRtcTransportListener& listener,
                                                         Options options);
  WebRtcTransport(const WebRtcTransport&) = delete;
  WebRtcTransport& operator=(const WebRtcTransport&) = delete;

  // For the SDP we send: our ICE credentials and DTLS fingerprint (sha-256).
  const IceCredentials& localIce() const { return ice_.localCredentials(); }
  const std::string& localFingerprint() const { return dtlsContext_->certificate().sha256Fingerprint(); }
  // From the browser's SDP. Error code "invalid_remote_parameters".
  Result<void> setRemoteParameters(const IceCredentials& remoteIce, std::string_view fingerprintAlgorithm,
                                   std::string_view fingerprint);
  // ICE restart (RFC 8445 §9): new local credentials (then setRemoteParameters with the
  // browser's new ones); the DTLS association and SRTP keys stay. Media keeps flowing on the old
  // pair until the browser nominates one under the new credentials.
  Result<void> restartIce();

  // One datagram addressed to this transport (the registry routed it here).
  void receive(std::span<uint8_t> datagram, const TransportAddress& from, Clock::time_point now);
  // Protects `length` bytes of RTP/RTCP in place (the buffer must have room for the SRTP
  // trailer) and sends them to the nominated address. False when not connected or refused.
  bool sendRtp(std::span<uint8_t> buffer, size_t length) override;
  bool sendRtcp(std::span<uint8_t> buffer, size_t length) override;

  void onTimer(Clock::time_point now);
  // When onTimer() is due, on the caller's clock (DtlsTransport::nextTimeout).
  std::optional<Clock::time_point> nextTimeout(Clock::time_point now) const;
  void close();

  TransportState state() const { return state_; }
  bool hasValidPair(const TransportAddress& remote, Clock::time_point now) const { return ice_.hasValidPair(remote, now); }
  bool ownsUfrag(std::string_view ufrag) const { return ice_.ownsUfrag(ufrag); }
  const WebRtcTransportStats& stats() const { return stats_; }
  const IceLiteAgent& ice() const { return ice_; }

 private:
  WebRtcTransport(std::shared_ptr<DtlsContext> dtls, DatagramSender& sender, WebRtcTransportListener& listener,
                  IceCredentials local, Options options);
  void onIceEvent(const IceEvent& event);
  void onDtlsConnected(const SrtpKeyingMaterial& keys);
  void fail(std::string_view reason);
  void receiveMedia(std::span<uint8_t> datagram, Clock::time_point now);

  std::shared_ptr<DtlsContext> dtlsContext_;
  DatagramSender& sender_;
  WebRtcTransportListener& listener_;
  Options options_;
  IceLiteAgent ice_;
  std::unique_ptr<DtlsTransport> dtls_;
  std::optional<SrtpSession> srtp_;
  std::optional<TransportAddress> dtlsPeer_;  // where handshake flights go
  TransportState state_ = TransportState::kNew;
  WebRtcTransportStats stats_;
  std::array<uint8_t, IceLiteAgent::kMaxResponseSize> stunResponse_{};
};

// RFC 5761 §4: with rtcp-mux, payload types 64–95 (second byte 192–223) are RTCP.
bool isRtcp(std::span<const uint8_t> packet);

}  // namespace dienhong::media
