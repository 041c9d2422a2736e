// A UdpEndpoint on a real loopback socket, run by a real MediaWorker thread.
#include "media/worker/udp_endpoint.hpp"

#include <arpa/inet.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <future>

#include <gtest/gtest.h>

#include "media/worker/media_worker.hpp"

namespace dienhong::media {
namespace {

// Sends every datagram back where it came from, with its first byte incremented.
class Echo final : public DatagramHandler {
 public:
  void onDatagram(std::span<uint8_t> datagram, const TransportAddress& from, Clock::time_point) override {
    ++received;
    datagram[0] = static_cast<uint8_t>(datagram[0] + 1);
    endpoint->send(datagram, from);
  }
  UdpEndpoint* endpoint = nullptr;
  std::atomic<int> received{0};
};

// A plain client socket on loopback.
class Client {
 public:
  explicit Client(int family) : family_(family), fd_(::socket(family, SOCK_DGRAM, 0)) {
    const int bytes = 4 * 1024 * 1024;  // room for a whole burst of echoes before we read
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes);
  }
  ~Client() { ::close(fd_); }
  void sendTo(uint16_t port, std::span<const uint8_t> data) const {
    sockaddr_storage to{};
    socklen_t length = 0;
    if (family_ == AF_INET) {
      auto* v4 = reinterpret_cast<sockaddr_in*>(&to);
      v4->sin_family = AF_INET;
      v4->sin_port = htons(port);
      v4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      length = sizeof(sockaddr_in);
    } else {
      auto* v6 = reinterpret_cast<sockaddr_in6*>(&to);
      v6->sin6_family = AF_INET6;
      v6->sin6_port = htons(port);
      v6->sin6_addr = in6addr_loopback;
      length = sizeof(sockaddr_in6);
    }
    ASSERT_EQ(::sendto(fd_, data.data(), data.size(), 0, reinterpret_cast<sockaddr*>(&to), length),
              static_cast<ssize_t>(data.size()));
  }
  // Waits up to 2 s for a datagram.
  std::optional<std::vector<uint8_t>> receive() const {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 2000) != 1) return std::nullopt;
    std::vector<uint8_t> buffer(2048);
    const ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), 0);
    if (n < 0) return std::nullopt;
    buffer.resize(static_cast<size_t>(n));
    return buffer;
  }

 private:
  int family_;
  int fd_;
};

class UdpEndpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = UdpEndpoint::open(worker_.context(), "::", 0, echo_);
    ASSERT_TRUE(opened) << opened.error().message;
    endpoint_ = std::move(opened.value());
    echo_.endpoint = endpoint_.get();
    endpoint_->start();
    worker_.start();
  }
  void TearDown() override {
    std::promise<void> closed;
    worker_.post([&] {
      endpoint_->close();
      closed.set_value();
    });
    closed.get_future().wait();
    worker_.stop();
  }
  UdpEndpointStats statsOnWorker() {
    std::promise<UdpEndpointStats> stats;
    worker_.post([&] { stats.set_value(endpoint_->stats()); });
    return stats.get_future().get();
  }

  MediaWorker worker_{"test-media"};
  Echo echo_;
  std::unique_ptr<UdpEndpoint> endpoint_;
};

TEST_F(UdpEndpointTest, OneDualStackPortServesIpv4AndIpv6Peers) {
  ASSERT_NE(endpoint_->port(), 0);
  for (int family : {AF_INET, AF_INET6}) {
    Client client(family);
    const std::vector<uint8_t> ping = {41, 1, 2, 3};
    client.sendTo(endpoint_->port(), ping);
    auto reply = client.receive();
    ASSERT_TRUE(reply) << "no echo for family " << family;
    EXPECT_EQ(*reply, (std::vector<uint8_t>{42, 1, 2, 3}));
  }
}

TEST_F(UdpEndpointTest, BurstsAreReadAndAnsweredInBatches) {
  Client client(AF_INET);
  constexpr int kCount = 500;
  std::vector<uint8_t> packet(1200, 7);
  for (int i = 0; i < kCount; ++i) {
    packet[1] = static_cast<uint8_t>(i);
    client.sendTo(endpoint_->port(), packet);
  }
  int replies = 0;
  while (replies < kCount && client.receive()) ++replies;
  EXPECT_EQ(replies, kCount);
  const auto stats = statsOnWorker();
  EXPECT_EQ(stats.datagramsReceived, static_cast<uint64_t>(kCount));
  EXPECT_EQ(stats.datagramsSent, static_cast<uint64_t>(kCount));
  EXPECT_LT(stats.receiveCalls, stats.datagramsReceived) << "recvmmsg returned more than one at a time";
  EXPECT_EQ(stats.sendDropped, 0U);
}

TEST(UdpEndpointOpen, BadAddressesAndBusyPortsAreClearErrors) {
  MediaWorker worker("test-open");
  struct Ignore final : DatagramHandler {
    void onDatagram(std::span<uint8_t>, const TransportAddress&, Clock::time_point) override {}
  } ignore;
  auto bad = UdpEndpoint::open(worker.context(), "not-an-ip", 0, ignore);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "bind_failed");
  auto first = UdpEndpoint::open(worker.context(), "127.0.0.1", 0, ignore);
  ASSERT_TRUE(first);
  auto second = UdpEndpoint::open(worker.context(), "127.0.0.1", first.value()->port(), ignore);
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find(std::to_string(first.value()->port())), std::string::npos);
}

}  // namespace
}  // namespace dienhong::media
