// Password hashing with argon2id (libsodium crypto_pwhash_str): salted, memory-hard, and the
// parameters travel inside the encoded hash so they can be raised later (S1.2).
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace dienhong::auth {

struct HashCost {
  unsigned long long opsLimit;
  size_t memLimit;
};

// libsodium's "interactive" cost: ~64 MiB and tens of milliseconds per hash on these machines.
HashCost defaultHashCost();

class PasswordHasher {
 public:
  explicit PasswordHasher(HashCost cost = defaultHashCost()) : cost_(cost) {}

  Result<std::string> hash(std::string_view password) const;
  bool verify(std::string_view encodedHash, std::string_view password) const;
  // True when the hash was made with weaker parameters than the current ones.
  bool needsRehash(std::string_view encodedHash) const;
  // Spends the same time as a real verification, so an unknown username takes as long as a
  // wrong password.
  void verifyDummy(std::string_view password) const;

 private:
  HashCost cost_;
  mutable std::string dummyHash_;
};

}  // namespace dienhong::auth
