// TransportAddress: an IPv4 or IPv6 address, a port and the transport protocol (UDP, or TCP
// for ICE-TCP, RFC 6544) — the "transport address" of RFC 8445 §4 that keys candidate pairs
// and that XOR-MAPPED-ADDRESS (RFC 8489 §14.2) reports. A small regular value type: copyable,
// comparable, hashable, no allocation.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

struct sockaddr;
struct sockaddr_storage;

namespace dienhong::media {

enum class TransportProtocol : uint8_t { kUdp, kTcp };

class TransportAddress {
 public:
  enum class Family : uint8_t { kIpv4, kIpv6 };

  TransportAddress() = default;  // 0.0.0.0:0/udp

  static TransportAddress ipv4(const std::array<uint8_t, 4>& address, uint16_t port,
                               TransportProtocol protocol = TransportProtocol::kUdp);
  static TransportAddress ipv6(const std::array<uint8_t, 16>& address, uint16_t port,
                               TransportProtocol protocol = TransportProtocol::kUdp);
  // "192.0.2.1:3478" or "[2001:db8::1]:3478".
  static std::optional<TransportAddress> fromString(
      std::string_view text, TransportProtocol protocol = TransportProtocol::kUdp);
  // AF_INET or AF_INET6; an IPv4-mapped IPv6 address (::ffff:a.b.c.d, as a dual-stack socket
  // reports IPv4 peers) becomes plain IPv4, so that XOR-MAPPED-ADDRESS reports the family the
  // peer actually used.
  static std::optional<TransportAddress> fromSockaddr(
      const sockaddr* address, TransportProtocol protocol = TransportProtocol::kUdp);

  Family family() const { return family_; }
  uint16_t port() const { return port_; }
  TransportProtocol protocol() const { return protocol_; }
  // 4 bytes for IPv4, 16 for IPv6, network order.
  std::span<const uint8_t> addressBytes() const {
    return std::span<const uint8_t>(bytes_).first(family_ == Family::kIpv4 ? 4 : 16);
  }

  std::string toString() const;  // the fromString format
  // Fills `out` (AF_INET or AF_INET6) and returns the length to pass to sendto().
  size_t toSockaddr(sockaddr_storage& out) const;
  size_t hash() const;

  bool operator==(const TransportAddress&) const = default;

 private:
  std::array<uint8_t, 16> bytes_{};  // unused tail zeroed for IPv4, so == can compare it
  uint16_t port_ = 0;
  Family family_ = Family::kIpv4;
  TransportProtocol protocol_ = TransportProtocol::kUdp;
};

}  // namespace dienhong::media

template <>
struct std::hash<dienhong::media::TransportAddress> {
  size_t operator()(const dienhong::media::TransportAddress& a) const { return a.hash(); }
};
