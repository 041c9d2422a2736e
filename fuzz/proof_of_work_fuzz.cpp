// Fuzz target: the proof of work a client sends with a sign-in (S1.6), "challenge\nsolution".
// Properties asserted, not only the absence of crashes: nothing is accepted that the server did
// not issue, and an issued challenge accepts a solution only when it solves the puzzle, once.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "auth/proof_of_work.hpp"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

constexpr int64_t kNow = 1'800'000'000'000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool ready = sodium_init() >= 0;
  check(ready);
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const std::string_view challenge = input.substr(0, newline);
  const std::string_view solution = newline == std::string_view::npos ? "" : input.substr(newline + 1);

  dienhong::auth::ProofOfWork proofs;
  check(!proofs.redeem(challenge, solution, 8, kNow));  // a fresh key issued nothing

  const dienhong::auth::Puzzle puzzle = proofs.issue(8, kNow);
  const bool solves = dienhong::auth::ProofOfWork::solves(puzzle.challenge, solution, 8);
  const bool accepted = static_cast<bool>(proofs.redeem(puzzle.challenge, solution, 8, kNow));
  check(!accepted || solves);
  if (accepted) check(!proofs.redeem(puzzle.challenge, solution, 8, kNow));
  return 0;
}
