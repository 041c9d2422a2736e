#include "media/ice/xor_mapped_address.hpp"

namespace dienhong::media {
namespace {

constexpr uint8_t kFamilyIpv4 = 0x01;
constexpr uint8_t kFamilyIpv6 = 0x02;

// The 16-byte XOR mask: magic cookie, then the transaction id.
std::array<uint8_t, 16> mask(const StunTransactionId& transactionId) {
  std::array<uint8_t, 16> m{};
  m[0] = static_cast<uint8_t>(kStunMagicCookie >> 24);
  m[1] = static_cast<uint8_t>(kStunMagicCookie >> 16);
  m[2] = static_cast<uint8_t>(kStunMagicCookie >> 8);
  m[3] = static_cast<uint8_t>(kStunMagicCookie);
  for (size_t i = 0; i < transactionId.size(); ++i) m[4 + i] = transactionId[i];
  return m;
}

}  // namespace

std::optional<TransportAddress> decodeXorMappedAddress(std::span<const uint8_t> value,
                                                       const StunTransactionId& transactionId) {
  if (value.size() < 4) return std::nullopt;
  const uint8_t family = value[1];
  const auto port = static_cast<uint16_t>(((value[2] << 8) | value[3]) ^ (kStunMagicCookie >> 16));
  const auto m = mask(transactionId);
  if (family == kFamilyIpv4 && value.size() == 8) {
    std::array<uint8_t, 4> address{};
    for (size_t i = 0; i < 4; ++i) address[i] = static_cast<uint8_t>(value[4 + i] ^ m[i]);
    return TransportAddress::ipv4(address, port);
  }
  if (family == kFamilyIpv6 && value.size() == 20) {
    std::array<uint8_t, 16> address{};
    for (size_t i = 0; i < 16; ++i) address[i] = static_cast<uint8_t>(value[4 + i] ^ m[i]);
    return TransportAddress::ipv6(address, port);
  }
  return std::nullopt;
}

size_t encodeXorMappedAddress(const TransportAddress& address,
                              const StunTransactionId& transactionId,
                              std::array<uint8_t, kXorMappedAddressMaxSize>& out) {
  const bool v4 = address.family() == TransportAddress::Family::kIpv4;
  const auto port = static_cast<uint16_t>(address.port() ^ (kStunMagicCookie >> 16));
  out[0] = 0;
  out[1] = v4 ? kFamilyIpv4 : kFamilyIpv6;
  out[2] = static_cast<uint8_t>(port >> 8);
  out[3] = static_cast<uint8_t>(port);
  const auto m = mask(transactionId);
  const auto bytes = address.addressBytes();
  for (size_t i = 0; i < bytes.size(); ++i) out[4 + i] = static_cast<uint8_t>(bytes[i] ^ m[i]);
  return 4 + bytes.size();
}

}  // namespace dienhong::media
