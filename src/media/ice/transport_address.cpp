#include "media/ice/transport_address.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <charconv>
#include <cstring>

namespace dienhong::media {
namespace {

std::optional<uint16_t> parsePort(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > 65535) return std::nullopt;
  return static_cast<uint16_t>(value);
}

constexpr std::array<uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};

}  // namespace

TransportAddress TransportAddress::ipv4(const std::array<uint8_t, 4>& address, uint16_t port,
                                        TransportProtocol protocol) {
  TransportAddress a;
  std::memcpy(a.bytes_.data(), address.data(), address.size());
  a.port_ = port;
  a.family_ = Family::kIpv4;
  a.protocol_ = protocol;
  return a;
}

TransportAddress TransportAddress::ipv6(const std::array<uint8_t, 16>& address, uint16_t port,
                                        TransportProtocol protocol) {
  TransportAddress a;
  a.bytes_ = address;
  a.port_ = port;
  a.family_ = Family::kIpv6;
  a.protocol_ = protocol;
  return a;
}

std::optional<TransportAddress> TransportAddress::fromString(std::string_view text,
                                                             TransportProtocol protocol) {
  // inet_pton wants a NUL-terminated string; the longest textual IPv6 address is 45 chars.
  char host[64];
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':' ||
        close - 1 >= sizeof host) {
      return std::nullopt;
    }
    const auto port = parsePort(text.substr(close + 2));
    if (!port) return std::nullopt;
    std::memcpy(host, text.data() + 1, close - 1);
    host[close - 1] = '\0';
    std::array<uint8_t, 16> bytes{};
    if (inet_pton(AF_INET6, host, bytes.data()) != 1) return std::nullopt;
    return ipv6(bytes, *port, protocol);
  }
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon >= sizeof host) return std::nullopt;
  const auto port = parsePort(text.substr(colon + 1));
  if (!port) return std::nullopt;
  std::memcpy(host, text.data(), colon);
  host[colon] = '\0';
  std::array<uint8_t, 4> bytes{};
  if (inet_pton(AF_INET, host, bytes.data()) != 1) return std::nullopt;
  return ipv4(bytes, *port, protocol);
}

std::optional<TransportAddress> TransportAddress::fromSockaddr(const sockaddr* address,
                                                               TransportProtocol protocol) {
  if (address == nullptr) return std::nullopt;
  if (address->sa_family == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, address, sizeof in);
    std::array<uint8_t, 4> bytes{};
    std::memcpy(bytes.data(), &in.sin_addr, 4);
    return ipv4(bytes, ntohs(in.sin_port), protocol);
  }
  if (address->sa_family == AF_INET6) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, address, sizeof in6);
    std::array<uint8_t, 16> bytes{};
    std::memcpy(bytes.data(), &in6.sin6_addr, 16);
    if (std::memcmp(bytes.data(), kV4MappedPrefix.data(), kV4MappedPrefix.size()) == 0) {
      return ipv4({bytes[12], bytes[13], bytes[14], bytes[15]}, ntohs(in6.sin6_port), protocol);
    }
    return ipv6(bytes, ntohs(in6.sin6_port), protocol);
  }
  return std::nullopt;
}

std::string TransportAddress::toString() const {
  char host[INET6_ADDRSTRLEN] = {};
  const int af = family_ == Family::kIpv4 ? AF_INET : AF_INET6;
  if (inet_ntop(af, bytes_.data(), host, sizeof host) == nullptr) return {};
  std::string out;
  if (family_ == Family::kIpv6) {
    out = "[";
    out += host;
    out += "]";
  } else {
    out = host;
  }
  out += ':';
  out += std::to_string(port_);
  return out;
}

size_t TransportAddress::toSockaddr(sockaddr_storage& out) const {
  std::memset(&out, 0, sizeof out);
  if (family_ == Family::kIpv4) {
    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_port = htons(port_);
    std::memcpy(&in.sin_addr, bytes_.data(), 4);
    std::memcpy(&out, &in, sizeof in);
    return sizeof in;
  }
  sockaddr_in6 in6{};
  in6.sin6_family = AF_INET6;
  in6.sin6_port = htons(port_);
  std::memcpy(&in6.sin6_addr, bytes_.data(), 16);
  std::memcpy(&out, &in6, sizeof in6);
  return sizeof in6;
}

size_t TransportAddress::hash() const {
  // FNV-1a over the fields; pair tables are tiny, this only feeds the worker's routing maps.
  uint64_t h = 0xCBF29CE484222325ULL;
  auto mix = [&h](uint8_t byte) {
    h ^= byte;
    h *= 0x100000001B3ULL;
  };
  for (const uint8_t b : bytes_) mix(b);
  mix(static_cast<uint8_t>(port_ >> 8));
  mix(static_cast<uint8_t>(port_));
  mix(static_cast<uint8_t>(family_));
  mix(static_cast<uint8_t>(protocol_));
  return static_cast<size_t>(h);
}

}  // namespace dienhong::media
