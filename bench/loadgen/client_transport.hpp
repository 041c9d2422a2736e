// ClientTransport: one peer connection's transport as a browser runs it — a UDP socket of its own,
// a full ICE agent (controlling, or controlled when a full-ICE server offered), DTLS (client or server, as the SDP decided) and the SRTP session
// from the exported keys. Received datagrams are told apart by their first byte (RFC 7983) and
// RTP from RTCP by payload type (RFC 5761); media reaches the owner decrypted, in place. The
// socket is drained with recvmmsg into the worker's shared batch each time it becomes readable.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "loadgen/ice_client.hpp"
#include "media/dtls/dtls_transport.hpp"
#include "media/ice/transport_address.hpp"
#include "media/srtp/srtp_session.hpp"
#include "loadgen/receive_batch.hpp"

namespace dienhong::loadgen {

struct RemoteTransport {
  std::string iceUfrag;
  std::string icePwd;
  std::string fingerprintAlgorithm;
  std::string fingerprint;
  media::DtlsRole localRole = media::DtlsRole::Client;
  // RFC 8445 §6.1.1: the offerer controls, unless the other side is ICE-lite (then we always do).
  bool iceControlling = true;
  boost::asio::ip::udp::endpoint candidate;
};

class ClientTransport {
 public:
  using Clock = std::chrono::steady_clock;

  struct Callbacks {
    // `arrivalMicros`: the kernel receive time (receive_batch.hpp).
    std::function<void(std::span<uint8_t> rtp, Clock::time_point now, int64_t arrivalMicros)> onRtp;
    std::function<void(std::span<uint8_t> rtcp, Clock::time_point now)> onRtcp;
    std::function<void(std::string_view reason)> onFailed;
  };

  struct Counters {
    uint64_t datagramsReceived = 0;
    uint64_t unprotectFailures = 0;
    uint64_t sendFailures = 0;
  };

  // Binds a UDP socket on `localAddress` (port 0). The DTLS context carries our certificate and
  // the SRTP profiles we offer.
  ClientTransport(boost::asio::io_context& io, ReceiveBatch& batch,
                  std::shared_ptr<media::DtlsContext> dtls, const boost::asio::ip::address& localAddress,
                  Callbacks callbacks);
  ~ClientTransport();
  ClientTransport(const ClientTransport&) = delete;
  ClientTransport& operator=(const ClientTransport&) = delete;

  const media::IceCredentials& iceCredentials() const { return ice_.local(); }
  const std::string& fingerprint() const;
  boost::asio::ip::udp::endpoint localEndpoint() const;

  // Starts ICE toward the candidate, then DTLS in the given role. Once only.
  void start(const RemoteTransport& remote, Clock::time_point now);
  bool started() const { return started_; }
  void tick(Clock::time_point now);

  bool ready() const { return srtp_.has_value(); }
  bool failed() const { return failed_; }
  std::optional<media::SrtpProfile> profile() const;

  // Protects in place (`buffer` must leave kSrtpMaxRtpOverhead / kSrtpMaxRtcpOverhead after
  // `length`) and sends. False when not ready or the packet was refused.
  bool sendRtp(std::span<uint8_t> buffer, size_t length);
  bool sendRtcp(std::span<uint8_t> buffer, size_t length);

  const Counters& counters() const { return counters_; }
  // "ICE connected (3 checks), DTLS connecting, 12 datagrams received": for failure reports.
  std::string describe() const;

 private:
  void waitReadable();
  void drain();
  void onDatagram(std::span<uint8_t> datagram, Clock::time_point now, int64_t arrivalMicros);
  void sendRaw(std::span<const uint8_t> datagram);
  void fail(std::string_view reason);

  boost::asio::ip::udp::socket socket_;
  ReceiveBatch& batch_;
  std::shared_ptr<media::DtlsContext> dtlsContext_;
  Callbacks callbacks_;
  IceClient ice_;
  std::unique_ptr<media::DtlsTransport> dtls_;
  std::optional<media::SrtpSession> srtp_;
  media::TransportAddress remoteAddress_;
  bool started_ = false;
  bool failed_ = false;
  Counters counters_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace dienhong::loadgen
