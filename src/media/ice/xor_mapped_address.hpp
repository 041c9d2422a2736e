// The XOR-MAPPED-ADDRESS value (RFC 8489 §14.2): family, port XOR the top 16 bits of the magic
// cookie, address XOR the cookie (IPv4) or the cookie followed by the transaction id (IPv6).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "media/ice/stun_types.hpp"
#include "media/ice/transport_address.hpp"

namespace dienhong::media {

inline constexpr size_t kXorMappedAddressMaxSize = 20;

// Nullopt unless the value is 8 bytes of family 0x01 or 20 bytes of family 0x02. The first
// byte is reserved and ignored. The result is a UDP address; the caller knows the transport.
std::optional<TransportAddress> decodeXorMappedAddress(std::span<const uint8_t> value,
                                                       const StunTransactionId& transactionId);

// Writes the value (8 or 20 bytes) into out and returns its size.
size_t encodeXorMappedAddress(const TransportAddress& address,
                              const StunTransactionId& transactionId,
                              std::array<uint8_t, kXorMappedAddressMaxSize>& out);

}  // namespace dienhong::media
