// Endpoint: one simulated participant — its publish and subscribe connections and the layout it
// shows — driven by a server-specific signalling driver (DienHongEndpoint, JanusEndpoint). The
// load worker ticks it; the coordinator reads its state and figures between ticks, on the same
// thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/context.hpp>

#include "loadgen/publisher.hpp"
#include "loadgen/scenario.hpp"
#include "loadgen/speaker_schedule.hpp"
#include "loadgen/subscriber.hpp"
#include "media/dtls/dtls_transport.hpp"
#include "loadgen/receive_batch.hpp"

namespace dienhong::loadgen {

// What every endpoint of a worker shares.
struct EndpointContext {
  boost::asio::io_context& io;
  ReceiveBatch& batch;
  std::shared_ptr<media::DtlsContext> dtls;
  boost::asio::ssl::context& tls;
  const Scenario& scenario;
  const SpeakerSchedule& schedule;
  boost::asio::ip::address localAddress;   // where our sockets bind
  boost::asio::ip::address serverAddress;  // the server candidate to prefer
};

// Where one room is and how to enter it.
struct RoomTarget {
  std::string host;
  std::string port;
  std::string room;    // Diên Hồng: the room code; Janus: the room number
  std::string invite;  // Diên Hồng: the invitation token
};

enum class EndpointPhase { Connecting, Joined, Failed, Left };

class Endpoint {
 public:
  using Clock = std::chrono::steady_clock;

  Endpoint(EndpointContext& context, RoomTarget target, uint32_t roomIndex, uint32_t index);
  virtual ~Endpoint() = default;
  Endpoint(const Endpoint&) = delete;
  Endpoint& operator=(const Endpoint&) = delete;

  virtual void start(Clock::time_point now) = 0;
  virtual void leave() = 0;
  void tick(Clock::time_point now, bool sending);

  EndpointPhase phase() const { return phase_; }
  const std::string& error() const { return error_; }
  // Publishing, and receiving every stream the scenario says it should.
  bool ready() const;
  uint32_t index() const { return index_; }
  uint32_t roomIndex() const { return roomIndex_; }
  std::string displayName() const;
  Publisher* publisher() { return publisher_.get(); }
  Subscriber* subscriber() { return subscriber_.get(); }

 protected:
  // A driver reports the tiles it would send; this decides which are shown and how large.
  struct Tile {
    std::string mid;
    bool large = false;
  };
  std::vector<Tile> chooseTiles(Clock::time_point now) const;
  // Called when the chosen tiles change (the driver tells the server, as the web client does).
  virtual void onTilesChanged(const std::vector<Tile>& tiles) = 0;
  // Every tick, in every phase: what the driver's signalling owes on a schedule (keepalives).
  virtual void onSignallingTick(Clock::time_point) {}
  void refreshTiles(Clock::time_point now, bool force);
  void fail(std::string reason);
  // The index of a remote endpoint from its display name ("lg-r<room>-e<index>").
  static std::optional<uint32_t> indexOfName(std::string_view displayName);

  std::unique_ptr<ClientTransport> newTransport(const char* which);

  EndpointContext& context_;
  RoomTarget target_;
  uint32_t roomIndex_;
  uint32_t index_;
  EndpointPhase phase_ = EndpointPhase::Connecting;
  std::string error_;
  std::unique_ptr<Publisher> publisher_;
  std::unique_ptr<Subscriber> subscriber_;
  std::map<std::string, uint32_t> ownerIndex_;  // remote participant -> endpoint index
  std::vector<Tile> tiles_;
  uint64_t tilesTurn_ = UINT64_MAX;
};

// Creates an endpoint of the scenario's target server.
std::unique_ptr<Endpoint> makeEndpoint(const std::string& target, EndpointContext& context, RoomTarget room,
                                       uint32_t roomIndex, uint32_t index);

}  // namespace dienhong::loadgen
