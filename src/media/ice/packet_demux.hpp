// What the media worker does with a datagram before any per-participant state is involved:
// classify it by its first byte (RFC 7983 §7, updating RFC 5764 §5.1.2) and, for STUN, find the
// local username fragment it is addressed to, so that the first check from an address the
// worker has never seen can be routed to the ICE-lite agent that owns that ufrag (RFC 8445
// §7.3: USERNAME is "<local ufrag>:<remote ufrag>" from the receiver's point of view).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace dienhong::media {

enum class PacketKind : uint8_t {
  kStun,         // 0..3
  kZrtp,         // 16..19
  kDtls,         // 20..63
  kTurnChannel,  // 64..79
  kRtpOrRtcp,    // 128..191
  kUnknown,      // anything else, or empty: drop
};

PacketKind classifyPacket(std::span<const uint8_t> datagram);

// "<local>:<remote>" split at the first colon; nullopt without a colon or with an empty part.
struct IceUsername {
  std::string_view localUfrag;
  std::string_view remoteUfrag;
};
std::optional<IceUsername> splitIceUsername(std::string_view username);

// The local ufrag of a STUN Binding request (a parsed message carrying USERNAME); nullopt for
// anything else. Performs no authentication: the owner's agent verifies MESSAGE-INTEGRITY.
// The returned view points into the datagram.
std::optional<std::string_view> stunLocalUfrag(std::span<const uint8_t> datagram);

}  // namespace dienhong::media
