// UdpEndpoint: a media worker's UDP socket. Reads are drained in batches with recvmmsg(2) each
// time the socket becomes readable; sends are queued into a batch and leave with one sendmmsg(2)
// at the end of the cycle. Dual-stack: bound to "::" it serves IPv4 and IPv6 peers on one port.
// Runs on its worker's thread only; no allocation per datagram.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "common/result.hpp"
#include "media/ice/transport_address.hpp"
#include "media/worker/datagram_batch.hpp"

namespace dienhong::media {

class DatagramHandler {
 public:
  using Clock = std::chrono::steady_clock;
  virtual ~DatagramHandler() = default;
  // The datagram is writable so SRTP can decrypt it in place; it is valid during the call only.
  virtual void onDatagram(std::span<uint8_t> datagram, const TransportAddress& from, Clock::time_point now) = 0;
};

struct UdpEndpointStats {
  uint64_t datagramsReceived = 0;
  uint64_t datagramsSent = 0;
  uint64_t receiveCalls = 0;  // recvmmsg calls that returned data: received / calls = batching
  uint64_t sendCalls = 0;
  uint64_t sendDropped = 0;   // kernel buffer full, or an unsendable address
  uint64_t receiveTruncated = 0;
};

class UdpEndpoint {
 public:
  // Error code "bind_failed" naming the address and port.
  static Result<std::unique_ptr<UdpEndpoint>> open(boost::asio::io_context& context,
                                                   const std::string& bindAddress, uint16_t port,
                                                   DatagramHandler& handler);
  ~UdpEndpoint();
  UdpEndpoint(const UdpEndpoint&) = delete;
  UdpEndpoint& operator=(const UdpEndpoint&) = delete;

  uint16_t port() const { return port_; }
  void start();
  void close();

  // Queues a datagram; it leaves at the end of the current cycle (or at once when the batch is full).
  void send(std::span<const uint8_t> datagram, const TransportAddress& to);
  void flush();

  const UdpEndpointStats& stats() const { return stats_; }

 private:
  UdpEndpoint(boost::asio::io_context& context, DatagramHandler& handler);
  void waitForData();
  void drain();

  boost::asio::io_context& context_;
  boost::asio::ip::udp::socket socket_;
  DatagramHandler& handler_;
  uint16_t port_ = 0;
  bool dualStack_ = false;
  bool flushPosted_ = false;
  std::unique_ptr<DatagramBatch> receiveBatch_;
  std::unique_ptr<DatagramBatch> sendBatch_;
  UdpEndpointStats stats_;
};

}  // namespace dienhong::media
