// IceLiteAgent: the server side of ICE for one transport of one participant, as a lite
// implementation (RFC 8445 §2.5): it never gathers or sends checks, it answers the browser's
// Binding requests, learns candidate pairs from them and follows the browser's nominations.
// Pure logic: the media worker feeds it datagrams with their source address and the time, and
// sends what it returns; tests drive the clock.
//
// Request processing, in the order the RFCs give:
//  1. Not a STUN message → not handled (the worker's demultiplexer should not have sent it).
//  2. FINGERPRINT missing or wrong → silently discarded: ICE agents MUST use the FINGERPRINT
//     mechanism (RFC 8445 §7.3) and the check is part of the basic processing whose failure
//     discards the message (RFC 8489 §6.3, §7).
//  3. Indications (RFC 8445 §11 keepalives) and responses → discarded without effect; requests
//     of methods other than Binding → discarded (this port serves no other STUN usage).
//  4. No USERNAME, or neither MESSAGE-INTEGRITY nor MESSAGE-INTEGRITY-SHA256 → 400 (RFC 8489
//     §9.1.3, first check).
//  5. USERNAME not "<local ufrag>:<remote ufrag>" of a live session → 401; the remote part is
//     checked once the remote ufrag is known (before that, RFC 8445 §7.3 says to answer).
//  6. Integrity wrong under the local password → 401. Responses of 4-6 carry no
//     MESSAGE-INTEGRITY and no USERNAME (RFC 8489 §9.1.3, last paragraph).
//  7. Unknown comprehension-required attributes → 420 with UNKNOWN-ATTRIBUTES (RFC 8489
//     §6.3.1), authenticated.
//  8. ICE-CONTROLLED present → 487 Role Conflict, authenticated. RFC 8445 §7.3.1.1 would let a
//     controlled agent with the larger tie-breaker switch to controlling instead, but a lite
//     agent MUST stay controlled (§6.1.1), so 487 is the only answer it can give; the full
//     peer then switches to controlling (§7.2.5.1).
//  9. No PRIORITY (mandatory, RFC 8445 §7.1.1) → 400, authenticated.
// 10. Otherwise: success with XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY (or -SHA256 when the request
//     used it, §9.1.3) and FINGERPRINT, sent to the request's source; the pair (keyed by the
//     source transport address) is created or refreshed; USE-CANDIDATE nominates it (§7.3.2).
//
// Selection: the most recently nominated pair is the selected pair (a browser that changes
// network nominates the new path; Chrome marks every check on its selected pair with
// USE-CANDIDATE). RFC 8445 §8.1.1's "use the highest-priority nominated pair" for RFC 5245
// aggressive nomination is deliberately not applied: it contradicts following renominations,
// and the controlling agent's latest choice is where it sends media.
//
// Consent (RFC 7675): a lite agent sends no consent checks of its own, so every authenticated,
// accepted Binding request on a pair counts as fresh consent for it (nominated or not: Firefox's
// consent checks carry no USE-CANDIDATE). After `disconnectedTimeout` without one on the selected
// pair the agent reports kDisconnected; after `consentTimeout` (30 s, RFC 7675 §5.1) consent
// has expired and it reports kFailed: the caller MUST stop sending on that pair. A later valid
// request on the selected pair, or a new nomination, brings it back to kConnected. Other pairs
// are dropped when their consent expires.
//
// ICE restart (RFC 8445 §9): restart() installs new local credentials; the previous session's
// credentials and pairs keep working until the first nomination under the new ones, then they
// are dropped and old-credential requests get 401.
//
// Steady state allocates nothing: the pair table is reserved up front (maxPairs; a new pair past
// it evicts the least recently refreshed non-selected one) and responses go to the caller's
// buffer.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "media/ice/ice_credentials.hpp"
#include "media/ice/transport_address.hpp"

namespace dienhong::media {

class StunMessageView;

enum class IceState : uint8_t { kNew, kChecking, kConnected, kDisconnected, kFailed };
std::string_view toString(IceState state);

struct IceEvent {
  IceState state = IceState::kNew;
  std::optional<TransportAddress> selected;  // set for kConnected: where to send media now
  bool operator==(const IceEvent&) const = default;
};

struct IceLiteConfig {
  size_t maxPairs = 8;                                    // at least 2
  std::chrono::milliseconds disconnectedTimeout{10'000};  // two missed 5 s checks (RFC 7675 §5.1)
  std::chrono::milliseconds consentTimeout{30'000};       // RFC 7675 §5.1
  // SOFTWARE in responses (<= 763 bytes); empty by default: it tells attackers the version.
  std::string software = {};
};

// Per-agent counters (the media path logs nothing per packet).
struct IceLiteCounters {
  uint64_t notStun = 0;
  uint64_t discardedFingerprint = 0;  // FINGERPRINT missing or wrong
  uint64_t discardedNotRequest = 0;   // indications and responses
  uint64_t discardedMethod = 0;       // requests other than Binding
  uint64_t success = 0;
  uint64_t badRequest = 0;        // 400
  uint64_t unauthenticated = 0;   // 401
  uint64_t unknownAttribute = 0;  // 420
  uint64_t roleConflict = 0;      // 487
  uint64_t responseTooLarge = 0;  // the caller's buffer could not hold the response
  uint64_t pairsEvicted = 0;
};

class IceLiteAgent {
 public:
  using Clock = std::chrono::steady_clock;
  using TimePoint = Clock::time_point;

  // Enough for any response this agent writes (SOFTWARE at its 763-byte maximum included).
  static constexpr size_t kMaxResponseSize = 1024;

  // Throws std::invalid_argument for invalid local credentials or an over-long SOFTWARE
  // (start-up programming errors).
  explicit IceLiteAgent(IceCredentials local, IceLiteConfig config = {});

  const IceCredentials& localCredentials() const { return current_.local; }
  // From the peer's SDP. Only the ufrag is kept: a lite agent sends no checks, so it never
  // needs the remote password. False (and nothing changes) unless both are valid (RFC 8839).
  bool setRemoteCredentials(const IceCredentials& remote);
  // RFC 8445 §9: new local credentials (both must change); the remote ones of the new session
  // follow with setRemoteCredentials(). Throws like the constructor.
  void restart(IceCredentials newLocal);
  // Whether requests for this local ufrag belong here (current session, or the previous one
  // while a restart is in progress).
  bool ownsUfrag(std::string_view localUfrag) const;

  struct Output {
    std::span<const uint8_t> response;  // in the caller's buffer; empty: send nothing
    TransportAddress to;                // the request's source
    std::optional<IceEvent> event;
  };
  // One datagram that classifyPacket() called STUN, from `from`, received at `now`.
  // `responseBuffer` should hold kMaxResponseSize bytes.
  Output handleStun(std::span<const uint8_t> datagram, const TransportAddress& from, TimePoint now,
                    std::span<uint8_t> responseBuffer);
  // Consent bookkeeping; call at nextTimeout() (or periodically, e.g. every second).
  std::optional<IceEvent> onTimer(TimePoint now);
  std::optional<TimePoint> nextTimeout() const;

  IceState state() const { return state_; }
  // The nominated pair media goes to; set in kConnected (and kept, but not to be used for
  // sending, in kDisconnected / kFailed).
  std::optional<TransportAddress> selectedRemote() const;
  // A pair with unexpired consent exists for this address: the worker may accept media from
  // it (RFC 8445 §12.2) and learn the address for the transport.
  bool hasValidPair(const TransportAddress& remote, TimePoint now) const;
  size_t pairCount() const { return pairs_.size(); }
  const IceLiteCounters& counters() const { return counters_; }

 private:
  struct Session {
    IceCredentials local;
    std::string remoteUfrag;  // empty until known
    uint32_t generation = 0;
  };
  struct Pair {
    TransportAddress remote;
    TimePoint lastConsent{};  // last accepted, authenticated Binding request
    uint32_t priority = 0;
    uint32_t generation = 0;
    bool nominated = false;
  };
  static constexpr size_t kNone = static_cast<size_t>(-1);

  const Session* sessionFor(std::string_view username) const;
  std::span<const uint8_t> respond(const StunMessageView& request, const TransportAddress& to,
                                   std::span<uint8_t> buffer, uint16_t errorCode,
                                   const Session* authenticatedBy, bool sha256,
                                   std::span<const uint16_t> unknown = {});
  size_t findPair(const TransportAddress& remote) const;
  size_t addPair(const TransportAddress& remote);
  void removePair(size_t index);
  void endPreviousSession();
  std::optional<IceEvent> moveTo(IceState next);

  IceLiteConfig config_;
  Session current_;
  std::optional<Session> previous_;
  std::vector<Pair> pairs_;  // capacity config_.maxPairs, reserved once
  size_t selected_ = kNone;
  IceState state_ = IceState::kNew;
  std::optional<TransportAddress> reportedSelected_;
  IceLiteCounters counters_;
};

}  // namespace dienhong::media
