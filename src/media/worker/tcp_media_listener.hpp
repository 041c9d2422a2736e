// TcpMediaListener: a media worker's passive ICE-TCP listener (RFC 6544), beside its UdpEndpoint,
// for browsers on networks that block UDP. The server only ever announces `tcptype passive`
// host candidates; the browser connects. Every accepted connection carries RFC 4571 framing
// (RFC 6544 §3: for STUN, DTLS and SRTP alike) and each complete frame goes to the same
// DatagramHandler::onDatagram as a UDP datagram, from the peer's address with
// TransportProtocol::kTcp — ICE, DTLS and SRTP cannot tell the difference. A connection is
// identified by its remote address and port.
//
// Anyone may open TCP connections, so everything is bounded: connections per listener and per
// remote IP, a deadline for the first complete frame, an idle timeout, a per-connection send
// queue that drops (and counts) instead of growing. Runs on its worker's thread only; per frame
// it neither allocates nor blocks (preallocated read buffer, send ring and operation memory).
#pragma once

#include <boost/asio/basic_socket_acceptor.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>

#include "common/result.hpp"
#include "media/ice/transport_address.hpp"
#include "media/worker/udp_endpoint.hpp"

namespace dienhong::media {

struct TcpMediaLimits {
  size_t maxConnections = 1024;
  size_t maxConnectionsPerIp = 16;
  // A connection that has not delivered one complete frame by then is closed.
  std::chrono::milliseconds firstFrameTimeout{5000};
  // Then one without any frame for this long (consent checks arrive every few seconds).
  std::chrono::milliseconds idleTimeout{30000};
  // Per connection, LENGTH fields included: ~200 ms of a 2.5 Mbit/s video.
  size_t sendQueueBytes = 64 * 1024;
};

struct TcpMediaListenerStats {
  uint64_t connectionsAccepted = 0;
  uint64_t connectionsOpen = 0;           // now
  uint64_t rejectedListenerFull = 0;      // closed at once: maxConnections reached
  uint64_t rejectedPerIpLimit = 0;        // closed at once: maxConnectionsPerIp reached
  uint64_t acceptErrors = 0;              // e.g. out of file descriptors
  uint64_t closedByPeer = 0;              // end of stream, reset, or a failed write
  uint64_t closedFramingError = 0;        // a zero or oversize RFC 4571 LENGTH
  uint64_t closedFirstFrameTimeout = 0;
  uint64_t closedIdleTimeout = 0;
  uint64_t framesReceived = 0;
  uint64_t framesQueued = 0;              // accepted by send()
  uint64_t writeCalls = 0;                // framesQueued / writeCalls = coalescing
  uint64_t sendDropped = 0;               // send queue full, or not a sendable frame
  uint64_t sendNoConnection = 0;          // no open connection to that address
  uint64_t handlerHeapFallbacks = 0;      // operations that did not fit their HandlerMemory
};

// Learns which TCP connections went away, so that nothing keeps routing to their addresses.
class TcpConnectionObserver {
 public:
  virtual ~TcpConnectionObserver() = default;
  virtual void onConnectionClosed(const TransportAddress& remote) = 0;
};

class TcpMediaListener {
 public:
  using Clock = std::chrono::steady_clock;

  // Dual-stack when bound to "::". Error code "bind_failed" naming the address and port.
  static Result<std::unique_ptr<TcpMediaListener>> open(boost::asio::io_context& context,
                                                        const std::string& bindAddress, uint16_t port,
                                                        DatagramHandler& handler, TcpMediaLimits limits = {});
  // Closes every connection without reporting them: the observer may be gone already.
  ~TcpMediaListener();
  TcpMediaListener(const TcpMediaListener&) = delete;
  TcpMediaListener& operator=(const TcpMediaListener&) = delete;

  uint16_t port() const { return port_; }
  // Told about every connection closed from now on (the registry, when attached). May be null.
  void setConnectionObserver(TcpConnectionObserver* observer) { observer_ = observer; }
  void start();
  // Stops accepting and closes every connection, reporting each to the observer. Final.
  void close();

  // Queues one packet (framed on the way out) for the connection whose remote address is `to`
  // (protocol kTcp); it leaves at the end of the current cycle, together with whatever else that
  // connection has queued. Dropped and counted when there is no such connection or its queue is full.
  void send(std::span<const uint8_t> datagram, const TransportAddress& to);

  TcpMediaListenerStats stats() const;
  const TcpMediaLimits& limits() const { return limits_; }

 private:
  class Connection;
  using Acceptor = boost::asio::basic_socket_acceptor<boost::asio::ip::tcp, boost::asio::io_context::executor_type>;
  using Timer = boost::asio::basic_waitable_timer<Clock, boost::asio::wait_traits<Clock>,
                                                  boost::asio::io_context::executor_type>;
  enum class CloseReason { kPeer, kFraming, kFirstFrameTimeout, kIdleTimeout, kListenerClosed };

  TcpMediaListener(boost::asio::io_context& context, DatagramHandler& handler, TcpMediaLimits limits);
  void accept();
  void onAccepted(boost::asio::basic_stream_socket<boost::asio::ip::tcp, boost::asio::io_context::executor_type> socket);
  void closeConnection(Connection& connection, CloseReason reason);

  Acceptor acceptor_;
  Timer acceptRetry_;
  DatagramHandler& handler_;
  TcpConnectionObserver* observer_ = nullptr;
  TcpMediaLimits limits_;
  uint16_t port_ = 0;
  // Pending accept handlers hold this; close() clears it, so that they never touch a listener
  // that is gone.
  std::shared_ptr<TcpMediaListener*> self_;
  std::unordered_map<TransportAddress, std::shared_ptr<Connection>> connections_;
  std::unordered_map<TransportAddress, uint32_t> perIp_;  // key: address with port 0
  TcpMediaListenerStats stats_;
  uint64_t closedHandlerHeapFallbacks_ = 0;  // of connections gone
};

}  // namespace dienhong::media
