// The bounded, coalescing send queue of an ICE-TCP connection.
#include "media/worker/framed_send_queue.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace dienhong::media {
namespace {

std::vector<uint8_t> bytesOf(const FramedSendQueue::Pending& pending) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i < pending.count; ++i) out.insert(out.end(), pending.parts[i].begin(), pending.parts[i].end());
  return out;
}

TEST(FramedSendQueue, PacketsAreFramedBackToBackForOneWrite) {
  FramedSendQueue queue(64);
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.pending().count, 0U);
  const std::vector<uint8_t> a = {1, 2, 3};
  const std::vector<uint8_t> b = {4, 5};
  ASSERT_TRUE(queue.push(a));
  ASSERT_TRUE(queue.push(b));
  const auto pending = queue.pending();
  EXPECT_EQ(pending.count, 1U);
  EXPECT_EQ(bytesOf(pending), (std::vector<uint8_t>{0, 3, 1, 2, 3, 0, 2, 4, 5}));
  queue.consume(pending.bytes());
  EXPECT_TRUE(queue.empty());
}

TEST(FramedSendQueue, AFullQueueRefusesInsteadOfGrowing) {
  FramedSendQueue queue(10);
  const std::vector<uint8_t> four(4, 7);
  ASSERT_TRUE(queue.push(four));   // 6 bytes
  EXPECT_FALSE(queue.push(four));  // 6 more do not fit in 10
  EXPECT_TRUE(queue.push(std::vector<uint8_t>{1, 2}));  // exactly full
  EXPECT_EQ(queue.size(), 10U);
  EXPECT_FALSE(queue.push(std::vector<uint8_t>{1}));
  EXPECT_FALSE(queue.push({}));
}

TEST(FramedSendQueue, BytesInFlightStayPutWhileMoreIsQueuedAndTheRingWraps) {
  FramedSendQueue queue(16);
  ASSERT_TRUE(queue.push(std::vector<uint8_t>(8, 1)));  // [0, 10)
  const auto inFlight = queue.pending();
  ASSERT_TRUE(queue.push(std::vector<uint8_t>(2, 2)));  // [10, 14)
  EXPECT_FALSE(queue.push(std::vector<uint8_t>(1, 3))) << "3 bytes, only 2 free";
  queue.consume(inFlight.bytes());
  ASSERT_TRUE(queue.push(std::vector<uint8_t>(6, 4)));  // [14, 16) + [0, 6): wraps
  const auto pending = queue.pending();
  ASSERT_EQ(pending.count, 2U);
  EXPECT_EQ(bytesOf(pending), (std::vector<uint8_t>{0, 2, 2, 2, 0, 6, 4, 4, 4, 4, 4, 4}));
  // A partial write consumes only what was written.
  queue.consume(5);
  EXPECT_EQ(bytesOf(queue.pending()), (std::vector<uint8_t>{6, 4, 4, 4, 4, 4, 4}));
  queue.consume(7);
  EXPECT_TRUE(queue.empty());
}

}  // namespace
}  // namespace dienhong::media
