// The media path allocates nothing per packet (style.md), over ICE-TCP too: this binary counts
// every operator new on the worker thread while a TcpMediaListener echoes frames one at a time
// and in bursts, and the listener counts every Asio operation that missed its preallocated
// memory (Asio's own fallback allocator is not operator new, so both counts are needed).
#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "media/worker/media_worker.hpp"
#include "media/worker/tcp_media_listener.hpp"
#include "support/allocation_counter.hpp"
#include "tcp_test_client.hpp"

namespace dienhong::media {
namespace {

constexpr uint64_t kWarmUpFrames = 100;

class CountingEcho final : public DatagramHandler {
 public:
  void onDatagram(std::span<uint8_t> datagram, const TransportAddress& from, Clock::time_point) override {
    const uint64_t n = ++frames;
    if (n == kWarmUpFrames) before = dienhong::test::allocationsOnThisThread();
    if (n == measureUntil) after = dienhong::test::allocationsOnThisThread();
    datagram[0] = static_cast<uint8_t>(datagram[0] + 1);
    listener->send(datagram, from);
  }
  TcpMediaListener* listener = nullptr;
  uint64_t measureUntil = 0;
  std::atomic<uint64_t> frames{0};
  std::atomic<uint64_t> before{0};
  std::atomic<uint64_t> after{0};
};

TEST(TcpMediaListenerAllocations, SteadyStateFramesAllocateNothing) {
  MediaWorker worker("test-tcp-alloc");
  CountingEcho echo;
  auto opened = TcpMediaListener::open(worker.context(), "127.0.0.1", 0, echo);
  ASSERT_TRUE(opened) << opened.error().message;
  auto listener = std::move(opened.value());
  echo.listener = listener.get();
  constexpr int kPingPong = 1000;
  constexpr int kBursts = 20;
  constexpr int kBurstFrames = 50;
  echo.measureUntil = kWarmUpFrames + kPingPong + kBursts * kBurstFrames;
  listener->start();
  worker.start();

  TcpTestClient client(listener->port());
  ASSERT_TRUE(client.connected());
  std::vector<uint8_t> packet(1200, 0x80);
  for (uint64_t i = 0; i < kWarmUpFrames + kPingPong; ++i) {
    ASSERT_TRUE(client.sendFrame(packet));
    ASSERT_TRUE(client.receiveFrame(2000)) << "echo " << i;
  }
  std::vector<uint8_t> burst;
  for (int i = 0; i < kBurstFrames; ++i) {
    const auto f = TcpTestClient::frame(std::vector<uint8_t>(static_cast<size_t>(100 + i), 0x80));
    burst.insert(burst.end(), f.begin(), f.end());
  }
  for (int b = 0; b < kBursts; ++b) {
    ASSERT_TRUE(client.sendRaw(burst));
    for (int i = 0; i < kBurstFrames; ++i) ASSERT_TRUE(client.receiveFrame(2000)) << "burst " << b << " echo " << i;
  }
  ASSERT_EQ(echo.frames.load(), echo.measureUntil);

  std::promise<TcpMediaListenerStats> stats;
  worker.post([&] {
    stats.set_value(listener->stats());
    listener->close();
  });
  const auto s = stats.get_future().get();
  worker.stop();
  EXPECT_EQ(echo.after.load() - echo.before.load(), 0U) << "operator new calls on the worker thread";
  EXPECT_EQ(s.handlerHeapFallbacks, 0U) << "Asio operations that missed their HandlerMemory";
  EXPECT_LT(s.writeCalls, s.framesQueued) << "bursts are written coalesced";
}

}  // namespace
}  // namespace dienhong::media
