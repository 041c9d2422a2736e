#include "common/network_range.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace dienhong {
namespace {

struct Address {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};
};

std::optional<Address> parseAddress(std::string_view text) {
  if (text.empty() || text.size() > INET6_ADDRSTRLEN) return std::nullopt;
  const std::string copy(text);
  Address address;
  if (inet_pton(AF_INET, copy.c_str(), address.bytes.data()) == 1) return address;
  if (inet_pton(AF_INET6, copy.c_str(), address.bytes.data()) != 1) return std::nullopt;
  address.v6 = true;
  // ::ffff:a.b.c.d is an IPv4 client seen by a dual-stack socket.
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(address.bytes.data(), kMapped, 12) == 0) {
    std::memmove(address.bytes.data(), address.bytes.data() + 12, 4);
    std::memset(address.bytes.data() + 4, 0, 12);
    address.v6 = false;
  }
  return address;
}

bool prefixMatches(const std::array<uint8_t, 16>& a, const std::array<uint8_t, 16>& b, int prefix) {
  const int whole = prefix / 8;
  if (std::memcmp(a.data(), b.data(), static_cast<size_t>(whole)) != 0) return false;
  const int rest = prefix % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<uint8_t>(0xFF << (8 - rest));
  return (a[static_cast<size_t>(whole)] & mask) == (b[static_cast<size_t>(whole)] & mask);
}

}  // namespace

std::optional<NetworkRange> NetworkRange::parse(std::string_view text) {
  const auto slash = text.find('/');
  auto address = parseAddress(text.substr(0, slash));
  if (!address) return std::nullopt;
  // A mapped IPv6 form of an IPv4 range is written as IPv4: refuse it rather than guess.
  if (!address->v6 && text.substr(0, slash).find(':') != std::string_view::npos) return std::nullopt;
  const int bits = address->v6 ? 128 : 32;
  int prefix = bits;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || digits.size() > 3 || ec != std::errc() || end != digits.data() + digits.size() ||
        prefix < 0 || prefix > bits) {
      return std::nullopt;
    }
  }
  NetworkRange range;
  range.v6_ = address->v6;
  range.bytes_ = address->bytes;
  range.prefix_ = prefix;
  std::array<uint8_t, 16> host = address->bytes;
  for (int bit = prefix; bit < bits; ++bit) host[static_cast<size_t>(bit / 8)] &= static_cast<uint8_t>(~(0x80 >> (bit % 8)));
  if (host != address->bytes) return std::nullopt;
  return range;
}

bool NetworkRange::contains(std::string_view text) const {
  auto address = parseAddress(text);
  if (!address || address->v6 != v6_) return false;
  return prefixMatches(address->bytes, bytes_, prefix_);
}

std::string NetworkRange::toString() const {
  char buffer[INET6_ADDRSTRLEN] = {};
  inet_ntop(v6_ ? AF_INET6 : AF_INET, bytes_.data(), buffer, sizeof buffer);
  return std::string(buffer) + "/" + std::to_string(prefix_);
}

}  // namespace dienhong
