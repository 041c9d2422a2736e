#include "media/ice/packet_demux.hpp"

#include "media/ice/stun_message_view.hpp"

namespace dienhong::media {

PacketKind classifyPacket(std::span<const uint8_t> datagram) {
  if (datagram.empty()) return PacketKind::kUnknown;
  const uint8_t b = datagram[0];
  if (b <= 3) return PacketKind::kStun;
  if (b >= 16 && b <= 19) return PacketKind::kZrtp;
  if (b >= 20 && b <= 63) return PacketKind::kDtls;
  if (b >= 64 && b <= 79) return PacketKind::kTurnChannel;
  if (b >= 128 && b <= 191) return PacketKind::kRtpOrRtcp;
  return PacketKind::kUnknown;
}

std::optional<IceUsername> splitIceUsername(std::string_view username) {
  const size_t colon = username.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == username.size()) {
    return std::nullopt;
  }
  return IceUsername{username.substr(0, colon), username.substr(colon + 1)};
}

std::optional<std::string_view> stunLocalUfrag(std::span<const uint8_t> datagram) {
  if (!isStun(datagram)) return std::nullopt;
  const auto message = StunMessageView::parse(datagram);
  if (!message || message->type() != kBindingRequest) return std::nullopt;
  const auto username = message->username();
  if (!username) return std::nullopt;
  const auto parts = splitIceUsername(*username);
  if (!parts) return std::nullopt;
  return parts->localUfrag;
}

}  // namespace dienhong::media
