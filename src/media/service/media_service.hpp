// MediaService: the media workers of one server and the rooms on them, as the control plane
// sees them. It starts one MediaWorker per core (each with its UDP port, ICE-TCP listener,
// transport registry and a 10 ms tick), places each room on the least-loaded worker, and runs
// every operation on a room by posting it to that room's worker, so rooms need no lock. The
// only lock here guards placement (which worker holds which room) and resume tokens; it is never
// taken on the media path.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"
#include "media/room/media_room.hpp"
#include "media/room/participant_observer.hpp"
#include "media/service/media_snapshot.hpp"
#include "media/sfu/router.hpp"
#include "media/worker/tcp_media_listener.hpp"

namespace dienhong::media {

struct MediaServiceOptions {
  unsigned workers = 0;              // 0: one per core
  std::string bindAddress = "::";    // dual-stack; falls back to 0.0.0.0 where IPv6 is off
  uint16_t port = 10000;             // worker i listens on port + i (UDP and TCP); 0: any free port
  std::vector<std::string> announcedAddresses;  // empty: every interface address
  bool iceTcp = true;
  // Offices that block UDP are often many people behind one NAT address, each with two
  // connections (publish and subscribe): the per-address limit is set for that.
  TcpMediaLimits tcpLimits = {.maxConnectionsPerIp = 64};
  std::chrono::seconds resumeGrace{30};
  size_t maxParticipantsPerRoom = 100;
  size_t maxRooms = 1000;
  RouterConfig router;
  // See WorkerContext::participantLeft; called on the room's worker.
  std::function<void(const std::string& roomId, const std::string& participantId, std::string_view reason)>
      participantLeft;
};

// Where a room lives; cheap to copy, held by each participant's signalling session.
struct RoomRef {
  std::string roomId;
  size_t worker = 0;
};

struct JoinedRoom {
  RoomRef room;
  std::string resumeToken;
};

struct ResumeTicket {
  RoomRef room;
  std::string participantId;
};

class MediaService {
 public:
  // Error codes "bind_failed", "media_start_failed".
  static Result<std::unique_ptr<MediaService>> start(const MediaServiceOptions& options);
  ~MediaService();
  MediaService(const MediaService&) = delete;
  MediaService& operator=(const MediaService&) = delete;

  // Joins (creating the room on first join); `done` runs on the room's worker. `resumeToken`
  // (a secret the caller made) will resume the participant. Errors: those of MediaRoom::join,
  // and "server_busy" when media.max_rooms rooms exist.
  void join(const std::string& roomId, const ParticipantInfo& info, const std::string& resumeToken,
            std::shared_ptr<ParticipantObserver> observer, std::function<void(Result<JoinedRoom>)> done);
  // Runs `task` on the room's worker with the room, or with nullptr once the room is gone.
  void withRoom(const RoomRef& room, std::function<void(MediaRoom*)> task);
  // The participant behind a resume token, if it was issued and not forgotten.
  std::optional<ResumeTicket> findResume(const std::string& token) const;
  void forgetResume(const std::string& token);

  // Every worker's counters, gathered on the workers; waits at most `timeout` for each.
  MediaSnapshot snapshot(std::chrono::milliseconds timeout = std::chrono::seconds(2));

  // Closes every room (participants get removed("server_shutdown")) and stops the workers.
  void stop();

  size_t workerCount() const;
  std::vector<uint16_t> udpPorts() const;
  std::vector<uint16_t> tcpPorts() const;
  const std::vector<std::string>& announcedAddresses() const { return announced_; }

 private:
  struct Worker;
  struct Placement {
    size_t worker = 0;
    size_t pendingJoins = 0;  // joins posted but not yet run: the room must not be collected
  };

  MediaService() = default;
  void tick(Worker& worker);
  void collectEmptyRooms(Worker& worker);

  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::string> announced_;
  MediaServiceOptions options_;
  mutable std::mutex mutex_;  // placement_, roomsPerWorker_, resume_
  std::unordered_map<std::string, Placement> placement_;
  std::vector<size_t> roomsPerWorker_;
  std::unordered_map<std::string, ResumeTicket> resume_;
  bool stopped_ = false;
};

}  // namespace dienhong::media
