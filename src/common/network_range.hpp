// NetworkRange: an IPv4 or IPv6 prefix in CIDR notation ("10.0.0.0/8", "2001:db8::/32", or one
// address, taken as /32 or /128). Used for the administration allow-list (S2.3).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dienhong {

class NetworkRange {
 public:
  // nullopt for anything but a well-formed address with an optional prefix length in range.
  // Bits beyond the prefix must be zero ("10.1.0.0/8" is refused: it is a typo or a host).
  static std::optional<NetworkRange> parse(std::string_view text);

  // `address` as printed by the server ("192.0.2.1", "::1", "::ffff:192.0.2.1"); an IPv4-mapped
  // IPv6 address matches IPv4 ranges. False for text that is not an address.
  bool contains(std::string_view address) const;
  std::string toString() const;  // canonical: "10.0.0.0/8", "2001:db8::/32"

 private:
  bool v6_ = false;
  std::array<uint8_t, 16> bytes_{};
  int prefix_ = 0;
};

}  // namespace dienhong
