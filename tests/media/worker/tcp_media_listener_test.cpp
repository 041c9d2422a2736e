// A TcpMediaListener on real loopback sockets, run by a real MediaWorker thread: framing both
// ways, the limits an attacker runs into, the deadlines (configured short) and the report of
// closed connections. Waits are for events (a frame, a close) with bounded timeouts, never sleeps.
#include "media/worker/tcp_media_listener.hpp"

#include <future>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>

#include "media/worker/media_worker.hpp"
#include "tcp_test_client.hpp"

namespace dienhong::media {
namespace {

using namespace std::chrono_literals;

// Sends every frame back on its connection with the first byte incremented, and records which
// connections were reported closed.
class Echo final : public DatagramHandler, public TcpConnectionObserver {
 public:
  void onDatagram(std::span<uint8_t> datagram, const TransportAddress& from, Clock::time_point) override {
    lastFrom = from;
    datagram[0] = static_cast<uint8_t>(datagram[0] + 1);
    for (int i = 0; i < copies; ++i) listener->send(datagram, from);
  }
  void onConnectionClosed(const TransportAddress& remote) override {
    std::lock_guard lock(mutex);
    closed.push_back(remote);
  }
  std::vector<TransportAddress> closedSoFar() {
    std::lock_guard lock(mutex);
    return closed;
  }

  TcpMediaListener* listener = nullptr;
  int copies = 1;
  TransportAddress lastFrom;  // worker thread
  std::mutex mutex;
  std::vector<TransportAddress> closed;
};

class TcpMediaListenerTest : public ::testing::Test {
 protected:
  void open(TcpMediaLimits limits = {}, const std::string& bindAddress = "::") {
    auto opened = TcpMediaListener::open(worker_.context(), bindAddress, 0, echo_, limits);
    ASSERT_TRUE(opened) << opened.error().message;
    listener_ = std::move(opened.value());
    listener_->setConnectionObserver(&echo_);
    echo_.listener = listener_.get();
    listener_->start();
    worker_.start();
  }
  void TearDown() override {
    if (!listener_) return;
    std::promise<void> closed;
    worker_.post([&] {
      listener_->close();
      closed.set_value();
    });
    closed.get_future().wait();
    worker_.stop();
  }
  template <class F>
  auto onWorker(F f) {
    std::promise<decltype(f())> result;
    worker_.post([&] { result.set_value(f()); });
    return result.get_future().get();
  }
  TcpMediaListenerStats stats() {
    return onWorker([this] { return listener_->stats(); });
  }
  // An echo proves the listener has accepted the connection and is reading it.
  static void expectEcho(TcpTestClient& client, uint8_t first = 41) {
    ASSERT_TRUE(client.connected());
    ASSERT_TRUE(client.sendFrame(std::vector<uint8_t>{first, 2, 3}));
    const auto reply = client.receiveFrame(2000);
    ASSERT_TRUE(reply) << "no echo";
    EXPECT_EQ(*reply, (std::vector<uint8_t>{static_cast<uint8_t>(first + 1), 2, 3}));
  }
  // The observer runs on the worker: wait for it with a bounded loop over a posted query.
  bool reportedClosed(const TransportAddress& remote) {
    for (int i = 0; i < 200; ++i) {
      for (const auto& a : echo_.closedSoFar()) {
        if (a == remote) return true;
      }
      onWorker([] { return 0; });  // one turn of the worker loop
    }
    return false;
  }

  MediaWorker worker_{"test-tcp"};
  Echo echo_;
  std::unique_ptr<TcpMediaListener> listener_;
};

TEST_F(TcpMediaListenerTest, OneDualStackListenerEchoesIpv4AndIpv6PeersAsTcpAddresses) {
  open();
  ASSERT_NE(listener_->port(), 0);
  for (const char* server : {"127.0.0.1", "::1"}) {
    TcpTestClient client(listener_->port(), server);
    expectEcho(client);
    const auto from = onWorker([this] { return echo_.lastFrom; });
    EXPECT_EQ(from, client.localAddress()) << server;
    EXPECT_EQ(from.protocol(), TransportProtocol::kTcp);
  }
  const auto s = stats();
  EXPECT_EQ(s.connectionsAccepted, 2U);
  EXPECT_EQ(s.framesReceived, 2U);
}

TEST_F(TcpMediaListenerTest, FramesSplitAcrossReadsAndManyInOneReadAllArrive) {
  open();
  TcpTestClient client(listener_->port());
  // One frame, one byte per segment (the client sets TCP_NODELAY).
  const auto wire = TcpTestClient::frame(std::vector<uint8_t>(600, 5));
  for (const uint8_t byte : wire) ASSERT_TRUE(client.sendRaw(std::span(&byte, 1)));
  auto reply = client.receiveFrame(2000);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->size(), 600U);
  EXPECT_EQ((*reply)[0], 6);

  // 200 frames in one write, the largest included.
  std::vector<uint8_t> burst;
  for (int i = 0; i < 200; ++i) {
    const size_t size = i == 100 ? kMaxDatagramBytes : static_cast<size_t>(20 + i);
    std::vector<uint8_t> packet(size, static_cast<uint8_t>(i));
    const auto f = TcpTestClient::frame(packet);
    burst.insert(burst.end(), f.begin(), f.end());
  }
  ASSERT_TRUE(client.sendRaw(burst));
  for (int i = 0; i < 200; ++i) {
    reply = client.receiveFrame(2000);
    ASSERT_TRUE(reply) << "echo " << i;
    const size_t size = i == 100 ? kMaxDatagramBytes : static_cast<size_t>(20 + i);
    ASSERT_EQ(reply->size(), size);
    EXPECT_EQ((*reply)[0], static_cast<uint8_t>(i + 1));
    EXPECT_EQ(reply->back(), static_cast<uint8_t>(i));
  }
  const auto s = stats();
  EXPECT_EQ(s.framesReceived, 201U);
  EXPECT_EQ(s.framesQueued, 201U);
  EXPECT_EQ(s.sendDropped, 0U);
  EXPECT_LT(s.writeCalls, s.framesQueued) << "frames queued in one cycle leave in one write";
  EXPECT_EQ(s.handlerHeapFallbacks, 0U);
}

TEST_F(TcpMediaListenerTest, AnOversizeFrameClosesTheConnectionAndIsReported) {
  open();
  TcpTestClient client(listener_->port());
  expectEcho(client);
  const std::vector<uint8_t> oversize = {0x05, 0xDD, 1, 2, 3};  // 1501
  ASSERT_TRUE(client.sendRaw(oversize));
  EXPECT_TRUE(client.waitForClose(2000));
  EXPECT_TRUE(reportedClosed(client.localAddress()));
  const auto s = stats();
  EXPECT_EQ(s.closedFramingError, 1U);
  EXPECT_EQ(s.connectionsOpen, 0U);
}

TEST_F(TcpMediaListenerTest, AZeroLengthFrameClosesTheConnection) {
  open();
  TcpTestClient client(listener_->port());
  ASSERT_TRUE(client.sendRaw(std::vector<uint8_t>{0, 0}));
  EXPECT_TRUE(client.waitForClose(2000));
  EXPECT_TRUE(reportedClosed(client.localAddress()));
  EXPECT_EQ(stats().closedFramingError, 1U);
}

TEST_F(TcpMediaListenerTest, AConnectionWithoutACompleteFirstFrameIsClosedAtTheDeadline) {
  TcpMediaLimits limits;
  limits.firstFrameTimeout = 200ms;
  open(limits);
  TcpTestClient silent(listener_->port());
  TcpTestClient partial(listener_->port());
  ASSERT_TRUE(partial.sendRaw(std::vector<uint8_t>{0, 10, 1, 2}));  // never completed
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(silent.waitForClose(3000));
  EXPECT_TRUE(partial.waitForClose(3000));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 150ms);
  EXPECT_TRUE(reportedClosed(silent.localAddress()));
  EXPECT_TRUE(reportedClosed(partial.localAddress()));
  EXPECT_EQ(stats().closedFirstFrameTimeout, 2U);
}

TEST_F(TcpMediaListenerTest, AConnectionIdleForTooLongIsClosed) {
  TcpMediaLimits limits;
  limits.idleTimeout = 300ms;
  open(limits);
  TcpTestClient client(listener_->port());
  // Frames keep it open past several idle periods...
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 8; ++i) {
    expectEcho(client);
    ASSERT_FALSE(client.waitForClose(100)) << "closed while active, round " << i;
  }
  EXPECT_GE(std::chrono::steady_clock::now() - started, 600ms);
  // ...silence does not.
  EXPECT_TRUE(client.waitForClose(3000));
  const auto s = stats();
  EXPECT_EQ(s.closedIdleTimeout, 1U);
  EXPECT_EQ(s.closedFirstFrameTimeout, 0U);
}

TEST_F(TcpMediaListenerTest, ConnectionsPerIpAndPerListenerAreLimited) {
  TcpMediaLimits limits;
  limits.maxConnectionsPerIp = 2;
  limits.maxConnections = 3;
  open(limits, "127.0.0.1");
  std::optional<TcpTestClient> a1;
  a1.emplace(listener_->port(), "127.0.0.1", "127.0.0.1");
  TcpTestClient a2(listener_->port(), "127.0.0.1", "127.0.0.1");
  expectEcho(*a1);
  expectEcho(a2);
  TcpTestClient a3(listener_->port(), "127.0.0.1", "127.0.0.1");
  EXPECT_TRUE(a3.waitForClose(2000)) << "third connection from one IP";
  TcpTestClient b1(listener_->port(), "127.0.0.1", "127.0.0.2");
  expectEcho(b1);
  TcpTestClient c1(listener_->port(), "127.0.0.1", "127.0.0.3");
  EXPECT_TRUE(c1.waitForClose(2000)) << "fourth connection to a listener of three";
  auto s = stats();
  EXPECT_EQ(s.rejectedPerIpLimit, 1U);
  EXPECT_EQ(s.rejectedListenerFull, 1U);
  EXPECT_EQ(s.connectionsOpen, 3U);
  EXPECT_TRUE(echo_.closedSoFar().empty()) << "refused connections were never open";

  // A closed connection frees its slots.
  const auto gone = a1->localAddress();
  a1.reset();
  ASSERT_TRUE(reportedClosed(gone));
  TcpTestClient a4(listener_->port(), "127.0.0.1", "127.0.0.1");
  expectEcho(a4);
  s = stats();
  EXPECT_EQ(s.closedByPeer, 1U);
}

TEST_F(TcpMediaListenerTest, AFullSendQueueDropsAndCountsInsteadOfGrowing) {
  TcpMediaLimits limits;
  limits.sendQueueBytes = 4096;
  open(limits);
  TcpTestClient client(listener_->port());
  expectEcho(client);
  const auto to = client.localAddress();
  // 100 packets of 1000 bytes in one cycle: four fit (4 × 1002 bytes), the rest are dropped.
  onWorker([&] {
    std::vector<uint8_t> packet(1000, 9);
    for (int i = 0; i < 100; ++i) {
      packet[0] = static_cast<uint8_t>(i);
      listener_->send(packet, to);
    }
    listener_->send(packet, TransportAddress::ipv4({127, 0, 0, 1}, 9, TransportProtocol::kTcp));
    listener_->send(std::vector<uint8_t>(kMaxDatagramBytes + 1), to);
    return 0;
  });
  for (int i = 0; i < 4; ++i) {
    const auto frame = client.receiveFrame(2000);
    ASSERT_TRUE(frame);
    EXPECT_EQ(frame->size(), 1000U);
    EXPECT_EQ((*frame)[0], i);
  }
  const auto s = stats();
  EXPECT_EQ(s.framesQueued, 1U + 4U);
  EXPECT_EQ(s.sendDropped, 96U + 1U);
  EXPECT_EQ(s.sendNoConnection, 1U);
  EXPECT_EQ(s.connectionsOpen, 1U) << "dropping is not closing";
}

TEST_F(TcpMediaListenerTest, ClosingTheListenerClosesAndReportsEveryConnection) {
  open();
  TcpTestClient a(listener_->port());
  TcpTestClient b(listener_->port());
  expectEcho(a);
  expectEcho(b);
  onWorker([this] {
    listener_->close();
    return 0;
  });
  EXPECT_TRUE(a.waitForClose(2000));
  EXPECT_TRUE(b.waitForClose(2000));
  EXPECT_EQ(echo_.closedSoFar().size(), 2U);
  TcpTestClient late(listener_->port());
  EXPECT_FALSE(late.connected()) << "no longer listening";
}

TEST(TcpMediaListenerOpen, BadAddressesAndBusyPortsAreClearErrors) {
  MediaWorker worker("test-tcp-open");
  struct Ignore final : DatagramHandler {
    void onDatagram(std::span<uint8_t>, const TransportAddress&, Clock::time_point) override {}
  } ignore;
  auto bad = TcpMediaListener::open(worker.context(), "not-an-ip", 0, ignore);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "bind_failed");
  auto first = TcpMediaListener::open(worker.context(), "127.0.0.1", 0, ignore);
  ASSERT_TRUE(first);
  auto second = TcpMediaListener::open(worker.context(), "127.0.0.1", first.value()->port(), ignore);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, "bind_failed");
  EXPECT_NE(second.error().message.find(std::to_string(first.value()->port())), std::string::npos);
}

}  // namespace
}  // namespace dienhong::media
