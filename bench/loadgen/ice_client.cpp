#include "loadgen/ice_client.hpp"

#include <algorithm>

#include "media/ice/stun_message_view.hpp"
#include "media/ice/stun_message_writer.hpp"

namespace dienhong::loadgen {
namespace {

std::span<const uint8_t> bytesOf(const std::string& text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

// RFC 8445 §5.1.2.1 priority of a host candidate (type preference 126), component 1.
constexpr uint32_t kHostPriority = (126u << 24) | (65535u << 8) | 255u;

}  // namespace

IceClient::IceClient(media::IceCredentials local, uint64_t tieBreaker, Send send)
    : local_(std::move(local)), tieBreaker_(tieBreaker), send_(std::move(send)) {}

void IceClient::start(std::string remoteUfrag, std::string remotePwd, Clock::time_point now) {
  remoteUfrag_ = std::move(remoteUfrag);
  remotePwd_ = std::move(remotePwd);
  state_ = IceState::Checking;
  startedAt_ = now;
  lastResponseAt_ = now;
  sendCheck(now);
}

void IceClient::sendCheck(Clock::time_point now) {
  ++transactionCounter_;
  media::StunTransactionId& id = sent_[nextSent_++ % sent_.size()];
  for (size_t i = 0; i < id.size(); ++i) {
    id[i] = static_cast<uint8_t>((tieBreaker_ >> (8 * (i % 8))) ^ (transactionCounter_ >> (8 * (i % 4))) ^ i);
  }
  media::StunMessageWriter writer(buffer_, media::kBindingRequest, id);
  writer.addUsername(remoteUfrag_ + ":" + local_.ufrag).addPriority(kHostPriority);
  if (controlling_) writer.addIceControlling(tieBreaker_).addUseCandidate();
  else writer.addIceControlled(tieBreaker_);
  writer.addMessageIntegrity(remotePwd_).addFingerprint();
  if (writer.ok()) {
    send_(writer.message());
    ++checksSent_;
  }
  nextCheckAt_ = now + (state_ == IceState::Connected ? Clock::duration(kConsentInterval) : kCheckInterval);
}

void IceClient::receive(std::span<const uint8_t> datagram, const media::TransportAddress& from,
                        Clock::time_point now) {
  const auto message = media::StunMessageView::parse(datagram);
  if (!message || !message->verifyFingerprint()) return;
  if (message->method() != media::stun_method::kBinding) return;
  switch (message->messageClass()) {
    case media::StunClass::kSuccessResponse: {
      const auto sentEnd = sent_.begin() + static_cast<std::ptrdiff_t>(std::min(nextSent_, sent_.size()));
      if (std::find(sent_.begin(), sentEnd, message->transactionId()) == sentEnd ||
          !message->verifyMessageIntegrity(bytesOf(remotePwd_))) {
        return;
      }
      lastResponseAt_ = now;
      if (state_ == IceState::Checking) {
        state_ = IceState::Connected;
        nextCheckAt_ = now + kConsentInterval;
      }
      return;
    }
    case media::StunClass::kRequest: {
      // A full-ICE server's check toward us (its USE-CANDIDATE nominates when we are
      // controlled): authenticated with our password, answered with where it came from.
      const auto username = message->username();
      if (!username || !username->starts_with(local_.ufrag + ":")) return;
      if (!message->verifyMessageIntegrity(bytesOf(local_.pwd))) return;
      media::StunMessageWriter writer(buffer_, media::kBindingSuccess, message->transactionId());
      writer.addXorMappedAddress(from).addMessageIntegrity(local_.pwd).addFingerprint();
      if (writer.ok()) send_(writer.message());
      return;
    }
    default:
      return;
  }
}

void IceClient::tick(Clock::time_point now) {
  if (state_ == IceState::Checking && now - startedAt_ > kGiveUpAfter) state_ = IceState::Failed;
  if (state_ == IceState::Connected && now - lastResponseAt_ > kConsentTimeout) state_ = IceState::Failed;
  if ((state_ == IceState::Checking || state_ == IceState::Connected) && now >= nextCheckAt_) sendCheck(now);
}

}  // namespace dienhong::loadgen
