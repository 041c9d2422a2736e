// SecretBox: secrets at rest sealed with a master key kept outside the database (S4.4): TOTP
// seeds today, directory bind passwords and other credentials as they come. XChaCha20-Poly1305
// (libsodium) with the secret's purpose as associated data, so a sealed value copied into
// another row or field does not open. The key is 32 random bytes in a file of its own, made at
// first start with mode 0600; a key file others can read is refused, as ssh refuses a key.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace dienhong::auth {

class SecretBox {
 public:
  static constexpr size_t kKeyBytes = 32;

  // Errors "master_key": unreadable, wrong size, or readable by group or others.
  static Result<SecretBox> openKeyFile(const std::filesystem::path& path);
  explicit SecretBox(const std::array<uint8_t, kKeyBytes>& key) : key_(key) {}

  // "v1." followed by base64url(nonce ‖ ciphertext ‖ tag).
  std::string seal(std::string_view plaintext, std::string_view purpose) const;
  // Error "unseal_failed" for anything not sealed by this key for this purpose.
  Result<std::string> open(std::string_view sealed, std::string_view purpose) const;

 private:
  std::array<uint8_t, kKeyBytes> key_;
};

}  // namespace dienhong::auth
