// Fuzz target for the STUN parser, writer and the ICE-lite agent (src/media/ice).
//  1. Any input that parses is rebuilt attribute by attribute with StunMessageWriter (typed
//     where the attribute has a typed writer, verbatim otherwise); the rebuild must parse to the
//     same type, transaction id and attribute list.
//  2. The parsed attributes are re-signed with the agent's password (MESSAGE-INTEGRITY or
//     -SHA256, then FINGERPRINT); the writer's integrity and fingerprint must verify.
//  3. The raw input and the re-signed message are fed to an ICE-lite agent with fixed
//     credentials. It must never crash, never answer a message with a bad FINGERPRINT, never
//     send an authenticated or success response to a request that does not verify under its
//     password, and never put MESSAGE-INTEGRITY or USERNAME into a 400/401.
// Any violated property aborts.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <vector>

#include "media/ice/ice_lite_agent.hpp"
#include "media/ice/packet_demux.hpp"
#include "media/ice/stun_crypto.hpp"
#include "media/ice/stun_message_view.hpp"
#include "media/ice/stun_message_writer.hpp"
#include "media/ice/xor_mapped_address.hpp"

using namespace dienhong::media;

namespace {

const IceCredentials kLocal{"ServerUf", "ServerPasswordServerPass"};

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "stun_fuzz: %s\n", what);
  std::abort();
}

void check(bool condition, const char* what) {
  if (!condition) fail(what);
}

uint64_t readBigEndian(std::span<const uint8_t> value) {
  uint64_t v = 0;
  for (const uint8_t b : value) v = (v << 8) | b;
  return v;
}

// Writes one attribute typed when a typed writer exists and the value decodes; returns
// whether it went typed (then the comparison is on decoded values, not bytes).
bool writeAttribute(StunMessageWriter& writer, const StunMessageView& message,
                    const StunAttribute& attribute) {
  switch (attribute.type) {
    case stun_attribute::kXorMappedAddress:
      if (const auto address = decodeXorMappedAddress(attribute.value, message.transactionId())) {
        writer.addXorMappedAddress(*address);
        return true;
      }
      break;
    case stun_attribute::kPriority:
      if (attribute.value.size() == 4) {
        writer.addPriority(static_cast<uint32_t>(readBigEndian(attribute.value)));
        return true;
      }
      break;
    case stun_attribute::kIceControlling:
      if (attribute.value.size() == 8) {
        writer.addIceControlling(readBigEndian(attribute.value));
        return true;
      }
      break;
    case stun_attribute::kIceControlled:
      if (attribute.value.size() == 8) {
        writer.addIceControlled(readBigEndian(attribute.value));
        return true;
      }
      break;
    case stun_attribute::kUseCandidate:
      if (attribute.value.empty()) {
        writer.addUseCandidate();
        return true;
      }
      break;
    default:
      break;
  }
  writer.addAttribute(attribute.type, attribute.value);
  return false;
}

void checkRoundTrip(const StunMessageView& message) {
  static std::array<uint8_t, 70'000> buffer;
  StunMessageWriter writer(buffer, message.type(), message.transactionId());
  std::vector<bool> typed;
  for (const StunAttribute attribute : message.attributes()) {
    typed.push_back(writeAttribute(writer, message, attribute));
  }
  check(writer.ok(), "rebuilding a parsed message failed");
  check(writer.size() == message.bytes().size(), "rebuild changed the size");
  const auto again = StunMessageView::parse(writer.message());
  check(again.has_value(), "rebuilt message does not parse");
  check(again->type() == message.type(), "type changed");
  check(again->transactionId() == message.transactionId(), "transaction id changed");

  auto original = message.attributes().begin();
  size_t index = 0;
  for (const StunAttribute rebuilt : again->attributes()) {
    check(original != message.attributes().end(), "rebuild has more attributes");
    const StunAttribute before = *original;
    check(rebuilt.type == before.type, "attribute type changed");
    check(rebuilt.offset == before.offset, "attribute offset changed");
    check(again->isIgnored(rebuilt) == message.isIgnored(before), "ignored flag changed");
    if (typed[index]) {
      if (before.type == stun_attribute::kXorMappedAddress) {
        check(decodeXorMappedAddress(rebuilt.value, again->transactionId()) ==
                  decodeXorMappedAddress(before.value, message.transactionId()),
              "XOR-MAPPED-ADDRESS changed");
      } else {
        check(std::equal(rebuilt.value.begin(), rebuilt.value.end(), before.value.begin(),
                         before.value.end()),
              "typed attribute value changed");
      }
    } else {
      check(std::equal(rebuilt.value.begin(), rebuilt.value.end(), before.value.begin(),
                       before.value.end()),
            "attribute value changed");
    }
    ++original;
    ++index;
  }
  check(original == message.attributes().end(), "rebuild lost attributes");
  check(again->hasFingerprint() == message.hasFingerprint() &&
            again->hasMessageIntegrity() == message.hasMessageIntegrity() &&
            again->hasMessageIntegritySha256() == message.hasMessageIntegritySha256(),
        "integrity attributes moved");
  check(again->username() == message.username() && again->priority() == message.priority() &&
            again->useCandidate() == message.useCandidate() &&
            again->iceControlling() == message.iceControlling() &&
            again->iceControlled() == message.iceControlled() &&
            again->xorMappedAddress() == message.xorMappedAddress(),
        "typed lookups changed");
}

// The parsed attributes, minus the integrity ones, signed with the agent's password.
std::vector<uint8_t> resign(const StunMessageView& message, bool sha256) {
  std::vector<uint8_t> buffer(70'000);
  StunMessageWriter writer(buffer, message.type(), message.transactionId());
  for (const StunAttribute attribute : message.attributes()) {
    if (attribute.type == stun_attribute::kMessageIntegrity ||
        attribute.type == stun_attribute::kMessageIntegritySha256 ||
        attribute.type == stun_attribute::kFingerprint) {
      continue;
    }
    writer.addAttribute(attribute.type, attribute.value);
  }
  if (sha256) {
    writer.addMessageIntegritySha256(asBytes(kLocal.pwd));
  } else {
    writer.addMessageIntegrity(asBytes(kLocal.pwd));
  }
  writer.addFingerprint();
  if (!writer.ok()) return {};  // grew past 64 KiB
  const auto signedMessage = StunMessageView::parse(writer.message());
  check(signedMessage.has_value(), "re-signed message does not parse");
  check(signedMessage->verifyFingerprint(), "writer FINGERPRINT does not verify");
  check(sha256 ? signedMessage->verifyMessageIntegritySha256(asBytes(kLocal.pwd))
               : signedMessage->verifyMessageIntegrity(asBytes(kLocal.pwd)),
        "writer MESSAGE-INTEGRITY does not verify");
  return {writer.message().begin(), writer.message().end()};
}

void checkAgentOutput(std::span<const uint8_t> request, const IceLiteAgent::Output& out,
                      const TransportAddress& from) {
  if (out.response.empty()) return;
  check(out.to == from, "response not sent to the request's source");
  const auto req = StunMessageView::parse(request);
  check(req.has_value(), "answered something that is not STUN");
  check(req->verifyFingerprint(), "answered a request with a bad FINGERPRINT");
  check(req->type() == kBindingRequest, "answered something other than a Binding request");
  const auto response = StunMessageView::parse(out.response);
  check(response.has_value(), "response does not parse");
  check(response->verifyFingerprint(), "response FINGERPRINT does not verify");
  check(response->transactionId() == req->transactionId(), "response transaction id differs");
  check(!response->username(), "response carries USERNAME");

  const bool authenticated =
      response->hasMessageIntegrity() || response->hasMessageIntegritySha256();
  const bool success = response->type() == kBindingSuccess;
  if (success || authenticated) {
    const bool requestVerifies = req->hasMessageIntegritySha256()
                                     ? req->verifyMessageIntegritySha256(asBytes(kLocal.pwd))
                                     : req->verifyMessageIntegrity(asBytes(kLocal.pwd));
    check(requestVerifies, "authenticated answer to a request that does not verify");
    check(response->hasMessageIntegritySha256()
              ? response->verifyMessageIntegritySha256(asBytes(kLocal.pwd))
              : response->verifyMessageIntegrity(asBytes(kLocal.pwd)),
          "response integrity does not verify");
    check(authenticated, "success response without integrity");
  }
  if (success) check(response->xorMappedAddress() == from, "wrong XOR-MAPPED-ADDRESS");
  if (!success) {
    const auto error = response->errorCode();
    check(error.has_value(), "error response without ERROR-CODE");
    if (error->code == 400 || error->code == 401) {
      // 400 after authentication (missing PRIORITY) is authenticated; otherwise it is not.
      check(error->code == 400 || !authenticated, "401 carries MESSAGE-INTEGRITY");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> input(data, size);
  (void)classifyPacket(input);
  (void)stunLocalUfrag(input);
  (void)isStun(input);

  const auto message = StunMessageView::parse(input);
  std::vector<uint8_t> signedMessage;
  if (message) {
    // isStun() is narrower on purpose: RFC 7983 gives STUN only first bytes 0..3.
    check(isStun(input) == (data[0] <= 3), "isStun disagrees with parse");
    (void)message->software();
    (void)message->realm();
    (void)message->nonce();
    (void)message->errorCode();
    if (const auto list = message->unknownAttributes()) {
      for (size_t i = 0; i < list->size(); ++i) (void)(*list)[i];
    }
    (void)message->verifyFingerprint();
    (void)message->verifyMessageIntegrity(asBytes(kLocal.pwd));
    (void)message->verifyMessageIntegritySha256(asBytes(kLocal.pwd));
    std::array<uint16_t, 4> unknown{};
    (void)message->unknownComprehensionRequired(unknown);
    checkRoundTrip(*message);
    signedMessage = resign(*message, size > 20 && (data[size - 1] & 1) != 0);
  }

  IceLiteAgent agent(kLocal);
  if (size > 0 && (data[0] & 0x10) != 0) (void)agent.setRemoteCredentials({"ClientUf", kLocal.pwd});
  std::array<uint8_t, IceLiteAgent::kMaxResponseSize> buffer{};
  auto now = IceLiteAgent::TimePoint{} + std::chrono::hours(1);
  const auto a = TransportAddress::ipv4({203, 0, 113, 7}, 54321);
  const auto b = *TransportAddress::fromString("[2001:db8::7]:5000");

  checkAgentOutput(input, agent.handleStun(input, a, now, buffer), a);
  if (!signedMessage.empty()) {
    for (const auto& from : {a, b, a}) {
      now += std::chrono::seconds(4);
      checkAgentOutput(signedMessage, agent.handleStun(signedMessage, from, now, buffer), from);
      (void)agent.onTimer(now);
      if (agent.state() == IceState::kConnected)
        check(agent.selectedRemote().has_value(), "connected without a selected pair");
    }
    now += std::chrono::seconds(31);
    (void)agent.onTimer(now);
  }
  return 0;
}
