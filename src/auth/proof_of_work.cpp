#include "auth/proof_of_work.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <iterator>

#include <fmt/format.h>

#include "auth/tokens.hpp"

namespace dienhong::auth {
namespace {

constexpr std::string_view kVersion = "v1";
// Spent challenges are remembered until they expire; past this many, new proofs are refused
// rather than the memory growing (each entry cost its sender about 2^bits hashes).
constexpr size_t kMaxSpent = 200'000;
constexpr size_t kSweepAbove = 4096;

Error proofRequired(std::string_view why) { return Error{"proof_required", std::string(why)}; }

// Splits "a.b.c.d.e" into exactly five parts.
bool splitFive(std::string_view text, std::array<std::string_view, 5>& parts) {
  size_t start = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    const size_t dot = i + 1 < parts.size() ? text.find('.', start) : text.size();
    if (dot == std::string_view::npos) return false;
    parts[i] = text.substr(start, dot - start);
    start = dot + 1;
  }
  return parts[4].find('.') == std::string_view::npos;
}

template <class T>
bool parseNumber(std::string_view text, T& out) {
  if (text.empty() || text.size() > 19 || (text.size() > 1 && text[0] == '0')) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

bool isDecimal(std::string_view text) {
  if (text.empty() || text.size() > ProofOfWork::kMaxSolutionDigits) return false;
  if (text.size() > 1 && text[0] == '0') return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

ProofOfWork::ProofOfWork() { randombytes_buf(key_.data(), key_.size()); }

std::string ProofOfWork::mac(std::string_view signedPart) const {
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> tag{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key_.data(), key_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signedPart.data()),
                                signedPart.size());
  crypto_auth_hmacsha256_final(&state, tag.data());
  std::string hex(tag.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), tag.data(), tag.size());
  hex.pop_back();
  return hex;
}

Puzzle ProofOfWork::issue(int bits, int64_t nowMs) const {
  Puzzle puzzle;
  puzzle.bits = std::clamp(bits, kMinBits, kMaxBits);
  puzzle.expiresAtMs = nowMs + kLifetimeMs;
  const std::string signedPart = fmt::format("{}.{}.{}.{}", kVersion, puzzle.expiresAtMs, puzzle.bits, randomHex(16));
  puzzle.challenge = signedPart + "." + mac(signedPart);
  return puzzle;
}

bool ProofOfWork::solves(std::string_view challenge, std::string_view solution, int bits) {
  if (bits < 0 || bits > 8 * static_cast<int>(crypto_hash_sha256_BYTES)) return false;
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(challenge.data()), challenge.size());
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(":"), 1);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(solution.data()), solution.size());
  crypto_hash_sha256_final(&state, digest.data());
  for (int i = 0; i < bits; ++i) {
    if ((digest[static_cast<size_t>(i / 8)] >> (7 - i % 8) & 1) != 0) return false;
  }
  return true;
}

Result<void> ProofOfWork::redeem(std::string_view challenge, std::string_view solution, int minBits,
                                 int64_t nowMs) {
  std::array<std::string_view, 5> parts;
  if (challenge.size() > 128 || !splitFive(challenge, parts) || parts[0] != kVersion) {
    return proofRequired("not a challenge");
  }
  const std::string_view signedPart = challenge.substr(0, challenge.size() - parts[4].size() - 1);
  if (!constantTimeEquals(parts[4], mac(signedPart))) return proofRequired("not our challenge");
  int64_t expiresAtMs = 0;
  int bits = 0;
  if (!parseNumber(parts[1], expiresAtMs) || !parseNumber(parts[2], bits)) return proofRequired("malformed");
  if (expiresAtMs <= nowMs) return proofRequired("expired");
  if (bits < minBits) return proofRequired("too easy for the policy in force");
  if (!isDecimal(solution) || !solves(challenge, solution, bits)) return proofRequired("wrong solution");
  std::lock_guard lock(mutex_);
  if (spent_.size() > kSweepAbove) std::erase_if(spent_, [nowMs](const auto& entry) { return entry.second <= nowMs; });
  if (spent_.size() >= kMaxSpent) return proofRequired("too many proofs in flight");
  if (!spent_.emplace(challenge, expiresAtMs).second) return proofRequired("spent");
  return success();
}

}  // namespace dienhong::auth
