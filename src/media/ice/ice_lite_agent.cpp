#include "media/ice/ice_lite_agent.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include "media/ice/packet_demux.hpp"
#include "media/ice/stun_crypto.hpp"
#include "media/ice/stun_message_view.hpp"
#include "media/ice/stun_message_writer.hpp"

namespace dienhong::media {
namespace {

// At most this many types are echoed in UNKNOWN-ATTRIBUTES; more is already a broken peer.
constexpr size_t kMaxUnknownListed = 16;

std::string_view reasonPhrase(uint16_t code) {
  switch (code) {
    case stun_error::kBadRequest:
      return "Bad Request";
    case stun_error::kUnauthenticated:
      return "Unauthenticated";
    case stun_error::kUnknownAttribute:
      return "Unknown Attribute";
    case stun_error::kRoleConflict:
      return "Role Conflict";
    default:
      return "";
  }
}

void checkLocalCredentials(const IceCredentials& local) {
  if (!local.isValid()) throw std::invalid_argument("invalid local ICE credentials");
}

}  // namespace

std::string_view toString(IceState state) {
  switch (state) {
    case IceState::kNew:
      return "new";
    case IceState::kChecking:
      return "checking";
    case IceState::kConnected:
      return "connected";
    case IceState::kDisconnected:
      return "disconnected";
    case IceState::kFailed:
      return "failed";
  }
  return "unknown";
}

IceLiteAgent::IceLiteAgent(IceCredentials local, IceLiteConfig config)
    : config_(std::move(config)) {
  checkLocalCredentials(local);
  if (config_.software.size() > kStunMaxTextSize) {
    throw std::invalid_argument("SOFTWARE longer than 763 bytes");
  }
  config_.maxPairs = std::max<size_t>(config_.maxPairs, 2);
  current_.local = std::move(local);
  pairs_.reserve(config_.maxPairs);
}

bool IceLiteAgent::setRemoteCredentials(const IceCredentials& remote) {
  if (!remote.isValid()) return false;
  current_.remoteUfrag = remote.ufrag;
  return true;
}

void IceLiteAgent::restart(IceCredentials newLocal) {
  checkLocalCredentials(newLocal);
  if (newLocal.ufrag == current_.local.ufrag || newLocal.pwd == current_.local.pwd) {
    throw std::invalid_argument("an ICE restart must change both ufrag and password");
  }
  // Only one session back is kept: restarting twice before a nomination abandons the oldest.
  const uint32_t generation = current_.generation + 1;
  previous_ = std::move(current_);
  current_ = Session{std::move(newLocal), {}, generation};
}

bool IceLiteAgent::ownsUfrag(std::string_view localUfrag) const {
  return localUfrag == current_.local.ufrag || (previous_ && localUfrag == previous_->local.ufrag);
}

const IceLiteAgent::Session* IceLiteAgent::sessionFor(std::string_view username) const {
  const auto parts = splitIceUsername(username);
  if (!parts) return nullptr;
  for (const Session* session : {&current_, previous_ ? &*previous_ : nullptr}) {
    if (session == nullptr || parts->localUfrag != session->local.ufrag) continue;
    if (!session->remoteUfrag.empty() && parts->remoteUfrag != session->remoteUfrag) continue;
    return session;
  }
  return nullptr;
}

std::span<const uint8_t> IceLiteAgent::respond(const StunMessageView& request,
                                               const TransportAddress& to,
                                               std::span<uint8_t> buffer, uint16_t errorCode,
                                               const Session* authenticatedBy, bool sha256,
                                               std::span<const uint16_t> unknown) {
  const StunClass responseClass =
      errorCode == 0 ? StunClass::kSuccessResponse : StunClass::kErrorResponse;
  StunMessageWriter writer(buffer, {responseClass, request.method()}, request.transactionId());
  if (!config_.software.empty()) writer.addSoftware(config_.software);
  if (errorCode == 0) {
    writer.addXorMappedAddress(to);
  } else {
    writer.addErrorCode(errorCode, reasonPhrase(errorCode));
  }
  if (!unknown.empty()) writer.addUnknownAttributes(unknown);
  if (authenticatedBy != nullptr) {
    const auto key = asBytes(authenticatedBy->local.pwd);
    if (sha256) {
      writer.addMessageIntegritySha256(key);
    } else {
      writer.addMessageIntegrity(key);
    }
  }
  writer.addFingerprint();
  if (!writer.ok()) {
    ++counters_.responseTooLarge;
    return {};
  }
  switch (errorCode) {
    case 0:
      ++counters_.success;
      break;
    case stun_error::kBadRequest:
      ++counters_.badRequest;
      break;
    case stun_error::kUnauthenticated:
      ++counters_.unauthenticated;
      break;
    case stun_error::kUnknownAttribute:
      ++counters_.unknownAttribute;
      break;
    case stun_error::kRoleConflict:
      ++counters_.roleConflict;
      break;
    default:
      break;
  }
  return writer.message();
}

IceLiteAgent::Output IceLiteAgent::handleStun(std::span<const uint8_t> datagram,
                                              const TransportAddress& from, TimePoint now,
                                              std::span<uint8_t> responseBuffer) {
  Output out;
  out.to = from;
  const auto request = StunMessageView::parse(datagram);
  if (!request) {
    ++counters_.notStun;
    return out;
  }
  if (!request->verifyFingerprint()) {  // also false when FINGERPRINT is absent
    ++counters_.discardedFingerprint;
    return out;
  }
  if (request->messageClass() != StunClass::kRequest) {
    ++counters_.discardedNotRequest;
    return out;
  }
  if (request->method() != stun_method::kBinding) {
    ++counters_.discardedMethod;
    return out;
  }

  // RFC 8489 §9.1.3, in order.
  const auto username = request->username();
  const bool sha256 = request->hasMessageIntegritySha256();
  if (!username || !(sha256 || request->hasMessageIntegrity())) {
    out.response = respond(*request, from, responseBuffer, stun_error::kBadRequest, nullptr, false);
    return out;
  }
  const Session* session = sessionFor(*username);
  if (session == nullptr) {
    out.response =
        respond(*request, from, responseBuffer, stun_error::kUnauthenticated, nullptr, false);
    return out;
  }
  const auto key = asBytes(session->local.pwd);
  const bool authentic =
      sha256 ? request->verifyMessageIntegritySha256(key) : request->verifyMessageIntegrity(key);
  if (!authentic) {
    out.response =
        respond(*request, from, responseBuffer, stun_error::kUnauthenticated, nullptr, false);
    return out;
  }

  // Authenticated from here on: every response carries integrity under the same password.
  std::array<uint16_t, kMaxUnknownListed> unknown{};
  const size_t unknownCount = request->unknownComprehensionRequired(unknown);
  if (unknownCount > 0) {
    out.response =
        respond(*request, from, responseBuffer, stun_error::kUnknownAttribute, session, sha256,
                std::span(unknown).first(std::min(unknownCount, unknown.size())));
    return out;
  }
  if (request->has(stun_attribute::kIceControlled)) {
    out.response =
        respond(*request, from, responseBuffer, stun_error::kRoleConflict, session, sha256);
    return out;
  }
  const auto priority = request->priority();
  if (!priority) {
    out.response =
        respond(*request, from, responseBuffer, stun_error::kBadRequest, session, sha256);
    return out;
  }

  // Accepted: answer first (the session pointer may not survive endPreviousSession()).
  out.response = respond(*request, from, responseBuffer, 0, session, sha256);
  const uint32_t generation = session->generation;
  size_t index = findPair(from);
  if (index == kNone) index = addPair(from);
  Pair& pair = pairs_[index];
  pair.lastConsent = now;
  pair.priority = *priority;
  pair.generation = generation;

  if (request->useCandidate()) {
    pair.nominated = true;
    if (previous_ && generation == current_.generation) {
      const TransportAddress nominated = pair.remote;
      endPreviousSession();
      index = findPair(nominated);
    }
    selected_ = index;
    out.event = moveTo(IceState::kConnected);
  } else if (index == selected_ &&
             (state_ == IceState::kDisconnected || state_ == IceState::kFailed)) {
    out.event = moveTo(IceState::kConnected);
  } else if (selected_ == kNone && state_ != IceState::kChecking) {
    out.event = moveTo(IceState::kChecking);  // first check, or a new try after a failure
  }
  return out;
}

void IceLiteAgent::endPreviousSession() {
  previous_.reset();
  for (size_t i = pairs_.size(); i-- > 0;) {
    if (pairs_[i].generation != current_.generation) removePair(i);
  }
}

size_t IceLiteAgent::findPair(const TransportAddress& remote) const {
  for (size_t i = 0; i < pairs_.size(); ++i) {
    if (pairs_[i].remote == remote) return i;
  }
  return kNone;
}

size_t IceLiteAgent::addPair(const TransportAddress& remote) {
  if (pairs_.size() == config_.maxPairs) {
    size_t oldest = kNone;
    for (size_t i = 0; i < pairs_.size(); ++i) {
      if (i == selected_) continue;
      if (oldest == kNone || pairs_[i].lastConsent < pairs_[oldest].lastConsent) oldest = i;
    }
    removePair(oldest);  // maxPairs >= 2, so a non-selected pair exists
    ++counters_.pairsEvicted;
  }
  pairs_.push_back(Pair{remote, {}, 0, 0, false});
  return pairs_.size() - 1;
}

void IceLiteAgent::removePair(size_t index) {
  const size_t last = pairs_.size() - 1;
  if (selected_ == index) selected_ = kNone;
  if (index != last) {
    pairs_[index] = pairs_[last];
    if (selected_ == last) selected_ = index;
  }
  pairs_.pop_back();
}

std::optional<IceEvent> IceLiteAgent::moveTo(IceState next) {
  std::optional<TransportAddress> selected;
  if (next == IceState::kConnected && selected_ != kNone) selected = pairs_[selected_].remote;
  if (next == state_ && selected == reportedSelected_) return std::nullopt;
  state_ = next;
  reportedSelected_ = selected;
  return IceEvent{next, selected};
}

std::optional<IceEvent> IceLiteAgent::onTimer(TimePoint now) {
  for (size_t i = pairs_.size(); i-- > 0;) {
    if (i != selected_ && now - pairs_[i].lastConsent >= config_.consentTimeout) removePair(i);
  }
  switch (state_) {
    case IceState::kConnected:
    case IceState::kDisconnected: {
      if (selected_ == kNone) return moveTo(IceState::kFailed);  // not reachable; defensive
      const auto silence = now - pairs_[selected_].lastConsent;
      if (silence >= config_.consentTimeout) return moveTo(IceState::kFailed);
      if (silence >= config_.disconnectedTimeout) return moveTo(IceState::kDisconnected);
      return std::nullopt;
    }
    case IceState::kChecking:
      if (pairs_.empty()) return moveTo(IceState::kFailed);
      return std::nullopt;
    case IceState::kNew:
    case IceState::kFailed:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<IceLiteAgent::TimePoint> IceLiteAgent::nextTimeout() const {
  std::optional<TimePoint> next;
  auto consider = [&next](TimePoint t) {
    if (!next || t < *next) next = t;
  };
  for (size_t i = 0; i < pairs_.size(); ++i) {
    if (i != selected_) {
      consider(pairs_[i].lastConsent + config_.consentTimeout);
    } else if (state_ == IceState::kConnected) {
      consider(pairs_[i].lastConsent + config_.disconnectedTimeout);
    } else if (state_ == IceState::kDisconnected) {
      consider(pairs_[i].lastConsent + config_.consentTimeout);
    }
  }
  return next;
}

std::optional<TransportAddress> IceLiteAgent::selectedRemote() const {
  if (selected_ == kNone) return std::nullopt;
  return pairs_[selected_].remote;
}

bool IceLiteAgent::hasValidPair(const TransportAddress& remote, TimePoint now) const {
  const size_t index = findPair(remote);
  return index != kNone && now - pairs_[index].lastConsent < config_.consentTimeout;
}

}  // namespace dienhong::media
