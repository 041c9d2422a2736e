// The load generator's ICE against the server's own ICE-lite agent: a check nominates, the
// success response connects, consent checks follow; a full-ICE server's check is answered.
#include "loadgen/ice_client.hpp"

#include <gtest/gtest.h>

#include "media/ice/ice_lite_agent.hpp"
#include "media/ice/stun_message_view.hpp"
#include "media/ice/stun_message_writer.hpp"

namespace dienhong::loadgen {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

const auto kClientAddress = *media::TransportAddress::fromString("127.0.0.1:50000");
const auto kServerAddress = *media::TransportAddress::fromString("127.0.0.1:40000");

TEST(IceClient, ConnectsToAnIceLiteAgentAndKeepsConsent) {
  auto serverCredentials = media::IceCredentials::generate();
  auto clientCredentials = media::IceCredentials::generate();
  ASSERT_TRUE(serverCredentials && clientCredentials);
  std::vector<std::vector<uint8_t>> toServer;
  IceClient client(clientCredentials.value(), 0x1234, [&](std::span<const uint8_t> d) { toServer.emplace_back(d.begin(), d.end()); });
  media::IceLiteAgent server(serverCredentials.value());
  server.setRemoteCredentials(clientCredentials.value());

  const auto t0 = Clock::now();
  client.start(serverCredentials->ufrag, serverCredentials->pwd, t0);
  ASSERT_EQ(toServer.size(), 1u);
  EXPECT_EQ(client.state(), IceState::Checking);
  std::array<uint8_t, media::IceLiteAgent::kMaxResponseSize> response{};
  const auto answered = server.handleStun(toServer[0], kClientAddress, t0, response);
  ASSERT_FALSE(answered.response.empty());
  client.receive(answered.response, kServerAddress, t0);
  EXPECT_EQ(client.state(), IceState::Connected);
  EXPECT_EQ(server.selectedRemote(), kClientAddress) << "USE-CANDIDATE nominated our address";

  client.tick(t0 + 1s);
  EXPECT_EQ(toServer.size(), 1u) << "consent checks are seconds apart";
  client.tick(t0 + 3s);
  EXPECT_EQ(toServer.size(), 2u);
}

TEST(IceClient, AnAnswerToAnEarlierCheckConnectsToo) {
  auto serverCredentials = media::IceCredentials::generate();
  auto clientCredentials = media::IceCredentials::generate();
  ASSERT_TRUE(serverCredentials && clientCredentials);
  std::vector<std::vector<uint8_t>> toServer;
  IceClient client(clientCredentials.value(), 9, [&](std::span<const uint8_t> d) { toServer.emplace_back(d.begin(), d.end()); });
  media::IceLiteAgent server(serverCredentials.value());
  server.setRemoteCredentials(clientCredentials.value());
  const auto t0 = Clock::now();
  client.start(serverCredentials->ufrag, serverCredentials->pwd, t0);
  for (int i = 1; i <= 5; ++i) client.tick(t0 + i * IceClient::kCheckInterval);  // a busy server: no answer yet
  ASSERT_EQ(toServer.size(), 6u);
  std::array<uint8_t, media::IceLiteAgent::kMaxResponseSize> response{};
  const auto answered = server.handleStun(toServer[0], kClientAddress, t0 + 300ms, response);
  client.receive(answered.response, kServerAddress, t0 + 300ms);
  EXPECT_EQ(client.state(), IceState::Connected);
}

TEST(IceClient, AnswersAFullIceServersCheckAndIgnoresForgeries) {
  auto clientCredentials = media::IceCredentials::generate();
  ASSERT_TRUE(clientCredentials);
  std::vector<std::vector<uint8_t>> sent;
  IceClient client(clientCredentials.value(), 1, [&](std::span<const uint8_t> d) { sent.emplace_back(d.begin(), d.end()); });
  client.start("srvr", "serverpasswordserverpass", Clock::now());
  sent.clear();

  auto check = [&](const std::string& password) {
    std::array<uint8_t, 512> buffer{};
    media::StunMessageWriter w(buffer, media::kBindingRequest, media::StunTransactionId{1, 2, 3});
    w.addUsername(clientCredentials->ufrag + ":srvr").addPriority(1).addIceControlled(2).addMessageIntegrity(password).addFingerprint();
    return std::vector<uint8_t>(w.message().begin(), w.message().end());
  };
  client.receive(check("not-the-password-at-all"), kServerAddress, Clock::now());
  EXPECT_TRUE(sent.empty());
  client.receive(check(clientCredentials->pwd), kServerAddress, Clock::now());
  ASSERT_EQ(sent.size(), 1u);
  const auto response = media::StunMessageView::parse(sent[0]);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->type(), media::kBindingSuccess);
  EXPECT_EQ(response->xorMappedAddress(), kServerAddress);
}

TEST(IceClient, FailsWhenNothingAnswers) {
  auto credentials = media::IceCredentials::generate();
  ASSERT_TRUE(credentials);
  int sent = 0;
  IceClient client(credentials.value(), 1, [&](std::span<const uint8_t>) { ++sent; });
  const auto t0 = Clock::now();
  client.start("srvr", "serverpasswordserverpass", t0);
  for (auto t = t0; t < t0 + 16s; t += 10ms) client.tick(t);
  EXPECT_EQ(client.state(), IceState::Failed);
  EXPECT_GT(sent, 100);
}

}  // namespace
}  // namespace dienhong::loadgen

namespace dienhong::loadgen {
namespace {

TEST(IceClient, ControlledItChecksWithoutNominating) {
  auto credentials = media::IceCredentials::generate();
  ASSERT_TRUE(credentials);
  std::vector<std::vector<uint8_t>> sent;
  IceClient client(credentials.value(), 77, [&](std::span<const uint8_t> d) { sent.emplace_back(d.begin(), d.end()); });
  client.setControlling(false);
  client.start("srvr", "serverpasswordserverpass", std::chrono::steady_clock::now());
  ASSERT_EQ(sent.size(), 1u);
  const auto check = media::StunMessageView::parse(sent[0]);
  ASSERT_TRUE(check);
  EXPECT_EQ(check->iceControlled(), 77u);
  EXPECT_FALSE(check->iceControlling());
  EXPECT_FALSE(check->useCandidate());
  EXPECT_TRUE(check->verifyMessageIntegrity(std::span<const uint8_t>(
      reinterpret_cast<const uint8_t*>("serverpasswordserverpass"), 24)));
}

}  // namespace
}  // namespace dienhong::loadgen
