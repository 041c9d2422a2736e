// IceClient: a browser's side of ICE (RFC 8445) toward one server candidate. Controlling (toward
// an ICE-lite server, or when we offered), it sends Binding requests with USE-CANDIDATE
// (aggressive nomination) until one succeeds; controlled (a full-ICE server that offered, as
// Janus does on its subscriber connections), it checks without nominating and lets the server
// nominate. Either way it then keeps consent (RFC 7675) with a check every few seconds, and
// answers the server's own checks, which a full-ICE server sends and an ICE-lite one does not.
// Pure logic over datagrams; the owner sends what it is handed.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "media/ice/ice_credentials.hpp"
#include "media/ice/stun_types.hpp"
#include "media/ice/transport_address.hpp"

namespace dienhong::loadgen {

enum class IceState { New, Checking, Connected, Failed };

class IceClient {
 public:
  using Clock = std::chrono::steady_clock;
  using Send = std::function<void(std::span<const uint8_t>)>;

  static constexpr std::chrono::milliseconds kCheckInterval{50};
  static constexpr std::chrono::seconds kGiveUpAfter{15};
  static constexpr std::chrono::milliseconds kConsentInterval{2500};
  static constexpr std::chrono::seconds kConsentTimeout{30};

  IceClient(media::IceCredentials local, uint64_t tieBreaker, Send send);
  // Before start(): the controlled role (the default is controlling).
  void setControlling(bool controlling) { controlling_ = controlling; }

  // The server's credentials from its SDP; starts the checks.
  void start(std::string remoteUfrag, std::string remotePwd, Clock::time_point now);
  // One STUN datagram from the server.
  void receive(std::span<const uint8_t> datagram, const media::TransportAddress& from, Clock::time_point now);
  void tick(Clock::time_point now);

  IceState state() const { return state_; }
  const media::IceCredentials& local() const { return local_; }
  uint64_t checksSent() const { return checksSent_; }

 private:
  void sendCheck(Clock::time_point now);

  media::IceCredentials local_;
  uint64_t tieBreaker_;
  bool controlling_ = true;
  Send send_;
  std::string remoteUfrag_;
  std::string remotePwd_;
  IceState state_ = IceState::New;
  Clock::time_point startedAt_{};
  Clock::time_point nextCheckAt_{};
  Clock::time_point lastResponseAt_{};
  // The last checks sent: a busy server answers a check after the next one has left.
  std::array<media::StunTransactionId, 16> sent_{};
  size_t nextSent_ = 0;
  uint32_t transactionCounter_ = 0;
  uint64_t checksSent_ = 0;
  std::array<uint8_t, 512> buffer_{};
};

}  // namespace dienhong::loadgen
