#include "auth/password_hasher.hpp"

#include <sodium.h>

namespace dienhong::auth {

HashCost defaultHashCost() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.opsLimit, cost_.memLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error{"hash_failed", "argon2id hashing failed (out of memory?)"};
  }
  return std::string(out);
}

bool PasswordHasher::verify(std::string_view encodedHash, std::string_view password) const {
  // crypto_pwhash_str_verify needs a NUL-terminated hash.
  const std::string hashCopy(encodedHash);
  return crypto_pwhash_str_verify(hashCopy.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needsRehash(std::string_view encodedHash) const {
  const std::string hashCopy(encodedHash);
  return crypto_pwhash_str_needs_rehash(hashCopy.c_str(), cost_.opsLimit, cost_.memLimit) != 0;
}

void PasswordHasher::verifyDummy(std::string_view password) const {
  if (dummyHash_.empty()) {
    auto made = hash("dummy password for timing equalisation");
    if (!made) return;
    dummyHash_ = made.value();
  }
  (void)verify(dummyHash_, password);
}

}  // namespace dienhong::auth
