// ProofOfWork: a hashcash puzzle the browser solves before the server checks another password
// from an address, or for a name, that has already failed several times (S1.6). No third-party
// service: the server issues a challenge signed with a key of this process, and the client
// looks for a decimal number n such that SHA-256(challenge ":" n) starts with `bits` zero bits
// — about 2^bits hashes for the client, one for the server. A challenge is good for one sign-in
// and a short while, so solutions cannot be stockpiled or replayed. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/result.hpp"

namespace dienhong::auth {

struct Puzzle {
  std::string challenge;  // "v1.<expiresAtMs>.<bits>.<nonce>.<mac>"
  int bits = 0;
  int64_t expiresAtMs = 0;
};

class ProofOfWork {
 public:
  static constexpr int kMinBits = 8;
  static constexpr int kMaxBits = 24;
  static constexpr int64_t kLifetimeMs = 2 * 60'000;
  static constexpr size_t kMaxSolutionDigits = 20;

  ProofOfWork();  // a fresh random key: a restart voids the challenges in flight

  Puzzle issue(int bits, int64_t nowMs) const;
  // Error "proof_required" when the challenge is not ours, is spent or expired, asks for fewer
  // than minBits, or the solution does not solve it. A proof that passes is spent.
  Result<void> redeem(std::string_view challenge, std::string_view solution, int minBits, int64_t nowMs);

  // Whether SHA-256(challenge ":" solution) starts with `bits` zero bits (solvers in tests).
  static bool solves(std::string_view challenge, std::string_view solution, int bits);

 private:
  std::string mac(std::string_view signedPart) const;

  std::array<unsigned char, 32> key_{};
  std::mutex mutex_;
  std::unordered_map<std::string, int64_t> spent_;  // challenge -> its expiry, until then
};

}  // namespace dienhong::auth
