#include "media/service/media_service.hpp"

#include <algorithm>
#include <future>
#include <thread>

#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>

#include "common/logging.hpp"
#include "media/dtls/dtls_certificate.hpp"
#include "media/service/host_candidates.hpp"
#include "media/transport/transport_registry.hpp"
#include "media/worker/media_worker.hpp"
#include "media/worker/tcp_media_listener.hpp"
#include "media/worker/udp_endpoint.hpp"

namespace dienhong::media {
namespace {

using logging::Category;
constexpr auto kTick = std::chrono::milliseconds(10);
constexpr auto kCollectEvery = std::chrono::seconds(1);

}  // namespace

struct MediaService::Worker {
  explicit Worker(size_t index) : thread(fmt::format("dh-media-{}", index)), timer(thread.context()) {}

  MediaWorker thread;
  TransportRegistry registry;
  std::unique_ptr<UdpEndpoint> udp;
  std::unique_ptr<TcpMediaListener> tcp;  // null when ICE-TCP is off
  std::optional<WorkerContext> context;
  std::unordered_map<std::string, std::unique_ptr<MediaRoom>> rooms;  // worker thread only
  boost::asio::steady_timer timer;
  std::chrono::steady_clock::time_point nextCollect{};
};

Result<std::unique_ptr<MediaService>> MediaService::start(const MediaServiceOptions& options) {
  std::unique_ptr<MediaService> service(new MediaService());
  service->options_ = options;
  auto certificate = DtlsCertificate::generate();
  if (!certificate) return Error{"media_start_failed", "DTLS certificate: " + certificate.error().message};
  auto dtls = DtlsContext::create(certificate.value());
  if (!dtls) return Error{"media_start_failed", "DTLS context: " + dtls.error().message};

  if (options.announcedAddresses.empty()) {
    auto addresses = interfaceAddresses();
    if (!addresses) return Error{"media_start_failed", addresses.error().message};
    service->announced_ = std::move(addresses.value());
  } else {
    service->announced_ = options.announcedAddresses;
  }

  const unsigned count = options.workers != 0 ? options.workers : std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < count; ++i) {
    auto worker = std::make_unique<Worker>(i);
    const uint16_t port = options.port == 0 ? 0 : static_cast<uint16_t>(options.port + i);
    auto udp = UdpEndpoint::open(worker->thread.context(), options.bindAddress, port, worker->registry);
    if (!udp && options.bindAddress == "::") {
      udp = UdpEndpoint::open(worker->thread.context(), "0.0.0.0", port, worker->registry);
    }
    if (!udp) return udp.error();
    worker->udp = std::move(udp.value());
    worker->registry.attach(*worker->udp);
    if (options.iceTcp) {
      // The same port number as UDP (also when the system chose it), so one firewall rule per
      // worker port covers both; any free port if another program holds that TCP port.
      auto tcp = TcpMediaListener::open(worker->thread.context(), options.bindAddress, worker->udp->port(),
                                        worker->registry, options.tcpLimits);
      if (!tcp && options.bindAddress == "::") {
        tcp = TcpMediaListener::open(worker->thread.context(), "0.0.0.0", worker->udp->port(), worker->registry,
                                     options.tcpLimits);
      }
      if (!tcp && options.port == 0) {
        tcp = TcpMediaListener::open(worker->thread.context(), options.bindAddress, 0, worker->registry,
                                     options.tcpLimits);
      }
      if (!tcp) return tcp.error();
      worker->tcp = std::move(tcp.value());
      worker->registry.attach(*worker->tcp);
    }
    worker->context.emplace(worker->registry, dtls.value(),
                            hostCandidates(service->announced_, worker->udp->port(), worker->tcp ? worker->tcp->port() : 0));
    worker->context->router = options.router;
    worker->context->resumeGrace = options.resumeGrace;
    worker->context->maxParticipantsPerRoom = options.maxParticipantsPerRoom;
    worker->context->participantLeft = options.participantLeft;
    service->workers_.push_back(std::move(worker));
  }
  service->roomsPerWorker_.assign(count, 0);
  for (auto& worker : service->workers_) {
    worker->udp->start();
    if (worker->tcp) worker->tcp->start();
    worker->thread.start();
    Worker* w = worker.get();
    MediaService* self = service.get();
    w->thread.post([self, w] { self->tick(*w); });
  }
  logging::logger(Category::System)
      .info("msg=media_started workers={} udp_ports={} addresses={}", count,
            logging::quote(fmt::format("{}", fmt::join(service->udpPorts(), ","))),
            logging::quote(fmt::format("{}", fmt::join(service->announced_, ","))));
  return service;
}

MediaService::~MediaService() { stop(); }

void MediaService::tick(Worker& worker) {
  const auto now = std::chrono::steady_clock::now();
  for (auto& [id, room] : worker.rooms) room->onTimer(now);
  if (now >= worker.nextCollect) {
    collectEmptyRooms(worker);
    worker.nextCollect = now + kCollectEvery;
  }
  worker.timer.expires_at(now + kTick);
  worker.timer.async_wait([this, &worker](const boost::system::error_code& ec) {
    if (!ec) tick(worker);
  });
}

void MediaService::collectEmptyRooms(Worker& worker) {
  for (auto it = worker.rooms.begin(); it != worker.rooms.end();) {
    if (it->second->participantCount() != 0) {
      ++it;
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      auto placed = placement_.find(it->first);
      if (placed != placement_.end() && placed->second.pendingJoins != 0) {
        ++it;
        continue;
      }
      if (placed != placement_.end()) {
        --roomsPerWorker_[placed->second.worker];
        placement_.erase(placed);
      }
      std::erase_if(resume_, [&](const auto& entry) { return entry.second.room.roomId == it->first; });
    }
    logging::logger(Category::System).info("msg=room_closed room={}", logging::quote(it->first));
    it = worker.rooms.erase(it);
  }
}

void MediaService::join(const std::string& roomId, const ParticipantInfo& info, const std::string& resumeToken,
                        std::shared_ptr<ParticipantObserver> observer, std::function<void(Result<JoinedRoom>)> done) {
  size_t index = 0;
  std::optional<Error> refused;
  {
    std::lock_guard lock(mutex_);
    auto placed = placement_.find(roomId);
    if (stopped_) {
      refused = Error{"server_busy", "the server is shutting down"};
    } else if (placed == placement_.end() && placement_.size() >= options_.maxRooms) {
      refused = Error{"server_busy", "no more rooms can be opened on this server"};
    } else if (placed == placement_.end()) {
      index = static_cast<size_t>(std::min_element(roomsPerWorker_.begin(), roomsPerWorker_.end()) -
                                  roomsPerWorker_.begin());
      ++roomsPerWorker_[index];
      placed = placement_.emplace(roomId, Placement{index, 0}).first;
    }
    if (!refused) {
      index = placed->second.worker;
      ++placed->second.pendingJoins;
    }
  }
  if (refused) {
    done(*refused);  // outside the lock: `done` talks to the signalling connection
    return;
  }
  Worker& worker = *workers_[index];
  worker.thread.post([this, &worker, index, roomId, info, resumeToken, observer = std::move(observer),
                      done = std::move(done)] {
    auto& room = worker.rooms[roomId];
    if (!room) room = std::make_unique<MediaRoom>(roomId, *worker.context);
    auto joined = room->join(info, observer);
    {
      std::lock_guard lock(mutex_);
      if (auto placed = placement_.find(roomId); placed != placement_.end()) --placed->second.pendingJoins;
      if (joined) resume_[resumeToken] = ResumeTicket{RoomRef{roomId, index}, info.participantId};
    }
    if (!joined) {
      done(joined.error());
      return;
    }
    done(JoinedRoom{RoomRef{roomId, index}, resumeToken});
  });
}

void MediaService::withRoom(const RoomRef& ref, std::function<void(MediaRoom*)> task) {
  if (ref.worker >= workers_.size()) {
    task(nullptr);
    return;
  }
  Worker& worker = *workers_[ref.worker];
  worker.thread.post([&worker, roomId = ref.roomId, task = std::move(task)] {
    auto it = worker.rooms.find(roomId);
    task(it == worker.rooms.end() ? nullptr : it->second.get());
  });
}

std::optional<ResumeTicket> MediaService::findResume(const std::string& token) const {
  std::lock_guard lock(mutex_);
  auto it = resume_.find(token);
  if (it == resume_.end()) return std::nullopt;
  return it->second;
}

void MediaService::forgetResume(const std::string& token) {
  std::lock_guard lock(mutex_);
  resume_.erase(token);
}

void MediaService::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
  }
  for (auto& worker : workers_) {
    Worker* w = worker.get();
    w->thread.post([w] {
      w->timer.cancel();
      for (auto& [id, room] : w->rooms) room->close("server_shutdown");
      w->rooms.clear();
      w->udp->close();
      if (w->tcp) w->tcp->close();
    });
    w->thread.stop();
  }
}

MediaSnapshot MediaService::snapshot(std::chrono::milliseconds timeout) {
  MediaSnapshot out;
  std::vector<std::future<WorkerSnapshot>> pending;
  for (auto& worker : workers_) {
    auto promise = std::make_shared<std::promise<WorkerSnapshot>>();
    pending.push_back(promise->get_future());
    Worker* w = worker.get();
    w->thread.post([w, promise] {
      WorkerSnapshot snapshot;
      snapshot.udpPort = w->udp->port();
      snapshot.udp = w->udp->stats();
      if (w->tcp) {
        snapshot.tcpPort = w->tcp->port();
        snapshot.tcp = w->tcp->stats();
      }
      snapshot.unroutable = w->registry.unroutable();
      snapshot.unsendable = w->registry.unsendable();
      for (const auto& [id, room] : w->rooms) snapshot.rooms.push_back(room->snapshot());
      promise->set_value(std::move(snapshot));
    });
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (auto& future : pending) {
    if (future.wait_until(deadline) == std::future_status::ready) {
      out.workers.push_back(future.get());
    } else {
      out.complete = false;
    }
  }
  return out;
}

size_t MediaService::workerCount() const { return workers_.size(); }

std::vector<uint16_t> MediaService::udpPorts() const {
  std::vector<uint16_t> out;
  for (const auto& worker : workers_) out.push_back(worker->udp->port());
  return out;
}

std::vector<uint16_t> MediaService::tcpPorts() const {
  std::vector<uint16_t> out;
  for (const auto& worker : workers_) {
    if (worker->tcp) out.push_back(worker->tcp->port());
  }
  return out;
}

}  // namespace dienhong::media
