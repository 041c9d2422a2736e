// Host candidates the server announces in SDP (it is ICE-lite: it never gathers). By default
// every address of every interface that is up — loopback included, link-local IPv6 excluded (it
// needs a scope a remote peer cannot use) — so a browser on the same machine, the LAN or a
// namespace veth finds a pair; behind NAT the operator lists the public address instead
// (media.announced_addresses).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "media/sdp/local_transport.hpp"

namespace dienhong::media {

// The addresses of the interfaces that are up, IPv4 first. Error "interfaces_unavailable".
Result<std::vector<std::string>> interfaceAddresses();

// One UDP candidate per address (and one passive TCP candidate when tcpPort != 0), with RFC 8445
// §5.1.2 priorities that prefer UDP, then the order of `addresses`.
std::vector<sdp::HostCandidate> hostCandidates(const std::vector<std::string>& addresses, uint16_t udpPort,
                                               uint16_t tcpPort);

}  // namespace dienhong::media
