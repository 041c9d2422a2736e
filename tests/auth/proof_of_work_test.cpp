#include "auth/proof_of_work.hpp"

#include <string>

#include <gtest/gtest.h>
#include <sodium.h>

namespace dienhong::auth {
namespace {

constexpr int64_t kNow = 1'800'000'000'000;

// What the browser does: count until the digest starts with enough zero bits.
std::string solve(const Puzzle& puzzle) {
  for (uint64_t n = 0; n < (uint64_t{1} << 30); ++n) {
    if (ProofOfWork::solves(puzzle.challenge, std::to_string(n), puzzle.bits)) return std::to_string(n);
  }
  return "";
}

class ProofOfWorkTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(sodium_init(), 0); }
  ProofOfWork proofs_;
};

TEST_F(ProofOfWorkTest, S1_6_ASolvedPuzzleIsAcceptedOnce) {
  const Puzzle puzzle = proofs_.issue(10, kNow);
  EXPECT_EQ(puzzle.bits, 10);
  EXPECT_EQ(puzzle.expiresAtMs, kNow + ProofOfWork::kLifetimeMs);
  const std::string solution = solve(puzzle);
  ASSERT_FALSE(solution.empty());
  EXPECT_TRUE(proofs_.redeem(puzzle.challenge, solution, 10, kNow + 1000));
  auto replayed = proofs_.redeem(puzzle.challenge, solution, 10, kNow + 2000);
  ASSERT_FALSE(replayed);
  EXPECT_EQ(replayed.error().code, "proof_required");
  EXPECT_EQ(replayed.error().message, "spent");
}

TEST_F(ProofOfWorkTest, S1_6_DifficultyIsKeptWithinItsRange) {
  EXPECT_EQ(proofs_.issue(1, kNow).bits, ProofOfWork::kMinBits);
  EXPECT_EQ(proofs_.issue(60, kNow).bits, ProofOfWork::kMaxBits);
  EXPECT_NE(proofs_.issue(8, kNow).challenge, proofs_.issue(8, kNow).challenge);
}

TEST_F(ProofOfWorkTest, S1_6_WrongExpiredForgedOrTooEasyProofsAreRefused) {
  const Puzzle puzzle = proofs_.issue(8, kNow);
  const std::string solution = solve(puzzle);
  auto refusal = [&](std::string_view challenge, std::string_view answer, int minBits, int64_t now) {
    auto redeemed = proofs_.redeem(challenge, answer, minBits, now);
    return redeemed ? std::string("accepted") : redeemed.error().message;
  };
  EXPECT_EQ(refusal(puzzle.challenge, solution, 8, puzzle.expiresAtMs), "expired");
  EXPECT_EQ(refusal(puzzle.challenge, solution, 12, kNow), "too easy for the policy in force");
  std::string wrong = solution;
  while (ProofOfWork::solves(puzzle.challenge, wrong, 8)) wrong = std::to_string(std::stoull(wrong) + 1);
  EXPECT_EQ(refusal(puzzle.challenge, wrong, 8, kNow), "wrong solution");
  EXPECT_EQ(refusal(puzzle.challenge, "0" + solution, 8, kNow), "wrong solution") << "one spelling per number";
  EXPECT_EQ(refusal(puzzle.challenge, "-1", 8, kNow), "wrong solution");
  EXPECT_EQ(refusal(puzzle.challenge, std::string(21, '1'), 8, kNow), "wrong solution");

  // The difficulty and the expiry are signed: raising the expiry or lowering the bits breaks it.
  std::string forged = puzzle.challenge;
  forged.replace(forged.find(".8."), 3, ".7.");
  EXPECT_EQ(refusal(forged, solution, 7, kNow), "not our challenge");
  ProofOfWork restarted;
  EXPECT_EQ(restarted.redeem(puzzle.challenge, solution, 8, kNow).error().message, "not our challenge");

  for (std::string_view junk : {"", "v1", "v1....", "v2.1.8.aa.bb", "v1.1.8.aa.bb.cc", "....."}) {
    EXPECT_FALSE(proofs_.redeem(junk, "1", 8, kNow)) << junk;
  }
  EXPECT_EQ(refusal(std::string(200, 'v'), "1", 8, kNow), "not a challenge");
  EXPECT_EQ(refusal(puzzle.challenge, solution, 8, kNow), "accepted") << "refusals do not spend the puzzle";
}

TEST_F(ProofOfWorkTest, SolvesCountsLeadingZeroBits) {
  // SHA-256("abc:1") and friends: whatever they are, 0 bits is always solved, 257 never.
  EXPECT_TRUE(ProofOfWork::solves("abc", "1", 0));
  EXPECT_FALSE(ProofOfWork::solves("abc", "1", 257));
  EXPECT_FALSE(ProofOfWork::solves("abc", "1", -1));
}

}  // namespace
}  // namespace dienhong::auth
