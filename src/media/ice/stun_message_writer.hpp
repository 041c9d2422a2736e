// StunMessageWriter: serialises one STUN message (RFC 8489 §5, §14) into a caller buffer — the
// header, attributes padded to 4 bytes, and MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and
// FINGERPRINT computed over what precedes them with the header length adjusted as §14.5-14.7
// require. The header length is kept current after every attribute. Nothing is allocated; a
// write that does not fit, or anything added after FINGERPRINT, makes the writer fail (ok()
// false, message() empty) without touching memory past the buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "common/byte_reader.hpp"
#include "media/ice/stun_types.hpp"
#include "media/ice/transport_address.hpp"

namespace dienhong::media {

class StunMessageWriter {
 public:
  StunMessageWriter(std::span<uint8_t> buffer, StunMessageType type,
                    const StunTransactionId& transactionId);

  // Padding bytes are arbitrary on the wire (§14) and default to zero; RFC 5769's vectors pad
  // with spaces (0x20), so a byte-exact rebuild of them sets this.
  void setPaddingByte(uint8_t value) { padding_ = value; }

  // Any attribute, value verbatim (for relays, tests and the fuzzer's round trip).
  StunMessageWriter& addAttribute(uint16_t type, std::span<const uint8_t> value);
  StunMessageWriter& addText(uint16_t type, std::string_view value) {
    return addAttribute(type, {reinterpret_cast<const uint8_t*>(value.data()), value.size()});
  }
  StunMessageWriter& addUsername(std::string_view value) {
    return addText(stun_attribute::kUsername, value);
  }
  StunMessageWriter& addSoftware(std::string_view value) {
    return addText(stun_attribute::kSoftware, value);
  }
  StunMessageWriter& addXorMappedAddress(const TransportAddress& address);
  // `code` 300..699 (class 3..6, number 0..99); anything else fails the writer.
  StunMessageWriter& addErrorCode(uint16_t code, std::string_view reason);
  StunMessageWriter& addUnknownAttributes(std::span<const uint16_t> types);
  StunMessageWriter& addPriority(uint32_t priority);
  StunMessageWriter& addUseCandidate();
  StunMessageWriter& addIceControlling(uint64_t tieBreaker);
  StunMessageWriter& addIceControlled(uint64_t tieBreaker);

  // HMAC-SHA1 under `key` (the password for short-term credentials, RFC 8489 §9.1.1).
  StunMessageWriter& addMessageIntegrity(std::span<const uint8_t> key);
  StunMessageWriter& addMessageIntegrity(std::string_view password) {
    return addMessageIntegrity(std::span<const uint8_t>(
        reinterpret_cast<const uint8_t*>(password.data()), password.size()));
  }
  // HMAC-SHA256 truncated to `size` bytes (16..32, a multiple of 4; §14.6).
  StunMessageWriter& addMessageIntegritySha256(std::span<const uint8_t> key,
                                               size_t size = kStunMessageIntegritySha256Size);
  // Must be the last attribute (§14.7).
  StunMessageWriter& addFingerprint();

  bool ok() const { return out_.ok() && !failed_; }
  size_t size() const { return ok() ? out_.size() : 0; }
  // The finished message, empty after any failure.
  std::span<const uint8_t> message() const;

 private:
  // Writes the attribute header and reserves `length` value bytes plus padding; returns the
  // offset of the value or 0 on failure. Updates the header length.
  size_t beginAttribute(uint16_t type, size_t length);
  void fail() { failed_ = true; }

  ByteWriter out_;
  std::span<uint8_t> buffer_;
  StunTransactionId transactionId_;
  uint8_t padding_ = 0;
  bool failed_ = false;
  bool sealed_ = false;  // FINGERPRINT written
};

}  // namespace dienhong::media
