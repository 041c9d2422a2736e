#include "media/transport/transport_registry.hpp"

#include <algorithm>

#include "media/ice/packet_demux.hpp"

namespace dienhong::media {

void TransportRegistry::attach(TcpMediaListener& listener) {
  tcp_ = &listener;
  listener.setConnectionObserver(this);
}

void TransportRegistry::add(WebRtcTransport& transport) { transports_.push_back(&transport); }

void TransportRegistry::remove(WebRtcTransport& transport) {
  std::erase(transports_, &transport);
  std::erase_if(byAddress_, [&](const auto& entry) { return entry.second == &transport; });
}

WebRtcTransport* TransportRegistry::byUfrag(std::span<const uint8_t> datagram) const {
  const auto ufrag = stunLocalUfrag(datagram);
  if (!ufrag) return nullptr;
  for (WebRtcTransport* t : transports_) {
    if (t->ownsUfrag(*ufrag)) return t;
  }
  return nullptr;
}

void TransportRegistry::onDatagram(std::span<uint8_t> datagram, const TransportAddress& from,
                                   Clock::time_point now) {
  WebRtcTransport* transport = nullptr;
  if (auto it = byAddress_.find(from); it != byAddress_.end()) transport = it->second;
  // A STUN check names its transport; it wins over the address map (a new participant may reuse
  // an address another one held, or the same browser may restart ICE with new credentials).
  if (classifyPacket(datagram) == PacketKind::kStun) {
    if (WebRtcTransport* named = byUfrag(datagram)) transport = named;
  }
  if (transport == nullptr) {
    ++unroutable_;
    return;
  }
  transport->receive(datagram, from, now);
  if (transport->hasValidPair(from, now)) byAddress_[from] = transport;
}

void TransportRegistry::sendDatagram(std::span<const uint8_t> datagram, const TransportAddress& to) {
  if (to.protocol() == TransportProtocol::kTcp) {
    if (tcp_ != nullptr) {
      tcp_->send(datagram, to);
      return;
    }
  } else if (udp_ != nullptr) {
    udp_->send(datagram, to);
    return;
  }
  ++unsendable_;
}

void TransportRegistry::onConnectionClosed(const TransportAddress& remote) { byAddress_.erase(remote); }

}  // namespace dienhong::media
