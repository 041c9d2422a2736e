#include "media/ice/ice_lite_agent.hpp"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "media/ice/stun_crypto.hpp"
#include "media/ice/stun_message_view.hpp"
#include "media/ice/stun_message_writer.hpp"
#include "rfc5769_vectors.hpp"

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

const IceCredentials kServer{"ServerUf", "ServerPasswordServerPass"};
const IceCredentials kClient{"ClientUf", "ClientPasswordClientPass"};
const IceCredentials kServer2{"ServerU2", "ServerPassword2ServerPas"};
// Keys that must not authenticate: kServer's password with its last character changed, and an
// unrelated one.
const std::string kNearlyServerPassword = "ServerPasswordServerPasX";
const std::string kWrongPassword = "wrong-password-wrong-pw";
const IceCredentials kClient2{"ClientU2", "ClientPassword2ClientPas"};

// Generated independently of this code base (Python's hmac, hashlib and zlib): a Chrome-like
// Binding request to kServer from kClient (USERNAME, GOOG-NETWORK-INFO, ICE-CONTROLLING,
// USE-CANDIDATE, PRIORITY, MESSAGE-INTEGRITY, FINGERPRINT), the success response the server
// must send to 203.0.113.7:54321, and the 401 for the same transaction.
constexpr std::array<uint8_t, 108> kChromeLikeRequest = {
    0x00, 0x01, 0x00, 0x58, 0x21, 0x12, 0xa4, 0x42, 0x4a, 0x6f, 0x73, 0x65, 0x70, 0x68, 0x4b, 0x6f,
    0x6e, 0x72, 0x61, 0x64, 0x00, 0x06, 0x00, 0x11, 0x53, 0x65, 0x72, 0x76, 0x65, 0x72, 0x55, 0x66,
    0x3a, 0x43, 0x6c, 0x69, 0x65, 0x6e, 0x74, 0x55, 0x66, 0x00, 0x00, 0x00, 0xc0, 0x57, 0x00, 0x04,
    0x00, 0x01, 0x00, 0x32, 0x80, 0x2a, 0x00, 0x08, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
    0x00, 0x25, 0x00, 0x00, 0x00, 0x24, 0x00, 0x04, 0x6e, 0x7f, 0x1e, 0xff, 0x00, 0x08, 0x00, 0x14,
    0xae, 0x69, 0xef, 0x82, 0xa5, 0x6c, 0x24, 0xf0, 0xaf, 0x5b, 0x2c, 0xd8, 0x6c, 0x04, 0xc3, 0x1e,
    0x56, 0xc8, 0xbd, 0xce, 0x80, 0x28, 0x00, 0x04, 0x88, 0xfd, 0x0f, 0xe9,
};
constexpr std::array<uint8_t, 64> kExpectedSuccess = {
    0x01, 0x01, 0x00, 0x2c, 0x21, 0x12, 0xa4, 0x42, 0x4a, 0x6f, 0x73, 0x65, 0x70, 0x68, 0x4b, 0x6f,
    0x6e, 0x72, 0x61, 0x64, 0x00, 0x20, 0x00, 0x08, 0x00, 0x01, 0xf5, 0x23, 0xea, 0x12, 0xd5, 0x45,
    0x00, 0x08, 0x00, 0x14, 0xa6, 0xd1, 0x78, 0x04, 0x15, 0x80, 0xeb, 0x46, 0x13, 0xbd, 0x80, 0xd8,
    0x8f, 0x98, 0x0c, 0x73, 0x4c, 0xe4, 0xb7, 0x43, 0x80, 0x28, 0x00, 0x04, 0x2a, 0xb2, 0xa3, 0x1f,
};
constexpr std::array<uint8_t, 52> kExpected401 = {
    0x01, 0x11, 0x00, 0x20, 0x21, 0x12, 0xa4, 0x42, 0x4a, 0x6f, 0x73, 0x65, 0x70,
    0x68, 0x4b, 0x6f, 0x6e, 0x72, 0x61, 0x64, 0x00, 0x09, 0x00, 0x13, 0x00, 0x00,
    0x04, 0x01, 0x55, 0x6e, 0x61, 0x75, 0x74, 0x68, 0x65, 0x6e, 0x74, 0x69, 0x63,
    0x61, 0x74, 0x65, 0x64, 0x00, 0x80, 0x28, 0x00, 0x04, 0xed, 0xa1, 0xc6, 0x53,
};
constexpr StunTransactionId kChromeTransactionId = {0x4a, 0x6f, 0x73, 0x65, 0x70, 0x68,
                                                    0x4b, 0x6f, 0x6e, 0x72, 0x61, 0x64};

struct Request {
  std::optional<std::string> username = "ServerUf:ClientUf";
  std::optional<std::string> password = kServer.pwd;  // MESSAGE-INTEGRITY key; none if nullopt
  bool sha256 = false;
  bool useCandidate = false;
  std::optional<uint32_t> priority = 0x6e7f1eff;
  std::optional<uint64_t> controlling = 0x0102030405060708;
  std::optional<uint64_t> controlled = std::nullopt;
  std::vector<uint16_t> extraAttributes = {};  // empty values
  bool fingerprint = true;
  bool corruptFingerprint = false;
  StunMessageType type = kBindingRequest;
  StunTransactionId id = kChromeTransactionId;
};

std::vector<uint8_t> build(const Request& r) {
  std::vector<uint8_t> buffer(512);
  StunMessageWriter w(buffer, r.type, r.id);
  if (r.username) w.addUsername(*r.username);
  for (const uint16_t type : r.extraAttributes) w.addAttribute(type, {});
  if (r.controlling) w.addIceControlling(*r.controlling);
  if (r.controlled) w.addIceControlled(*r.controlled);
  if (r.useCandidate) w.addUseCandidate();
  if (r.priority) w.addPriority(*r.priority);
  if (r.password) {
    if (r.sha256) {
      w.addMessageIntegritySha256(asBytes(*r.password));
    } else {
      w.addMessageIntegrity(*r.password);
    }
  }
  if (r.fingerprint) w.addFingerprint();
  EXPECT_TRUE(w.ok());
  std::vector<uint8_t> out(w.message().begin(), w.message().end());
  if (r.corruptFingerprint) out.back() ^= 0x01;
  return out;
}

std::vector<uint8_t> bytesOf(std::span<const uint8_t> bytes) {
  return {bytes.begin(), bytes.end()};
}

TransportAddress address(const char* text) { return *TransportAddress::fromString(text); }

class IceLiteAgentTest : public ::testing::Test {
 protected:
  IceLiteAgent::Output send(const Request& r, const TransportAddress& from) {
    const auto datagram = build(r);
    auto out = agent_.handleStun(datagram, from, now_, buffer_);
    lastResponse_ = bytesOf(out.response);
    return out;
  }
  IceLiteAgent::Output send(const Request& r) { return send(r, a_); }
  // The last response, which must parse and carry a valid FINGERPRINT (RFC 8445 §7.3).
  StunMessageView response() const {
    auto m = StunMessageView::parse(lastResponse_);
    EXPECT_TRUE(m);
    EXPECT_TRUE(m->verifyFingerprint());
    return *m;
  }
  void expectError(const IceLiteAgent::Output& out, uint16_t code, bool authenticated,
                   const std::string& pwd = kServer.pwd) {
    ASSERT_FALSE(out.response.empty());
    const auto m = response();
    EXPECT_EQ(m.type(), kBindingError);
    EXPECT_EQ(m.transactionId(), kChromeTransactionId);
    ASSERT_TRUE(m.errorCode());
    EXPECT_EQ(m.errorCode()->code, code);
    EXPECT_FALSE(m.username());  // RFC 8489 §9.1.3
    EXPECT_EQ(m.hasMessageIntegrity(), authenticated);
    if (authenticated) {
      EXPECT_TRUE(m.verifyMessageIntegrity(asBytes(pwd)));
    }
    EXPECT_FALSE(out.event);
  }
  void advance(std::chrono::milliseconds d) { now_ += d; }

  IceLiteAgent agent_{kServer};
  IceLiteAgent::TimePoint now_ = IceLiteAgent::TimePoint{} + 1000h;
  std::array<uint8_t, IceLiteAgent::kMaxResponseSize> buffer_{};
  std::vector<uint8_t> lastResponse_;
  TransportAddress a_ = address("203.0.113.7:54321");
  TransportAddress b_ = address("198.51.100.20:40000");
};

// --- Successful checks ---------------------------------------------------------------------------

TEST_F(IceLiteAgentTest, ChromeLikeRequestGetsTheExactSuccessResponse) {
  ASSERT_TRUE(agent_.setRemoteCredentials(kClient));
  const auto out = agent_.handleStun(kChromeLikeRequest, a_, now_, buffer_);
  EXPECT_EQ(bytesOf(out.response), bytesOf(kExpectedSuccess));
  EXPECT_EQ(out.to, a_);
  ASSERT_TRUE(out.event);
  EXPECT_EQ(*out.event, (IceEvent{IceState::kConnected, a_}));
  EXPECT_EQ(agent_.state(), IceState::kConnected);
  EXPECT_EQ(agent_.selectedRemote(), a_);
  EXPECT_EQ(agent_.counters().success, 1U);
}

TEST_F(IceLiteAgentTest, SuccessResponseIsAuthenticatedWithTheLocalPassword) {
  const auto ipv6 = address("[2001:db8::7]:5000");
  const auto out = send({}, ipv6);
  ASSERT_FALSE(out.response.empty());
  const auto m = response();
  EXPECT_EQ(m.type(), kBindingSuccess);
  EXPECT_EQ(m.transactionId(), kChromeTransactionId);
  EXPECT_EQ(m.xorMappedAddress(), ipv6);
  EXPECT_TRUE(m.verifyMessageIntegrity(asBytes(kServer.pwd)));
  EXPECT_FALSE(m.verifyMessageIntegrity(asBytes(kClient.pwd)));
  EXPECT_FALSE(m.username());
  EXPECT_FALSE(m.software());
  EXPECT_FALSE(m.hasMessageIntegritySha256());
}

TEST_F(IceLiteAgentTest, SoftwareIsSentWhenConfigured) {
  IceLiteAgent agent(kServer, IceLiteConfig{.software = "Dien Hong"});
  const auto datagram = build({});
  const auto out = agent.handleStun(datagram, a_, now_, buffer_);
  const auto m = StunMessageView::parse(out.response);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->software(), "Dien Hong");
  EXPECT_TRUE(m->verifyMessageIntegrity(asBytes(kServer.pwd)));
}

TEST_F(IceLiteAgentTest, Sha256RequestGetsSha256Response) {
  const auto out = send({.sha256 = true});
  ASSERT_FALSE(out.response.empty());
  const auto m = response();
  EXPECT_EQ(m.type(), kBindingSuccess);
  EXPECT_FALSE(m.hasMessageIntegrity());  // RFC 8489 §9.1.3: only the algorithm of the request
  EXPECT_TRUE(m.verifyMessageIntegritySha256(asBytes(kServer.pwd)));
}

TEST_F(IceLiteAgentTest, RemoteUfragIsAcceptedUntilKnownThenChecked) {
  EXPECT_FALSE(send({.username = "ServerUf:Whoever"}).response.empty());
  EXPECT_EQ(response().type(), kBindingSuccess);
  ASSERT_TRUE(agent_.setRemoteCredentials(kClient));
  expectError(send({.username = "ServerUf:Whoever"}), stun_error::kUnauthenticated, false);
  EXPECT_EQ(response().type(), kBindingError);
  send({});
  EXPECT_EQ(response().type(), kBindingSuccess);
}

TEST_F(IceLiteAgentTest, InvalidRemoteCredentialsAreRefused) {
  EXPECT_FALSE(agent_.setRemoteCredentials({"abc", kClient.pwd}));       // ufrag too short
  EXPECT_FALSE(agent_.setRemoteCredentials({"Client*f", kClient.pwd}));  // not an ice-char
  EXPECT_FALSE(agent_.setRemoteCredentials({kClient.ufrag, "short"}));
  // Nothing changed: any remote ufrag is still accepted.
  send({.username = "ServerUf:abc"});
  EXPECT_EQ(response().type(), kBindingSuccess);
}

// --- Rejections (RFC 8489 §9.1.3, RFC 8445 §7.3) -------------------------------------------------

TEST_F(IceLiteAgentTest, WrongPasswordGets401WithoutIntegrity) {
  ASSERT_TRUE(agent_.setRemoteCredentials(kClient));
  const auto out = send({.password = kNearlyServerPassword, .useCandidate = true});
  expectError(out, stun_error::kUnauthenticated, false);
  EXPECT_EQ(lastResponse_, bytesOf(kExpected401));
  EXPECT_EQ(agent_.state(), IceState::kNew);
  EXPECT_EQ(agent_.pairCount(), 0U);
  EXPECT_EQ(agent_.counters().unauthenticated, 1U);
}

TEST_F(IceLiteAgentTest, WrongLocalUfragGets401) {
  expectError(send({.username = "ServerUX:ClientUf"}), stun_error::kUnauthenticated, false);
  expectError(send({.username = "ServerUf"}), stun_error::kUnauthenticated, false);  // no colon
  expectError(send({.username = ":ClientUf"}), stun_error::kUnauthenticated, false);
  EXPECT_EQ(agent_.pairCount(), 0U);
}

TEST_F(IceLiteAgentTest, MissingUsernameOrIntegrityGets400WithoutIntegrity) {
  expectError(send({.username = std::nullopt}), stun_error::kBadRequest, false);
  expectError(send({.password = std::nullopt}), stun_error::kBadRequest, false);
  EXPECT_EQ(agent_.counters().badRequest, 2U);
  EXPECT_EQ(agent_.pairCount(), 0U);
}

TEST_F(IceLiteAgentTest, BadOrMissingFingerprintIsSilentlyDiscarded) {
  auto out = send({.useCandidate = true, .corruptFingerprint = true});
  EXPECT_TRUE(out.response.empty());
  EXPECT_FALSE(out.event);
  out = send({.useCandidate = true, .fingerprint = false});
  EXPECT_TRUE(out.response.empty());
  EXPECT_EQ(agent_.counters().discardedFingerprint, 2U);
  EXPECT_EQ(agent_.state(), IceState::kNew);
}

TEST_F(IceLiteAgentTest, IndicationsResponsesAndOtherMethodsGetNoAnswer) {
  EXPECT_TRUE(send({.type = kBindingIndication}).response.empty());
  EXPECT_TRUE(send({.type = kBindingSuccess}).response.empty());
  EXPECT_TRUE(send({.type = kBindingError}).response.empty());
  EXPECT_EQ(agent_.counters().discardedNotRequest, 3U);
  EXPECT_TRUE(send({.type = {StunClass::kRequest, 0x003}}).response.empty());  // TURN Allocate
  EXPECT_EQ(agent_.counters().discardedMethod, 1U);
  const std::array<uint8_t, 4> rtp = {0x80, 0x60, 0x00, 0x01};
  EXPECT_TRUE(agent_.handleStun(rtp, a_, now_, buffer_).response.empty());
  EXPECT_EQ(agent_.counters().notStun, 1U);
  EXPECT_EQ(agent_.state(), IceState::kNew);
}

TEST_F(IceLiteAgentTest, IceControlledGets487Authenticated) {
  const auto out = send({.useCandidate = true, .controlling = std::nullopt, .controlled = 42});
  expectError(out, stun_error::kRoleConflict, true);
  EXPECT_EQ(agent_.state(), IceState::kNew);
  EXPECT_EQ(agent_.pairCount(), 0U);
  // Even the largest tie-breaker: a lite agent cannot become controlling.
  expectError(send({.controlled = ~uint64_t{0}}), stun_error::kRoleConflict, true);
  EXPECT_EQ(agent_.counters().roleConflict, 2U);
}

TEST_F(IceLiteAgentTest, Rfc5769SampleRequestIsARoleConflict) {
  // The RFC's sample credentials are valid ICE credentials; its request says ICE-CONTROLLED.
  IceLiteAgent agent({"evtj", std::string(rfc5769::kPassword)});
  const auto out = agent.handleStun(rfc5769::kRequest, a_, now_, buffer_);
  const auto m = StunMessageView::parse(out.response);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->type(), kBindingError);
  EXPECT_EQ(m->transactionId(), rfc5769::kTransactionId);
  EXPECT_EQ(m->errorCode()->code, stun_error::kRoleConflict);
  EXPECT_EQ(m->errorCode()->reason, "Role Conflict");
  EXPECT_TRUE(m->verifyMessageIntegrity(asBytes(rfc5769::kPassword)));
  EXPECT_TRUE(m->verifyFingerprint());
}

TEST_F(IceLiteAgentTest, UnknownComprehensionRequiredAttributeGets420) {
  const auto out = send({.extraAttributes = {0x0003, 0xC057, 0x7F00}});
  expectError(out, stun_error::kUnknownAttribute, true);
  const auto list = response().unknownAttributes();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2U);
  EXPECT_EQ((*list)[0], 0x0003);
  EXPECT_EQ((*list)[1], 0x7F00);
}

TEST_F(IceLiteAgentTest, UnknownAttributesAreCheckedOnlyAfterAuthentication) {
  expectError(send({.password = kWrongPassword, .extraAttributes = {0x0003}}),
              stun_error::kUnauthenticated, false);
}

TEST_F(IceLiteAgentTest, MissingPriorityGets400Authenticated) {
  expectError(send({.useCandidate = true, .priority = std::nullopt}), stun_error::kBadRequest,
              true);
  EXPECT_EQ(agent_.state(), IceState::kNew);
}

TEST_F(IceLiteAgentTest, TooSmallResponseBufferSendsNothing) {
  const auto datagram = build({});
  std::array<uint8_t, 40> small{};
  const auto out = agent_.handleStun(datagram, a_, now_, small);
  EXPECT_TRUE(out.response.empty());
  EXPECT_EQ(agent_.counters().responseTooLarge, 1U);
}

// --- Pairs, nomination, selection ----------------------------------------------------------------

TEST_F(IceLiteAgentTest, CheckWithoutNominationMeansChecking) {
  const auto out = send({});
  ASSERT_TRUE(out.event);
  EXPECT_EQ(*out.event, (IceEvent{IceState::kChecking, std::nullopt}));
  EXPECT_FALSE(agent_.selectedRemote());
  EXPECT_TRUE(agent_.hasValidPair(a_, now_));
  EXPECT_FALSE(agent_.hasValidPair(b_, now_));
  EXPECT_FALSE(send({}).event) << "no repeated event";
}

TEST_F(IceLiteAgentTest, UseCandidateNominatesAndConnects) {
  send({});
  const auto out = send({.useCandidate = true});
  ASSERT_TRUE(out.event);
  EXPECT_EQ(*out.event, (IceEvent{IceState::kConnected, a_}));
  EXPECT_FALSE(send({.useCandidate = true}).event) << "same pair again: nothing new";
  EXPECT_FALSE(send({}).event);
}

TEST_F(IceLiteAgentTest, NewerNominationSwitchesTheSelectedPair) {
  send({.useCandidate = true}, a_);
  advance(1s);
  EXPECT_FALSE(send({}, b_).event) << "checking another path does not switch";
  EXPECT_EQ(agent_.selectedRemote(), a_);
  const auto out = send({.useCandidate = true}, b_);  // e.g. the client moved to another network
  ASSERT_TRUE(out.event);
  EXPECT_EQ(*out.event, (IceEvent{IceState::kConnected, b_}));
  EXPECT_EQ(agent_.selectedRemote(), b_);
  EXPECT_TRUE(agent_.hasValidPair(a_, now_));
  const auto back = send({.useCandidate = true}, a_);
  ASSERT_TRUE(back.event);
  EXPECT_EQ(back.event->selected, a_);
}

TEST_F(IceLiteAgentTest, SameIpOtherPortOrTransportIsAnotherPair) {
  send({.useCandidate = true}, address("203.0.113.7:54321"));
  send({}, address("203.0.113.7:54322"));
  send({}, *TransportAddress::fromString("203.0.113.7:54321", TransportProtocol::kTcp));
  EXPECT_EQ(agent_.pairCount(), 3U);
}

TEST_F(IceLiteAgentTest, PairTableIsBounded) {
  IceLiteAgent agent(kServer, IceLiteConfig{.maxPairs = 4});
  const auto nominated = build({.useCandidate = true});
  const auto check = build({});
  agent.handleStun(nominated, a_, now_, buffer_);
  for (int i = 0; i < 10; ++i) {
    now_ += 1s;
    const auto from = TransportAddress::ipv4({10, 0, 0, static_cast<uint8_t>(i)}, 5000);
    EXPECT_FALSE(agent.handleStun(check, from, now_, buffer_).response.empty());
    EXPECT_LE(agent.pairCount(), 4U);
  }
  EXPECT_EQ(agent.counters().pairsEvicted, 7U);
  EXPECT_EQ(agent.selectedRemote(), a_) << "the selected pair is never evicted";
  EXPECT_TRUE(agent.hasValidPair(TransportAddress::ipv4({10, 0, 0, 9}, 5000), now_));
  EXPECT_FALSE(agent.hasValidPair(TransportAddress::ipv4({10, 0, 0, 0}, 5000), now_));
}

// --- Consent freshness (RFC 7675) ----------------------------------------------------------------

TEST_F(IceLiteAgentTest, ConsentExpiryDisconnectsThenFails) {
  send({.useCandidate = true});
  EXPECT_EQ(agent_.nextTimeout(), now_ + 10s);
  const auto start = now_;
  EXPECT_FALSE(agent_.onTimer(start + 9999ms));
  auto event = agent_.onTimer(start + 10s);
  ASSERT_TRUE(event);
  EXPECT_EQ(*event, (IceEvent{IceState::kDisconnected, std::nullopt}));
  EXPECT_EQ(agent_.nextTimeout(), start + 30s);
  EXPECT_FALSE(agent_.onTimer(start + 29999ms));
  event = agent_.onTimer(start + 30s);
  ASSERT_TRUE(event);
  EXPECT_EQ(*event, (IceEvent{IceState::kFailed, std::nullopt}));
  EXPECT_EQ(agent_.state(), IceState::kFailed);
  EXPECT_FALSE(agent_.hasValidPair(a_, start + 30s));
  EXPECT_FALSE(agent_.onTimer(start + 60s));
  EXPECT_FALSE(agent_.nextTimeout());
}

TEST_F(IceLiteAgentTest, LateTimerGoesStraightToFailed) {
  send({.useCandidate = true});
  const auto event = agent_.onTimer(now_ + 45s);
  ASSERT_TRUE(event);
  EXPECT_EQ(event->state, IceState::kFailed);
}

TEST_F(IceLiteAgentTest, ConsentChecksWithoutUseCandidateKeepTheSelectedPairAlive) {
  send({.useCandidate = true});
  for (int i = 0; i < 24; ++i) {  // two minutes of Firefox-style 5 s consent checks
    advance(5s);
    EXPECT_FALSE(agent_.onTimer(now_));
    EXPECT_FALSE(send({}).event);
  }
  EXPECT_EQ(agent_.state(), IceState::kConnected);
}

TEST_F(IceLiteAgentTest, ConsentFromAnotherPairDoesNotCount) {
  send({.useCandidate = true}, a_);
  for (int i = 0; i < 2; ++i) {
    advance(5s);
    send({}, b_);
    agent_.onTimer(now_);
  }
  EXPECT_EQ(agent_.state(), IceState::kDisconnected);
}

TEST_F(IceLiteAgentTest, ValidRequestRecoversFromDisconnectedAndFailed) {
  send({.useCandidate = true});
  advance(12s);
  ASSERT_EQ(agent_.onTimer(now_)->state, IceState::kDisconnected);
  auto out = send({});  // consent check on the selected pair
  ASSERT_TRUE(out.event);
  EXPECT_EQ(*out.event, (IceEvent{IceState::kConnected, a_}));

  advance(31s);
  ASSERT_EQ(agent_.onTimer(now_)->state, IceState::kFailed);
  out = send({});
  ASSERT_TRUE(out.event);
  EXPECT_EQ(*out.event, (IceEvent{IceState::kConnected, a_}));
}

TEST_F(IceLiteAgentTest, NominationOfAnotherPairRecoversFromFailed) {
  send({.useCandidate = true}, a_);
  advance(40s);
  ASSERT_EQ(agent_.onTimer(now_)->state, IceState::kFailed);
  EXPECT_FALSE(send({}, b_).event) << "a check elsewhere does not bring a nominated pair back";
  const auto out = send({.useCandidate = true}, b_);
  ASSERT_TRUE(out.event);
  EXPECT_EQ(*out.event, (IceEvent{IceState::kConnected, b_}));
}

TEST_F(IceLiteAgentTest, UnselectedPairsExpireAfterThirtySeconds) {
  send({.useCandidate = true}, a_);
  send({}, b_);
  EXPECT_EQ(agent_.pairCount(), 2U);
  for (int i = 0; i < 7; ++i) {
    advance(5s);
    send({}, a_);
    agent_.onTimer(now_);
  }
  EXPECT_EQ(agent_.pairCount(), 1U);
  EXPECT_FALSE(agent_.hasValidPair(b_, now_));
  EXPECT_EQ(agent_.state(), IceState::kConnected);
}

TEST_F(IceLiteAgentTest, CheckingWithoutNominationFailsAfterConsentTimeout) {
  send({});
  EXPECT_EQ(agent_.nextTimeout(), now_ + 30s);
  EXPECT_FALSE(agent_.onTimer(now_ + 29s));
  const auto event = agent_.onTimer(now_ + 30s);
  ASSERT_TRUE(event);
  EXPECT_EQ(event->state, IceState::kFailed);
  EXPECT_EQ(agent_.pairCount(), 0U);
  advance(31s);
  ASSERT_TRUE(send({}).event);
  EXPECT_EQ(agent_.state(), IceState::kChecking) << "a new attempt after the failure";
}

TEST_F(IceLiteAgentTest, RejectedRequestsDoNotRefreshConsent) {
  send({.useCandidate = true});
  advance(8s);
  send({.password = kWrongPassword});
  send({.controlled = 1});
  send({.corruptFingerprint = true});
  advance(2s);
  ASSERT_TRUE(agent_.onTimer(now_));
  EXPECT_EQ(agent_.state(), IceState::kDisconnected);
}

// --- ICE restart (RFC 8445 §9) -------------------------------------------------------------------

TEST_F(IceLiteAgentTest, RestartKeepsTheOldPairUntilTheNewSessionNominates) {
  ASSERT_TRUE(agent_.setRemoteCredentials(kClient));
  send({.useCandidate = true}, a_);
  agent_.restart(kServer2);
  ASSERT_TRUE(agent_.setRemoteCredentials(kClient2));
  EXPECT_TRUE(agent_.ownsUfrag("ServerUf"));
  EXPECT_TRUE(agent_.ownsUfrag("ServerU2"));
  EXPECT_EQ(agent_.localCredentials(), kServer2);

  // The old session still works: consent checks and nominations on the old pair.
  advance(5s);
  auto out = send({.useCandidate = true}, a_);
  EXPECT_FALSE(out.event);
  EXPECT_EQ(response().type(), kBindingSuccess);
  EXPECT_TRUE(response().verifyMessageIntegrity(asBytes(kServer.pwd)));
  EXPECT_EQ(agent_.selectedRemote(), a_);

  // New-session checks on another path are answered with the new password but switch nothing.
  const Request fresh{.username = "ServerU2:ClientU2", .password = kServer2.pwd};
  out = send(fresh, b_);
  EXPECT_FALSE(out.event);
  EXPECT_TRUE(response().verifyMessageIntegrity(asBytes(kServer2.pwd)));
  EXPECT_EQ(agent_.selectedRemote(), a_);
  EXPECT_EQ(agent_.state(), IceState::kConnected);

  // The old session's credentials are no longer checked against the new remote ufrag.
  expectError(send({.username = "ServerUf:ClientU2"}, a_), stun_error::kUnauthenticated, false);

  // The new session nominates: it takes over and the old session ends.
  Request nominate = fresh;
  nominate.useCandidate = true;
  out = send(nominate, b_);
  ASSERT_TRUE(out.event);
  EXPECT_EQ(*out.event, (IceEvent{IceState::kConnected, b_}));
  EXPECT_FALSE(agent_.ownsUfrag("ServerUf"));
  EXPECT_EQ(agent_.pairCount(), 1U);
  EXPECT_FALSE(agent_.hasValidPair(a_, now_));
  expectError(send({}, a_), stun_error::kUnauthenticated, false);
}

TEST_F(IceLiteAgentTest, RestartOnTheSameAddressSelectsTheNewSessionPair) {
  send({.useCandidate = true}, a_);
  agent_.restart(kServer2);
  const auto out =
      send({.username = "ServerU2:ClientU2", .password = kServer2.pwd, .useCandidate = true}, a_);
  EXPECT_FALSE(out.event) << "same address, already connected: nothing to report";
  EXPECT_EQ(agent_.selectedRemote(), a_);
  EXPECT_FALSE(agent_.ownsUfrag("ServerUf"));
  EXPECT_EQ(agent_.pairCount(), 1U);
  advance(9s);
  EXPECT_FALSE(agent_.onTimer(now_)) << "the nomination refreshed consent";
}

TEST_F(IceLiteAgentTest, RestartMustChangeBothCredentials) {
  EXPECT_THROW(agent_.restart({kServer.ufrag, kServer2.pwd}), std::invalid_argument);
  EXPECT_THROW(agent_.restart({kServer2.ufrag, kServer.pwd}), std::invalid_argument);
  EXPECT_THROW(agent_.restart({"abc", kServer2.pwd}), std::invalid_argument);
  EXPECT_EQ(agent_.localCredentials(), kServer);
}

TEST(IceLiteAgentConfig, InvalidLocalCredentialsOrSoftwareThrow) {
  EXPECT_THROW(IceLiteAgent({"abc", "ServerPasswordServerPass"}), std::invalid_argument);
  EXPECT_THROW(IceLiteAgent({"ServerUf", "tooShortPassword"}), std::invalid_argument);
  EXPECT_THROW(IceLiteAgent(kServer, IceLiteConfig{.software = std::string(764, 's')}),
               std::invalid_argument);
  EXPECT_NO_THROW(IceLiteAgent(kServer, IceLiteConfig{.software = std::string(763, 's')}));
}

TEST(IceLiteAgentConfig, MaximalResponseFitsTheDocumentedBuffer) {
  IceLiteAgent agent(kServer, IceLiteConfig{.software = std::string(763, 's')});
  std::array<uint8_t, IceLiteAgent::kMaxResponseSize> buffer{};
  std::vector<uint16_t> unknown;
  for (uint16_t t = 0x7000; t < 0x7020; ++t) unknown.push_back(t);
  const auto datagram = build({.sha256 = true, .extraAttributes = unknown});
  const auto out = agent.handleStun(datagram, *TransportAddress::fromString("[::1]:1"),
                                    IceLiteAgent::TimePoint{}, buffer);
  ASSERT_FALSE(out.response.empty());
  EXPECT_EQ(StunMessageView::parse(out.response)->errorCode()->code, stun_error::kUnknownAttribute);
}

TEST(IceState, Names) {
  EXPECT_EQ(toString(IceState::kNew), "new");
  EXPECT_EQ(toString(IceState::kChecking), "checking");
  EXPECT_EQ(toString(IceState::kConnected), "connected");
  EXPECT_EQ(toString(IceState::kDisconnected), "disconnected");
  EXPECT_EQ(toString(IceState::kFailed), "failed");
}

}  // namespace
}  // namespace dienhong::media
