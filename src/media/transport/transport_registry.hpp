// TransportRegistry: routes a media worker's datagrams to its WebRtcTransports. A first STUN
// check from an unknown address is routed by its USERNAME's local ufrag (RFC 8445 §7.3: every
// transport has its own credentials on the shared port); once the transport's ICE agent holds a
// valid pair for the address, the address itself routes every later datagram. One per worker.
#pragma once

#include <memory>
#include <unordered_map>
#include <vector>

#include "media/ice/transport_address.hpp"
#include "media/transport/webrtc_transport.hpp"
#include "media/worker/udp_endpoint.hpp"

namespace dienhong::media {

class TransportRegistry final : public DatagramHandler, public DatagramSender {
 public:
  TransportRegistry() = default;
  // The endpoint is opened with this registry as its handler, then attached here.
  void attach(UdpEndpoint& endpoint) { endpoint_ = &endpoint; }

  void add(WebRtcTransport& transport);
  // Forgets the transport and every address that routed to it.
  void remove(WebRtcTransport& transport);

  void onDatagram(std::span<uint8_t> datagram, const TransportAddress& from, Clock::time_point now) override;
  void sendDatagram(std::span<const uint8_t> datagram, const TransportAddress& to) override;

  uint64_t unroutable() const { return unroutable_; }
  size_t routedAddresses() const { return byAddress_.size(); }

 private:
  WebRtcTransport* byUfrag(std::span<const uint8_t> datagram) const;

  UdpEndpoint* endpoint_ = nullptr;
  std::vector<WebRtcTransport*> transports_;
  std::unordered_map<TransportAddress, WebRtcTransport*> byAddress_;
  uint64_t unroutable_ = 0;
};

}  // namespace dienhong::media
