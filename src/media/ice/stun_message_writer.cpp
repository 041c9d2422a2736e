#include "media/ice/stun_message_writer.hpp"

#include <algorithm>
#include <array>

#include "media/ice/crc32.hpp"
#include "media/ice/stun_crypto.hpp"
#include "media/ice/xor_mapped_address.hpp"

namespace dienhong::media {

StunMessageWriter::StunMessageWriter(std::span<uint8_t> buffer, StunMessageType type,
                                     const StunTransactionId& transactionId)
    : out_(buffer), buffer_(buffer), transactionId_(transactionId) {
  out_.u16(type.encode()).u16(0).u32(kStunMagicCookie).bytes(transactionId);
}

size_t StunMessageWriter::beginAttribute(uint16_t type, size_t length) {
  if (sealed_ || length > 0xFFFF) fail();
  if (!ok()) return 0;
  const size_t paddedLength = (length + 3) & ~size_t{3};
  const size_t total = out_.size() + kStunAttributeHeaderSize + paddedLength;
  if (total - kStunHeaderSize > 0xFFFF) {
    fail();
    return 0;
  }
  out_.u16(type).u16(static_cast<uint16_t>(length));
  const size_t valueOffset = out_.size();
  out_.zeros(length);
  for (size_t i = length; i < paddedLength; ++i) out_.u8(padding_);
  if (!out_.ok()) return 0;
  out_.patchU16(2, static_cast<uint16_t>(out_.size() - kStunHeaderSize));
  return valueOffset;
}

StunMessageWriter& StunMessageWriter::addAttribute(uint16_t type, std::span<const uint8_t> value) {
  const size_t at = beginAttribute(type, value.size());
  if (at != 0) std::copy(value.begin(), value.end(), buffer_.begin() + static_cast<ptrdiff_t>(at));
  return *this;
}

StunMessageWriter& StunMessageWriter::addXorMappedAddress(const TransportAddress& address) {
  std::array<uint8_t, kXorMappedAddressMaxSize> value{};
  const size_t size = encodeXorMappedAddress(address, transactionId_, value);
  return addAttribute(stun_attribute::kXorMappedAddress, std::span(value).first(size));
}

StunMessageWriter& StunMessageWriter::addErrorCode(uint16_t code, std::string_view reason) {
  if (code < 300 || code > 699 || reason.size() > kStunMaxTextSize) {
    fail();
    return *this;
  }
  const size_t at = beginAttribute(stun_attribute::kErrorCode, 4 + reason.size());
  if (at == 0) return *this;
  auto value = buffer_.subspan(at, 4 + reason.size());
  value[0] = 0;
  value[1] = 0;
  value[2] = static_cast<uint8_t>(code / 100);
  value[3] = static_cast<uint8_t>(code % 100);
  std::copy(reason.begin(), reason.end(), value.begin() + 4);
  return *this;
}

StunMessageWriter& StunMessageWriter::addUnknownAttributes(std::span<const uint16_t> types) {
  const size_t at = beginAttribute(stun_attribute::kUnknownAttributes, 2 * types.size());
  if (at == 0) return *this;
  for (size_t i = 0; i < types.size(); ++i) {
    buffer_[at + 2 * i] = static_cast<uint8_t>(types[i] >> 8);
    buffer_[at + 2 * i + 1] = static_cast<uint8_t>(types[i]);
  }
  return *this;
}

StunMessageWriter& StunMessageWriter::addPriority(uint32_t priority) {
  const std::array<uint8_t, 4> value = {
      static_cast<uint8_t>(priority >> 24), static_cast<uint8_t>(priority >> 16),
      static_cast<uint8_t>(priority >> 8), static_cast<uint8_t>(priority)};
  return addAttribute(stun_attribute::kPriority, value);
}

StunMessageWriter& StunMessageWriter::addUseCandidate() {
  return addAttribute(stun_attribute::kUseCandidate, {});
}

namespace {
std::array<uint8_t, 8> bigEndian64(uint64_t v) {
  std::array<uint8_t, 8> out{};
  for (size_t i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(v >> (56 - 8 * i));
  return out;
}
}  // namespace

StunMessageWriter& StunMessageWriter::addIceControlling(uint64_t tieBreaker) {
  return addAttribute(stun_attribute::kIceControlling, bigEndian64(tieBreaker));
}

StunMessageWriter& StunMessageWriter::addIceControlled(uint64_t tieBreaker) {
  return addAttribute(stun_attribute::kIceControlled, bigEndian64(tieBreaker));
}

StunMessageWriter& StunMessageWriter::addMessageIntegrity(std::span<const uint8_t> key) {
  // beginAttribute already set the header length to end with this attribute, which is exactly
  // the adjusted length §14.5 asks for.
  const size_t at = beginAttribute(stun_attribute::kMessageIntegrity, kStunMessageIntegritySize);
  if (at == 0) return *this;
  const std::span<const uint8_t> covered = buffer_.first(at - kStunAttributeHeaderSize);
  const Sha1Digest mac = hmacSha1(key, {covered});
  std::copy(mac.begin(), mac.end(), buffer_.begin() + static_cast<ptrdiff_t>(at));
  return *this;
}

StunMessageWriter& StunMessageWriter::addMessageIntegritySha256(std::span<const uint8_t> key,
                                                                size_t size) {
  if (size < kStunMessageIntegritySha256MinSize || size > kStunMessageIntegritySha256Size ||
      size % 4 != 0) {
    fail();
    return *this;
  }
  const size_t at = beginAttribute(stun_attribute::kMessageIntegritySha256, size);
  if (at == 0) return *this;
  const std::span<const uint8_t> covered = buffer_.first(at - kStunAttributeHeaderSize);
  const Sha256Digest mac = hmacSha256(key, {covered});
  std::copy_n(mac.begin(), size, buffer_.begin() + static_cast<ptrdiff_t>(at));
  return *this;
}

StunMessageWriter& StunMessageWriter::addFingerprint() {
  const size_t at = beginAttribute(stun_attribute::kFingerprint, kStunFingerprintSize);
  if (at == 0) return *this;
  const uint32_t value = crc32(buffer_.first(at - kStunAttributeHeaderSize)) ^ kStunFingerprintXor;
  buffer_[at] = static_cast<uint8_t>(value >> 24);
  buffer_[at + 1] = static_cast<uint8_t>(value >> 16);
  buffer_[at + 2] = static_cast<uint8_t>(value >> 8);
  buffer_[at + 3] = static_cast<uint8_t>(value);
  sealed_ = true;
  return *this;
}

std::span<const uint8_t> StunMessageWriter::message() const {
  if (!ok()) return {};
  return buffer_.first(out_.size());
}

}  // namespace dienhong::media
