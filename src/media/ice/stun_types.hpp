// STUN wire constants and the message type (RFC 8489 §5, §6, §14, §18; the ICE attributes of
// RFC 8445 §16.1 and its 487 error of §16.2). Shared by the parser, the writer and the ICE-lite
// agent; nothing here allocates or touches the network.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace dienhong::media {

inline constexpr uint32_t kStunMagicCookie = 0x2112A442;  // RFC 8489 §5
inline constexpr size_t kStunHeaderSize = 20;
inline constexpr size_t kStunAttributeHeaderSize = 4;
inline constexpr uint32_t kStunFingerprintXor = 0x5354554E;    // RFC 8489 §14.7
inline constexpr size_t kStunMessageIntegritySize = 20;        // HMAC-SHA1, §14.5
inline constexpr size_t kStunMessageIntegritySha256Size = 32;  // HMAC-SHA256, §14.6
inline constexpr size_t kStunMessageIntegritySha256MinSize = 16;
inline constexpr size_t kStunFingerprintSize = 4;

// The 96-bit transaction id (RFC 8489 §5).
using StunTransactionId = std::array<uint8_t, 12>;

// RFC 8489 §5: the two class bits C1 C0.
enum class StunClass : uint8_t {
  kRequest = 0b00,
  kIndication = 0b01,
  kSuccessResponse = 0b10,
  kErrorResponse = 0b11,
};

namespace stun_method {
inline constexpr uint16_t kBinding = 0x001;  // RFC 8489 §18.2
}  // namespace stun_method

// The message type field interleaves the 12 method bits with the 2 class bits (RFC 8489 §5,
// figure 3): M11..M7 C1 M6..M4 C0 M3..M0, the top two bits of the field being zero.
struct StunMessageType {
  StunClass messageClass = StunClass::kRequest;
  uint16_t method = stun_method::kBinding;  // 12 bits

  constexpr uint16_t encode() const {
    const auto c = static_cast<uint16_t>(messageClass);
    const auto m = static_cast<uint16_t>(method & 0x0FFF);
    return static_cast<uint16_t>((m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) |
                                 ((c & 0b01) << 4) | ((c & 0b10) << 7));
  }
  static constexpr StunMessageType decode(uint16_t field) {
    const auto m =
        static_cast<uint16_t>((field & 0x000F) | ((field & 0x00E0) >> 1) | ((field & 0x3E00) >> 2));
    const auto c = static_cast<uint8_t>(((field >> 4) & 0b01) | ((field >> 7) & 0b10));
    return {static_cast<StunClass>(c), m};
  }
  constexpr bool operator==(const StunMessageType&) const = default;
};

inline constexpr StunMessageType kBindingRequest{StunClass::kRequest, stun_method::kBinding};
inline constexpr StunMessageType kBindingIndication{StunClass::kIndication, stun_method::kBinding};
inline constexpr StunMessageType kBindingSuccess{StunClass::kSuccessResponse,
                                                 stun_method::kBinding};
inline constexpr StunMessageType kBindingError{StunClass::kErrorResponse, stun_method::kBinding};

// Attribute types (RFC 8489 §18.3, RFC 8445 §16.1). Plain integers: any 16-bit value can
// appear on the wire and must survive a round trip.
namespace stun_attribute {
inline constexpr uint16_t kMappedAddress = 0x0001;
inline constexpr uint16_t kUsername = 0x0006;
inline constexpr uint16_t kMessageIntegrity = 0x0008;
inline constexpr uint16_t kErrorCode = 0x0009;
inline constexpr uint16_t kUnknownAttributes = 0x000A;
inline constexpr uint16_t kRealm = 0x0014;
inline constexpr uint16_t kNonce = 0x0015;
inline constexpr uint16_t kMessageIntegritySha256 = 0x001C;
inline constexpr uint16_t kPasswordAlgorithm = 0x001D;
inline constexpr uint16_t kUserhash = 0x001E;
inline constexpr uint16_t kXorMappedAddress = 0x0020;
inline constexpr uint16_t kPriority = 0x0024;
inline constexpr uint16_t kUseCandidate = 0x0025;
inline constexpr uint16_t kPasswordAlgorithms = 0x8002;
inline constexpr uint16_t kAlternateDomain = 0x8003;
inline constexpr uint16_t kSoftware = 0x8022;
inline constexpr uint16_t kAlternateServer = 0x8023;
inline constexpr uint16_t kFingerprint = 0x8028;
inline constexpr uint16_t kIceControlled = 0x8029;
inline constexpr uint16_t kIceControlling = 0x802A;

// RFC 8489 §14: 0x0000-0x7FFF must be understood, 0x8000-0xFFFF may be ignored.
constexpr bool isComprehensionRequired(uint16_t type) { return type < 0x8000; }
}  // namespace stun_attribute

namespace stun_error {
inline constexpr uint16_t kBadRequest = 400;       // RFC 8489 §14.8
inline constexpr uint16_t kUnauthenticated = 401;  // ("Unauthorized" in RFC 5389)
inline constexpr uint16_t kUnknownAttribute = 420;
inline constexpr uint16_t kRoleConflict = 487;  // RFC 8445 §16.2
}  // namespace stun_error

// Length limits of the variable attributes (RFC 8489 §14.3, §14.8, §14.14): fewer than 509
// bytes of USERNAME, at most 763 bytes of reason phrase or SOFTWARE (128 characters of UTF-8).
inline constexpr size_t kStunMaxUsernameSize = 508;
inline constexpr size_t kStunMaxTextSize = 763;

}  // namespace dienhong::media
