// MediaSnapshot: the media workers' counters at one moment, for monitoring (A4, G4) and the
// administration API: what each worker's sockets received and sent, what nobody could route
// (strangers, malformed datagrams), and per room what the router and transports dropped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "media/room/media_room.hpp"
#include "media/worker/tcp_media_listener.hpp"
#include "media/worker/udp_endpoint.hpp"

namespace dienhong::media {

struct WorkerSnapshot {
  uint16_t udpPort = 0;
  std::optional<uint16_t> tcpPort;
  UdpEndpointStats udp;
  std::optional<TcpMediaListenerStats> tcp;
  uint64_t unroutable = 0;  // datagrams no transport claimed: strangers, garbage
  uint64_t unsendable = 0;
  std::vector<RoomSnapshot> rooms;
};

struct MediaSnapshot {
  std::vector<WorkerSnapshot> workers;
  bool complete = true;  // false when a worker did not answer in time
};

}  // namespace dienhong::media
