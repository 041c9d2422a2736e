// The media path allocates nothing per packet (style.md): this binary counts every operator
// new and every OpenSSL allocation while the ICE-lite agent answers steady-state checks.
#include <gtest/gtest.h>
#include <openssl/crypto.h>

#include <array>
#include <vector>

#include "media/ice/ice_lite_agent.hpp"
#include "media/ice/stun_message_writer.hpp"
#include "support/allocation_counter.hpp"

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

std::vector<uint8_t> request(const char* username, const char* password, bool nominate,
                             bool controlled = false) {
  std::vector<uint8_t> buffer(256);
  StunMessageWriter w(buffer, kBindingRequest, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  w.addUsername(username);
  if (controlled) {
    w.addIceControlled(1);
  } else {
    w.addIceControlling(2);
  }
  if (nominate) w.addUseCandidate();
  w.addPriority(0x6e7f1eff).addMessageIntegrity(password).addFingerprint();
  return {w.message().begin(), w.message().end()};
}

TEST(IceLiteAgentAllocations, SteadyStateChecksAllocateNothing) {
  ASSERT_TRUE(dienhong::test::opensslAllocationsCounted());
  const IceCredentials server{"ServerUf", "ServerPasswordServerPass"};
  IceLiteAgent agent(server);
  ASSERT_TRUE(agent.setRemoteCredentials({"ClientUf", "ClientPasswordClientPass"}));
  const auto from = *TransportAddress::fromString("203.0.113.7:54321");
  const auto other = *TransportAddress::fromString("203.0.113.8:54321");
  const auto consent = request("ServerUf:ClientUf", "ServerPasswordServerPass", false);
  const auto nomination = request("ServerUf:ClientUf", "ServerPasswordServerPass", true);
  const auto wrongPassword = request("ServerUf:ClientUf", "ServerPasswordServerPasX", true);
  const auto wrongUfrag = request("ServerUX:ClientUf", "ServerPasswordServerPass", true);
  const auto roleConflict = request("ServerUf:ClientUf", "ServerPasswordServerPass", false, true);
  std::array<uint8_t, IceLiteAgent::kMaxResponseSize> buffer{};
  auto now = IceLiteAgent::TimePoint{} + 1h;

  // Warm-up: the pairs exist (creating a pair may allocate; the table is reserved anyway).
  ASSERT_TRUE(agent.handleStun(nomination, from, now, buffer).event);
  ASSERT_FALSE(agent.handleStun(consent, other, now, buffer).response.empty());

  const uint64_t before = dienhong::test::allocationsOnThisThread();
  size_t answered = 0;
  for (int i = 0; i < 1000; ++i) {
    now += 1s;
    for (const auto* datagram :
         {&consent, &nomination, &wrongPassword, &wrongUfrag, &roleConflict}) {
      answered += agent.handleStun(*datagram, from, now, buffer).response.empty() ? 0 : 1;
    }
    answered += agent.handleStun(consent, other, now, buffer).response.empty() ? 0 : 1;
    (void)agent.onTimer(now);
    (void)agent.nextTimeout();
  }
  const uint64_t allocations = dienhong::test::allocationsOnThisThread() - before;  // C++ and OpenSSL
  EXPECT_EQ(answered, 6000U);
  EXPECT_EQ(allocations, 0U);
  EXPECT_EQ(agent.counters().unauthenticated, 2000U);
  EXPECT_EQ(agent.counters().roleConflict, 1000U);
  EXPECT_EQ(agent.state(), IceState::kConnected);
}

TEST(IceLiteAgentAllocations, TheHooksDoSeeOpenSslAllocations) {
  // Guards the test above against hooks that silently count nothing.
  const uint64_t before = dienhong::test::allocationsOnThisThread();
  void* p = OPENSSL_malloc(16);
  OPENSSL_free(p);
  EXPECT_EQ(dienhong::test::allocationsOnThisThread() - before, 1U);
  const uint64_t newsBefore = dienhong::test::allocationsOnThisThread();
  auto* q = new std::vector<int>(4);
  delete q;
  EXPECT_GE(dienhong::test::allocationsOnThisThread() - newsBefore, 2U);
}

}  // namespace
}  // namespace dienhong::media
