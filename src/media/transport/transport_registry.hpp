// TransportRegistry: routes a media worker's datagrams to its WebRtcTransports. A first STUN
// check from an unknown address is routed by its USERNAME's local ufrag (RFC 8445 §7.3: every
// transport has its own credentials on the shared port); once the transport's ICE agent holds a
// valid pair for the address, the address itself routes every later datagram. One per worker,
// for both of its endpoints: the UDP socket and the passive ICE-TCP listener (RFC 6544), whose
// frames arrive from addresses with TransportProtocol::kTcp. Outgoing datagrams leave through
// the endpoint of their destination's protocol; a closed TCP connection's address is forgotten,
// so a new connection must pass a check again before it routes.
#pragma once

#include <memory>
#include <unordered_map>
#include <vector>

#include "media/ice/transport_address.hpp"
#include "media/transport/webrtc_transport.hpp"
#include "media/worker/tcp_media_listener.hpp"
#include "media/worker/udp_endpoint.hpp"

namespace dienhong::media {

class TransportRegistry final : public DatagramHandler, public DatagramSender, public TcpConnectionObserver {
 public:
  TransportRegistry() = default;
  // Each endpoint is opened with this registry as its handler, then attached here.
  void attach(UdpEndpoint& endpoint) { udp_ = &endpoint; }
  // Also makes this registry the listener's TcpConnectionObserver.
  void attach(TcpMediaListener& listener);

  void add(WebRtcTransport& transport);
  // Forgets the transport and every address that routed to it.
  void remove(WebRtcTransport& transport);

  void onDatagram(std::span<uint8_t> datagram, const TransportAddress& from, Clock::time_point now) override;
  // To the UDP endpoint or the TCP listener, by `to.protocol()`.
  void sendDatagram(std::span<const uint8_t> datagram, const TransportAddress& to) override;
  void onConnectionClosed(const TransportAddress& remote) override;

  uint64_t unroutable() const { return unroutable_; }
  // Datagrams for a protocol whose endpoint is not attached.
  uint64_t unsendable() const { return unsendable_; }
  size_t routedAddresses() const { return byAddress_.size(); }

 private:
  WebRtcTransport* byUfrag(std::span<const uint8_t> datagram) const;

  UdpEndpoint* udp_ = nullptr;
  TcpMediaListener* tcp_ = nullptr;
  std::vector<WebRtcTransport*> transports_;
  std::unordered_map<TransportAddress, WebRtcTransport*> byAddress_;
  uint64_t unroutable_ = 0;
  uint64_t unsendable_ = 0;
};

}  // namespace dienhong::media
