#include "media/service/host_candidates.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <algorithm>
#include <memory>

namespace dienhong::media {

Result<std::vector<std::string>> interfaceAddresses() {
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return Error{"interfaces_unavailable", "getifaddrs failed"};
  std::unique_ptr<ifaddrs, decltype(&::freeifaddrs)> guard(list, &::freeifaddrs);
  std::vector<std::string> v4;
  std::vector<std::string> v6;
  for (const ifaddrs* it = list; it != nullptr; it = it->ifa_next) {
    if (it->ifa_addr == nullptr || (it->ifa_flags & IFF_UP) == 0) continue;
    char text[INET6_ADDRSTRLEN] = {};
    if (it->ifa_addr->sa_family == AF_INET) {
      const auto* a = reinterpret_cast<const sockaddr_in*>(it->ifa_addr);
      if (::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text) != nullptr) v4.emplace_back(text);
    } else if (it->ifa_addr->sa_family == AF_INET6) {
      const auto* a = reinterpret_cast<const sockaddr_in6*>(it->ifa_addr);
      if (IN6_IS_ADDR_LINKLOCAL(&a->sin6_addr) || IN6_IS_ADDR_V4MAPPED(&a->sin6_addr)) continue;
      if (::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text) != nullptr) v6.emplace_back(text);
    }
  }
  std::vector<std::string> out;
  for (auto* family : {&v4, &v6}) {
    for (auto& address : *family) {
      if (std::find(out.begin(), out.end(), address) == out.end()) out.push_back(std::move(address));
    }
  }
  return out;
}

std::vector<sdp::HostCandidate> hostCandidates(const std::vector<std::string>& addresses, uint16_t udpPort,
                                               uint16_t tcpPort) {
  // RFC 8445 §5.1.2.1: priority = 2^24 type preference + 2^8 local preference + (256 - component).
  // Host type preference 126 for UDP; passive TCP lower (RFC 6544 §4.2), so UDP wins when both work.
  constexpr uint32_t kUdpType = 126;
  constexpr uint32_t kTcpType = 90;
  std::vector<sdp::HostCandidate> out;
  uint32_t foundation = 1;
  for (size_t i = 0; i < addresses.size(); ++i) {
    const uint32_t localPreference = 65535 - static_cast<uint32_t>(std::min<size_t>(i, 65535));
    out.push_back({std::to_string(foundation++), addresses[i], udpPort, sdp::CandidateProtocol::Udp,
                   (kUdpType << 24) | (localPreference << 8) | 255});
  }
  if (tcpPort != 0) {
    for (size_t i = 0; i < addresses.size(); ++i) {
      const uint32_t localPreference = 65535 - static_cast<uint32_t>(std::min<size_t>(i, 65535));
      out.push_back({std::to_string(foundation++), addresses[i], tcpPort, sdp::CandidateProtocol::TcpPassive,
                     (kTcpType << 24) | (localPreference << 8) | 255});
    }
  }
  return out;
}

}  // namespace dienhong::media
