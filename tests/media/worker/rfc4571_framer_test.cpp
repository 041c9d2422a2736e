// RFC 4571 framing as ICE-TCP uses it (RFC 6544 §3): frames split across reads, several per
// read, the largest allowed, and the lengths that break a stream (zero, above a datagram).
#include "media/worker/rfc4571_framer.hpp"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

namespace dienhong::media {
namespace {

std::vector<uint8_t> framed(size_t length, uint8_t fill) {
  std::vector<uint8_t> out = {static_cast<uint8_t>(length >> 8), static_cast<uint8_t>(length)};
  out.resize(2 + length, fill);
  return out;
}

std::vector<std::vector<uint8_t>> drain(Rfc4571Framer& framer) {
  std::vector<std::vector<uint8_t>> frames;
  while (auto frame = framer.next()) frames.emplace_back(frame->begin(), frame->end());
  return frames;
}

TEST(Rfc4571Framer, AFrameSplitAcrossEveryByteComesOutOnceWhole) {
  Rfc4571Framer framer;
  const auto wire = framed(300, 0xAB);
  std::vector<std::vector<uint8_t>> frames;
  for (size_t i = 0; i < wire.size(); ++i) {
    ASSERT_EQ(framer.append(std::span(wire).subspan(i, 1)), 1U);
    for (auto& f : drain(framer)) frames.push_back(std::move(f));
    if (frames.empty()) {
      EXPECT_EQ(framer.buffered(), i + 1);
    }
  }
  ASSERT_EQ(frames.size(), 1U);
  EXPECT_EQ(frames[0], std::vector<uint8_t>(300, 0xAB));
  EXPECT_EQ(framer.buffered(), 0U);
  EXPECT_EQ(framer.error(), Rfc4571Framer::Error::kNone);
}

TEST(Rfc4571Framer, SeveralFramesInOneReadAndAPartialOneCarriedOver) {
  Rfc4571Framer framer;
  std::vector<uint8_t> wire;
  for (size_t i = 1; i <= 5; ++i) {
    const auto f = framed(i * 10, static_cast<uint8_t>(i));
    wire.insert(wire.end(), f.begin(), f.end());
  }
  const auto sixth = framed(100, 6);
  wire.insert(wire.end(), sixth.begin(), sixth.begin() + 40);  // header + 38 bytes of the sixth

  // The socket's way: read into writable(), commit.
  auto room = framer.writable();
  ASSERT_GE(room.size(), wire.size());
  std::copy(wire.begin(), wire.end(), room.begin());
  framer.commit(wire.size());
  const auto frames = drain(framer);
  ASSERT_EQ(frames.size(), 5U);
  for (size_t i = 1; i <= 5; ++i) EXPECT_EQ(frames[i - 1], std::vector<uint8_t>(i * 10, static_cast<uint8_t>(i)));
  EXPECT_EQ(framer.buffered(), 40U);

  ASSERT_EQ(framer.append(std::span(sixth).subspan(40)), sixth.size() - 40);
  const auto rest = drain(framer);
  ASSERT_EQ(rest.size(), 1U);
  EXPECT_EQ(rest[0], std::vector<uint8_t>(100, 6));
}

TEST(Rfc4571Framer, FramesAreWritableInPlace) {
  // SRTP decrypts received packets where they lie.
  Rfc4571Framer framer;
  const auto wire = framed(4, 1);
  framer.append(wire);
  auto frame = framer.next();
  ASSERT_TRUE(frame);
  (*frame)[0] = 9;
  EXPECT_EQ((*frame)[0], 9);
}

TEST(Rfc4571Framer, TheLargestDatagramPassesBackToBack) {
  Rfc4571Framer framer;
  std::vector<uint8_t> wire;
  for (int i = 0; i < 20; ++i) {
    const auto f = framed(Rfc4571Framer::kMaxFrameBytes, static_cast<uint8_t>(i));
    wire.insert(wire.end(), f.begin(), f.end());
  }
  // Fed in odd-sized reads that never line up with frame boundaries.
  size_t offset = 0;
  std::vector<std::vector<uint8_t>> frames;
  while (offset < wire.size()) {
    const size_t chunk = std::min<size_t>(1777, wire.size() - offset);
    const size_t taken = framer.append(std::span(wire).subspan(offset, chunk));
    ASSERT_GT(taken, 0U) << "the buffer always has room once drained";
    offset += taken;
    for (auto& f : drain(framer)) frames.push_back(std::move(f));
  }
  ASSERT_EQ(frames.size(), 20U);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(frames[static_cast<size_t>(i)], std::vector<uint8_t>(Rfc4571Framer::kMaxFrameBytes, static_cast<uint8_t>(i)));
  }
  EXPECT_EQ(framer.error(), Rfc4571Framer::Error::kNone);
}

TEST(Rfc4571Framer, AnOversizeLengthBreaksTheStreamAsSoonAsItIsRead) {
  Rfc4571Framer framer;
  auto wire = framed(10, 1);
  const std::vector<uint8_t> oversize = {0x05, 0xDD};  // 1501, and no payload needed to know
  wire.insert(wire.end(), oversize.begin(), oversize.end());
  framer.append(wire);
  const auto frames = drain(framer);
  ASSERT_EQ(frames.size(), 1U) << "frames before the bad length are still delivered";
  EXPECT_EQ(framer.error(), Rfc4571Framer::Error::kOversizeFrame);
  EXPECT_TRUE(framer.writable().empty());
  EXPECT_EQ(framer.append(framed(4, 1)), 0U);
  EXPECT_FALSE(framer.next());
}

TEST(Rfc4571Framer, AZeroLengthBreaksTheStream) {
  Rfc4571Framer framer;
  const std::vector<uint8_t> wire = {0x00, 0x00, 0x00, 0x04, 1, 2, 3, 4};
  framer.append(wire);
  EXPECT_FALSE(framer.next());
  EXPECT_EQ(framer.error(), Rfc4571Framer::Error::kEmptyFrame);
}

TEST(Rfc4571Framer, AppendStopsWhenTheBufferIsFullOfUndrainedFrames) {
  Rfc4571Framer framer;
  std::vector<uint8_t> wire;
  while (wire.size() <= Rfc4571Framer::kBufferBytes) {
    const auto f = framed(100, 3);
    wire.insert(wire.end(), f.begin(), f.end());
  }
  const size_t taken = framer.append(wire);
  EXPECT_EQ(taken, Rfc4571Framer::kBufferBytes);
  EXPECT_EQ(framer.append(std::span(wire).subspan(taken)), 0U);
  size_t frames = drain(framer).size();
  EXPECT_EQ(frames, Rfc4571Framer::kBufferBytes / 102);
  EXPECT_EQ(framer.append(std::span(wire).subspan(taken)), wire.size() - taken);
  frames += drain(framer).size();
  EXPECT_EQ(frames, wire.size() / 102);
}

TEST(Rfc4571Framer, HeaderIsBigEndian) {
  EXPECT_EQ(Rfc4571Framer::header(0x05DC), (std::array<uint8_t, 2>{0x05, 0xDC}));
}

}  // namespace
}  // namespace dienhong::media
