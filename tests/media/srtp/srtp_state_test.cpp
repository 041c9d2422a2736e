// The per-stream state machinery: index estimation (RFC 3711 §3.3.1, Appendix A), the replay
// window (§3.3.2) and the SSRC table, each checked against a brute-force model.
#include <map>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "media/srtp/srtp_index.hpp"
#include "media/srtp/srtp_replay_window.hpp"
#include "media/srtp/srtp_stream_table.hpp"

namespace dienhong::media::srtp {
namespace {

TEST(SrtpIndexEstimate, FollowsTheSequenceAcrossARollover) {
  EXPECT_EQ(estimateSrtpIndex(0xFFFF, 0x0000), 0x10000u);         // wrapped forward: ROC + 1
  EXPECT_EQ(estimateSrtpIndex(0x10002, 0xFFFE), 0x0FFFEu);        // late packet from ROC - 1
  EXPECT_EQ(estimateSrtpIndex(0x3'0010, 0x0011), 0x3'0011u);      // plain successor
  EXPECT_EQ(estimateSrtpIndex(0x3'9000, 0x0fff), 0x4'0fffu);      // s_l >= 2^15, wrapped ahead
  EXPECT_EQ(estimateSrtpIndex(0x3'9000, 0x1000), 0x3'1000u);      // 2^15 either way: behind
  EXPECT_EQ(estimateSrtpIndex(0x3'1000, 0x9000), 0x3'9000u);      // s_l < 2^15: the tie goes ahead
}

TEST(SrtpIndexEstimate, RefusesIndicesThatCannotExist) {
  EXPECT_EQ(estimateSrtpIndex(100, 40000), std::nullopt);             // ROC would be -1
  EXPECT_EQ(estimateSrtpIndex(kSrtpMaxIndex, 0x0000), std::nullopt);  // ROC would be 2^32
  EXPECT_EQ(estimateSrtpIndex(kSrtpMaxIndex, 0xFFFE), kSrtpMaxIndex - 1);
}

TEST(SrtpIndexEstimate, MatchesTheOneCandidateWithin2To15ForEverySequenceNumber) {
  // Appendix A picks, among ROC-1, ROC, ROC+1, the index within 2^15 of s_l; the one tie
  // (exactly 2^15 away both ways) goes forward when s_l < 2^15 and backward otherwise.
  std::mt19937_64 rng(7);
  for (int round = 0; round < 64; ++round) {
    const uint64_t highest = (uint64_t{rng() % 4} << 16) | (rng() & 0xffff);
    const bool lowHalf = (highest & 0xffff) < 32768;
    const int64_t lowest = lowHalf ? -32767 : -32768;
    const int64_t furthest = lowHalf ? 32768 : 32767;
    for (uint32_t seq = 0; seq <= 0xffff; ++seq) {
      std::optional<uint64_t> expected;
      const int64_t roc = static_cast<int64_t>(highest >> 16);
      for (int64_t v = roc - 1; v <= roc + 1; ++v) {
        const int64_t candidate = v * 65536 + seq;
        const int64_t distance = candidate - static_cast<int64_t>(highest);
        if (distance < lowest || distance > furthest) continue;
        ASSERT_FALSE(expected.has_value()) << "two candidates";
        if (v >= 0) expected = static_cast<uint64_t>(candidate);
      }
      ASSERT_EQ(estimateSrtpIndex(highest, static_cast<uint16_t>(seq)), expected)
          << std::hex << highest << " " << seq;
    }
  }
}

TEST(SrtpReplayWindow, AcceptsOnceRejectsReplayAndTooOld) {
  ReplayWindow<64> window;
  EXPECT_EQ(window.check(1000), ReplayVerdict::kFresh);
  window.accept(1000);
  EXPECT_EQ(window.check(1000), ReplayVerdict::kReplayed);
  EXPECT_EQ(window.check(999), ReplayVerdict::kFresh);
  EXPECT_EQ(window.check(937), ReplayVerdict::kFresh);   // 63 behind: the window's last slot
  EXPECT_EQ(window.check(936), ReplayVerdict::kTooOld);  // 64 behind
  window.accept(950);
  EXPECT_EQ(window.check(950), ReplayVerdict::kReplayed);
  window.accept(1100);
  EXPECT_EQ(window.check(1000), ReplayVerdict::kTooOld);
  EXPECT_EQ(window.check(1050), ReplayVerdict::kFresh);
  EXPECT_EQ(window.highest(), 1100u);
}

template <size_t kBits>
void compareWithModel(uint64_t seed, uint64_t maxJump) {
  std::mt19937_64 rng(seed);
  ReplayWindow<kBits> window;
  std::set<uint64_t> seen;
  uint64_t highest = 0;
  for (int step = 0; step < 20000; ++step) {
    uint64_t index;
    const auto kind = rng() % 4;
    if (seen.empty() || kind == 0) {
      index = highest + rng() % maxJump;  // forward
    } else {
      const uint64_t back = rng() % (kBits + 40);  // around the window edge
      index = back > highest ? 0 : highest - back;
    }
    ReplayVerdict expected;
    if (seen.empty() || index > highest) expected = ReplayVerdict::kFresh;
    else if (highest - index >= kBits) expected = ReplayVerdict::kTooOld;
    else expected = seen.count(index) ? ReplayVerdict::kReplayed : ReplayVerdict::kFresh;
    ASSERT_EQ(window.check(index), expected) << "step " << step << " index " << index;
    if (expected == ReplayVerdict::kFresh && rng() % 8 != 0) {  // some fail authentication
      window.accept(index);
      seen.insert(index);
      highest = std::max(highest, index);
    }
  }
}

TEST(SrtpReplayWindow, MatchesAReferenceModel) {
  compareWithModel<64>(1, 70);
  compareWithModel<128>(2, 200);
  compareWithModel<1024>(3, 1500);
  compareWithModel<1024>(4, 5);
}

TEST(SrtpStreamTable, FindInsertEraseMatchAMap) {
  std::mt19937 rng(11);
  StreamTable<uint64_t> table(40);
  std::map<uint32_t, uint64_t> model;
  for (int step = 0; step < 50000; ++step) {
    // A small key space so that inserts, hits and erases all happen; low bits vary least.
    const uint32_t ssrc = (rng() % 64) << 24 | 0x1234;
    switch (rng() % 3) {
      case 0: {
        uint64_t* value = table.findOrInsert(ssrc);
        if (model.count(ssrc) == 0 && model.size() >= 40) {
          ASSERT_EQ(value, nullptr);
          break;
        }
        ASSERT_NE(value, nullptr);
        if (model.count(ssrc) == 0) {
          ASSERT_EQ(*value, 0u);
        }
        *value = ++model[ssrc];
        break;
      }
      case 1: {
        uint64_t* value = table.find(ssrc);
        if (model.count(ssrc)) {
          ASSERT_NE(value, nullptr);
          ASSERT_EQ(*value, model[ssrc]);
        } else {
          ASSERT_EQ(value, nullptr);
        }
        break;
      }
      default:
        ASSERT_EQ(table.erase(ssrc), model.erase(ssrc) == 1);
    }
    ASSERT_EQ(table.size(), model.size());
  }
}

TEST(SrtpStreamTable, NeverHoldsMoreThanItsBound) {
  StreamTable<int> table(3);
  EXPECT_NE(table.findOrInsert(1), nullptr);
  EXPECT_NE(table.findOrInsert(2), nullptr);
  EXPECT_NE(table.findOrInsert(3), nullptr);
  EXPECT_TRUE(table.full());
  EXPECT_EQ(table.findOrInsert(4), nullptr);
  EXPECT_NE(table.findOrInsert(2), nullptr);  // existing streams are still found
  EXPECT_TRUE(table.erase(2));
  EXPECT_NE(table.findOrInsert(4), nullptr);
  EXPECT_EQ(table.find(2), nullptr);
}

}  // namespace
}  // namespace dienhong::media::srtp
