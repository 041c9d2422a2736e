// StunMessageView: a validated, non-owning view of one STUN message (RFC 8489 §5, §14) with
// the typed attribute lookups and the integrity / fingerprint checks the ICE-lite agent needs.
// Parsing checks the whole framing once; lookups then walk the attributes without allocating.
//
// Decisions (RFC 8489):
//  - The header must be exact (§5, §6.3): top two bits zero, length a multiple of 4 and equal
//    to the datagram size minus 20, magic cookie present (RFC 3489 messages are refused, as
//    RFC 8445 §7.3 forbids the backwards-compatibility mode).
//  - Every attribute, with its padding to 4 bytes, must fit (§14); padding bytes are ignored.
//  - FINGERPRINT must be the last attribute (§14.7): a message with anything after it is
//    refused, because bytes outside the CRC could otherwise ride along on a demultiplexed
//    packet.
//  - Attributes after MESSAGE-INTEGRITY other than MESSAGE-INTEGRITY-SHA256 and FINGERPRINT,
//    and after MESSAGE-INTEGRITY-SHA256 other than FINGERPRINT, are ignored (§9, §14.5, §14.6):
//    they stay visible to attributes() but every lookup skips them.
//  - Lookups return the first occurrence of a type (§14: later duplicates may be ignored).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "media/ice/stun_types.hpp"
#include "media/ice/transport_address.hpp"

namespace dienhong::media {

struct StunAttribute {
  uint16_t type = 0;
  std::span<const uint8_t> value;  // without padding
  size_t offset = 0;               // of the attribute header within the message
};

struct StunErrorCode {
  uint16_t code = 0;        // 300..699
  std::string_view reason;  // UTF-8 reason phrase, not validated
};

// The list of 16-bit types of an UNKNOWN-ATTRIBUTES attribute (RFC 8489 §14.13).
class StunUnknownAttributes {
 public:
  explicit StunUnknownAttributes(std::span<const uint8_t> value) : value_(value) {}
  size_t size() const { return value_.size() / 2; }
  uint16_t operator[](size_t i) const {
    return static_cast<uint16_t>((value_[2 * i] << 8) | value_[2 * i + 1]);
  }

 private:
  std::span<const uint8_t> value_;
};

class StunMessageView {
 public:
  // Walks every attribute in wire order, including ignored ones (see isIgnored()).
  class Iterator {
   public:
    using value_type = StunAttribute;
    using difference_type = std::ptrdiff_t;
    Iterator() = default;
    Iterator(std::span<const uint8_t> message, size_t offset)
        : message_(message), offset_(offset) {}
    StunAttribute operator*() const;
    Iterator& operator++();
    Iterator operator++(int) {
      Iterator copy = *this;
      ++*this;
      return copy;
    }
    bool operator==(const Iterator& other) const { return offset_ == other.offset_; }

   private:
    std::span<const uint8_t> message_;
    size_t offset_ = 0;
  };
  struct Range {
    Iterator first, last;
    Iterator begin() const { return first; }
    Iterator end() const { return last; }
  };

  static std::optional<StunMessageView> parse(std::span<const uint8_t> message);

  std::span<const uint8_t> bytes() const { return message_; }
  StunMessageType type() const;
  StunClass messageClass() const { return type().messageClass; }
  uint16_t method() const { return type().method; }
  StunTransactionId transactionId() const;
  std::span<const uint8_t> transactionIdBytes() const { return message_.subspan(8, 12); }

  Range attributes() const;
  // True for an attribute that §9 says to ignore (it follows the integrity attributes).
  bool isIgnored(const StunAttribute& attribute) const;
  // First non-ignored attribute of `type`. MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and
  // FINGERPRINT are found only where they count (see the header comment).
  std::optional<StunAttribute> find(uint16_t type) const;
  bool has(uint16_t type) const { return find(type).has_value(); }

  // Typed lookups; nullopt when absent or malformed.
  std::optional<std::string_view> username() const;  // < 509 bytes (§14.3)
  std::optional<std::string_view> software() const;  // <= 763 bytes (§14.14)
  std::optional<std::string_view> realm() const;
  std::optional<std::string_view> nonce() const;
  std::optional<TransportAddress> xorMappedAddress() const;        // §14.2, as UDP
  std::optional<StunErrorCode> errorCode() const;                  // §14.8
  std::optional<StunUnknownAttributes> unknownAttributes() const;  // §14.13
  std::optional<uint32_t> priority() const;                        // RFC 8445 §7.1.1
  bool useCandidate() const;                                       // RFC 8445 §7.1.2
  std::optional<uint64_t> iceControlling() const;                  // RFC 8445 §7.1.3
  std::optional<uint64_t> iceControlled() const;

  bool hasMessageIntegrity() const { return messageIntegrity_ != 0; }
  bool hasMessageIntegritySha256() const { return messageIntegritySha256_ != 0; }
  bool hasFingerprint() const { return fingerprint_ != 0; }

  // CRC-32 of everything before FINGERPRINT, XOR 0x5354554e (§14.7). False when absent.
  bool verifyFingerprint() const;
  // HMAC-SHA1 under `key` of the message up to MESSAGE-INTEGRITY, the header length adjusted
  // to end with that attribute (§14.5); constant-time comparison. For short-term credentials
  // the key is the password (§9.1.1), for long-term ones stunLongTermKey() (§9.2.2).
  bool verifyMessageIntegrity(std::span<const uint8_t> key) const;
  // Same for MESSAGE-INTEGRITY-SHA256 (§14.6), which may be truncated to 16..32 bytes.
  bool verifyMessageIntegritySha256(std::span<const uint8_t> key) const;

  // Non-ignored comprehension-required attribute types this code does not understand, for a
  // 420 response (RFC 8489 §6.3.1): writes the distinct ones, up to out.size(), and returns
  // how many there are (> out.size() means the list was cut).
  size_t unknownComprehensionRequired(std::span<uint16_t> out) const;

 private:
  explicit StunMessageView(std::span<const uint8_t> message) : message_(message) {}
  std::optional<StunAttribute> attributeAt(size_t offset) const;
  std::optional<std::string_view> text(uint16_t type, size_t maxSize) const;

  std::span<const uint8_t> message_;
  // Offsets of the attribute headers that count; 0 = absent (no attribute can start at 0).
  size_t messageIntegrity_ = 0;
  size_t messageIntegritySha256_ = 0;
  size_t fingerprint_ = 0;
  // Ordinary attributes at or past this offset are ignored.
  size_t honouredEnd_ = 0;
};

// RFC 7983 demultiplexing plus the STUN header invariants, without walking the attributes:
// first byte 0..3, a length consistent with the datagram, the magic cookie. Narrower than
// parse(), which accepts any first byte with the top two bits clear (RFC 8489 §5): RFC 7983
// leaves 16..63 to ZRTP and DTLS.
bool isStun(std::span<const uint8_t> datagram);

}  // namespace dienhong::media
