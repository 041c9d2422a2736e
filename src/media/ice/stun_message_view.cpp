#include "media/ice/stun_message_view.hpp"

#include <algorithm>
#include <array>

#include "media/ice/crc32.hpp"
#include "media/ice/stun_crypto.hpp"
#include "media/ice/xor_mapped_address.hpp"

namespace dienhong::media {
namespace {

uint16_t readU16(std::span<const uint8_t> b, size_t at) {
  return static_cast<uint16_t>((b[at] << 8) | b[at + 1]);
}

uint32_t readU32(std::span<const uint8_t> b, size_t at) {
  return (uint32_t{b[at]} << 24) | (uint32_t{b[at + 1]} << 16) | (uint32_t{b[at + 2]} << 8) |
         uint32_t{b[at + 3]};
}

uint64_t readU64(std::span<const uint8_t> b, size_t at) {
  return (uint64_t{readU32(b, at)} << 32) | readU32(b, at + 4);
}

constexpr size_t padded(size_t length) { return (length + 3) & ~size_t{3}; }

// Comprehension-required types this code understands (RFC 8489 §18.3, RFC 8445 §16.1). REALM
// and NONCE are understood but unexpected in ICE checks, and so ignored (§6.3.1).
// PASSWORD-ALGORITHM and USERHASH belong to long-term credentials, which ICE does not use.
constexpr std::array<uint16_t, 11> kUnderstood = {
    stun_attribute::kMappedAddress,
    stun_attribute::kUsername,
    stun_attribute::kMessageIntegrity,
    stun_attribute::kErrorCode,
    stun_attribute::kUnknownAttributes,
    stun_attribute::kRealm,
    stun_attribute::kNonce,
    stun_attribute::kMessageIntegritySha256,
    stun_attribute::kXorMappedAddress,
    stun_attribute::kPriority,
    stun_attribute::kUseCandidate,
};

}  // namespace

StunAttribute StunMessageView::Iterator::operator*() const {
  const uint16_t type = readU16(message_, offset_);
  const uint16_t length = readU16(message_, offset_ + 2);
  return {type, message_.subspan(offset_ + kStunAttributeHeaderSize, length), offset_};
}

StunMessageView::Iterator& StunMessageView::Iterator::operator++() {
  offset_ += kStunAttributeHeaderSize + padded(readU16(message_, offset_ + 2));
  return *this;
}

std::optional<StunMessageView> StunMessageView::parse(std::span<const uint8_t> message) {
  if (message.size() < kStunHeaderSize) return std::nullopt;
  if ((message[0] & 0xC0) != 0) return std::nullopt;
  const size_t length = readU16(message, 2);
  if ((length & 3) != 0 || kStunHeaderSize + length != message.size()) return std::nullopt;
  if (readU32(message, 4) != kStunMagicCookie) return std::nullopt;

  StunMessageView view(message);
  view.honouredEnd_ = message.size();
  enum class Phase { kOpen, kAfterIntegrity, kAfterIntegritySha256 } phase = Phase::kOpen;
  size_t offset = kStunHeaderSize;
  while (offset < message.size()) {
    if (view.fingerprint_ != 0) return std::nullopt;  // FINGERPRINT must be last (§14.7)
    if (message.size() - offset < kStunAttributeHeaderSize) return std::nullopt;
    const uint16_t type = readU16(message, offset);
    const size_t valueLength = readU16(message, offset + 2);
    const size_t next = offset + kStunAttributeHeaderSize + padded(valueLength);
    if (next > message.size()) return std::nullopt;

    if (type == stun_attribute::kMessageIntegrity && phase == Phase::kOpen) {
      view.messageIntegrity_ = offset;
      view.honouredEnd_ = next;
      phase = Phase::kAfterIntegrity;
    } else if (type == stun_attribute::kMessageIntegritySha256 &&
               phase != Phase::kAfterIntegritySha256) {
      view.messageIntegritySha256_ = offset;
      if (phase == Phase::kOpen) view.honouredEnd_ = next;
      phase = Phase::kAfterIntegritySha256;
    } else if (type == stun_attribute::kFingerprint) {
      view.fingerprint_ = offset;
    }
    offset = next;
  }
  return view;
}

StunMessageType StunMessageView::type() const {
  return StunMessageType::decode(readU16(message_, 0));
}

StunTransactionId StunMessageView::transactionId() const {
  StunTransactionId id{};
  std::copy_n(message_.begin() + 8, id.size(), id.begin());
  return id;
}

StunMessageView::Range StunMessageView::attributes() const {
  return {Iterator(message_, kStunHeaderSize), Iterator(message_, message_.size())};
}

bool StunMessageView::isIgnored(const StunAttribute& attribute) const {
  if (attribute.offset < honouredEnd_) return false;
  return attribute.offset != messageIntegritySha256_ && attribute.offset != fingerprint_;
}

std::optional<StunAttribute> StunMessageView::attributeAt(size_t offset) const {
  if (offset == 0) return std::nullopt;
  return *Iterator(message_, offset);
}

std::optional<StunAttribute> StunMessageView::find(uint16_t type) const {
  switch (type) {
    case stun_attribute::kMessageIntegrity:
      return attributeAt(messageIntegrity_);
    case stun_attribute::kMessageIntegritySha256:
      return attributeAt(messageIntegritySha256_);
    case stun_attribute::kFingerprint:
      return attributeAt(fingerprint_);
    default:
      break;
  }
  for (Iterator it(message_, kStunHeaderSize), end(message_, honouredEnd_); it != end; ++it) {
    const StunAttribute attribute = *it;
    if (attribute.type == type) return attribute;
  }
  return std::nullopt;
}

std::optional<std::string_view> StunMessageView::text(uint16_t type, size_t maxSize) const {
  const auto attribute = find(type);
  if (!attribute || attribute->value.size() > maxSize) return std::nullopt;
  return std::string_view(reinterpret_cast<const char*>(attribute->value.data()),
                          attribute->value.size());
}

std::optional<std::string_view> StunMessageView::username() const {
  return text(stun_attribute::kUsername, kStunMaxUsernameSize);
}
std::optional<std::string_view> StunMessageView::software() const {
  return text(stun_attribute::kSoftware, kStunMaxTextSize);
}
std::optional<std::string_view> StunMessageView::realm() const {
  return text(stun_attribute::kRealm, kStunMaxTextSize);
}
std::optional<std::string_view> StunMessageView::nonce() const {
  return text(stun_attribute::kNonce, kStunMaxTextSize);
}

std::optional<TransportAddress> StunMessageView::xorMappedAddress() const {
  const auto attribute = find(stun_attribute::kXorMappedAddress);
  if (!attribute) return std::nullopt;
  return decodeXorMappedAddress(attribute->value, transactionId());
}

std::optional<StunErrorCode> StunMessageView::errorCode() const {
  const auto attribute = find(stun_attribute::kErrorCode);
  if (!attribute || attribute->value.size() < 4) return std::nullopt;
  const auto& v = attribute->value;
  const unsigned errorClass = v[2] & 0x07;
  const unsigned number = v[3];
  if (errorClass < 3 || errorClass > 6 || number > 99) return std::nullopt;
  const auto reason = v.subspan(4);
  if (reason.size() > kStunMaxTextSize) return std::nullopt;
  return StunErrorCode{
      static_cast<uint16_t>(errorClass * 100 + number),
      std::string_view(reinterpret_cast<const char*>(reason.data()), reason.size())};
}

std::optional<StunUnknownAttributes> StunMessageView::unknownAttributes() const {
  const auto attribute = find(stun_attribute::kUnknownAttributes);
  if (!attribute || attribute->value.size() % 2 != 0) return std::nullopt;
  return StunUnknownAttributes(attribute->value);
}

std::optional<uint32_t> StunMessageView::priority() const {
  const auto attribute = find(stun_attribute::kPriority);
  if (!attribute || attribute->value.size() != 4) return std::nullopt;
  return readU32(attribute->value, 0);
}

bool StunMessageView::useCandidate() const {
  const auto attribute = find(stun_attribute::kUseCandidate);
  return attribute && attribute->value.empty();
}

std::optional<uint64_t> StunMessageView::iceControlling() const {
  const auto attribute = find(stun_attribute::kIceControlling);
  if (!attribute || attribute->value.size() != 8) return std::nullopt;
  return readU64(attribute->value, 0);
}

std::optional<uint64_t> StunMessageView::iceControlled() const {
  const auto attribute = find(stun_attribute::kIceControlled);
  if (!attribute || attribute->value.size() != 8) return std::nullopt;
  return readU64(attribute->value, 0);
}

bool StunMessageView::verifyFingerprint() const {
  if (fingerprint_ == 0) return false;
  const StunAttribute attribute = *Iterator(message_, fingerprint_);
  if (attribute.value.size() != kStunFingerprintSize) return false;
  // FINGERPRINT is last, so the header length already ends with it; still computed from the
  // offset, as §14.7 defines it.
  const size_t adjusted =
      fingerprint_ + kStunAttributeHeaderSize + kStunFingerprintSize - kStunHeaderSize;
  const std::array<uint8_t, 2> length = {static_cast<uint8_t>(adjusted >> 8),
                                         static_cast<uint8_t>(adjusted)};
  uint32_t crc = crc32(message_.first(2));
  crc = crc32(length, crc);
  crc = crc32(message_.subspan(4, fingerprint_ - 4), crc);
  return (crc ^ kStunFingerprintXor) == readU32(attribute.value, 0);
}

bool StunMessageView::verifyMessageIntegrity(std::span<const uint8_t> key) const {
  if (messageIntegrity_ == 0) return false;
  const StunAttribute attribute = *Iterator(message_, messageIntegrity_);
  if (attribute.value.size() != kStunMessageIntegritySize) return false;
  const size_t adjusted =
      messageIntegrity_ + kStunAttributeHeaderSize + kStunMessageIntegritySize - kStunHeaderSize;
  const std::array<uint8_t, 2> length = {static_cast<uint8_t>(adjusted >> 8),
                                         static_cast<uint8_t>(adjusted)};
  const Sha1Digest mac =
      hmacSha1(key, {message_.first(2), length, message_.subspan(4, messageIntegrity_ - 4)});
  return constantTimeEqual(mac, attribute.value);
}

bool StunMessageView::verifyMessageIntegritySha256(std::span<const uint8_t> key) const {
  if (messageIntegritySha256_ == 0) return false;
  const StunAttribute attribute = *Iterator(message_, messageIntegritySha256_);
  const size_t size = attribute.value.size();
  if (size < kStunMessageIntegritySha256MinSize || size > kStunMessageIntegritySha256Size ||
      size % 4 != 0) {
    return false;
  }
  const size_t adjusted =
      messageIntegritySha256_ + kStunAttributeHeaderSize + size - kStunHeaderSize;
  const std::array<uint8_t, 2> length = {static_cast<uint8_t>(adjusted >> 8),
                                         static_cast<uint8_t>(adjusted)};
  const Sha256Digest mac = hmacSha256(
      key, {message_.first(2), length, message_.subspan(4, messageIntegritySha256_ - 4)});
  return constantTimeEqual(std::span<const uint8_t>(mac).first(size), attribute.value);
}

size_t StunMessageView::unknownComprehensionRequired(std::span<uint16_t> out) const {
  size_t count = 0;
  for (Iterator it(message_, kStunHeaderSize), end(message_, honouredEnd_); it != end; ++it) {
    const uint16_t type = (*it).type;
    if (!stun_attribute::isComprehensionRequired(type)) continue;
    if (std::find(kUnderstood.begin(), kUnderstood.end(), type) != kUnderstood.end()) continue;
    const auto listed = out.first(std::min(count, out.size()));
    if (std::find(listed.begin(), listed.end(), type) != listed.end()) continue;
    if (count < out.size()) out[count] = type;
    ++count;
  }
  return count;
}

bool isStun(std::span<const uint8_t> datagram) {
  if (datagram.size() < kStunHeaderSize || datagram[0] > 3) return false;
  const size_t length = readU16(datagram, 2);
  return (length & 3) == 0 && kStunHeaderSize + length == datagram.size() &&
         readU32(datagram, 4) == kStunMagicCookie;
}

}  // namespace dienhong::media
