// Time-based one-time passwords for two-factor sign-in (RFC 6238 over RFC 4226 HOTP), as the
// authenticator apps people already have compute them: HMAC-SHA-1, 6 digits, 30-second steps.
// Secrets are 20 random bytes, shown once as RFC 4648 base32 and as an otpauth:// URI (QR code).
// Verification accepts one step either side for clock drift and never the same step twice.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dienhong::auth {

enum class TotpAlgorithm { Sha1, Sha256, Sha512 };

struct TotpParameters {
  TotpAlgorithm algorithm = TotpAlgorithm::Sha1;
  unsigned digits = 6;           // 6–8
  int64_t stepSeconds = 30;
  int64_t allowedDrift = 1;      // steps accepted before and after the current one
};

// RFC 4648 base32 (A–Z, 2–7), without padding, as authenticator apps expect.
std::string base32Encode(std::span<const uint8_t> bytes);
// Accepts lower case, spaces and '=' padding (people retype secrets); nullopt for anything else.
std::optional<std::vector<uint8_t>> base32Decode(std::string_view text);

// A new secret: 20 random bytes (the HMAC-SHA-1 block it keys, RFC 4226 §4 R6).
std::vector<uint8_t> generateTotpSecret();

// The HOTP value of `counter` (RFC 4226 §5.3), zero-padded to `digits`.
std::string hotp(std::span<const uint8_t> secret, uint64_t counter, const TotpParameters& parameters = {});
// The TOTP value for a Unix time in seconds.
std::string totpAt(std::span<const uint8_t> secret, int64_t unixSeconds, const TotpParameters& parameters = {});

// Checks what a person typed (spaces allowed, e.g. "123 456") at `unixSeconds`. `lastUsedStep` is
// the step last accepted for this account: that step and earlier ones are refused (replay).
// Returns the matching step, to be stored as the new lastUsedStep.
std::optional<int64_t> verifyTotp(std::span<const uint8_t> secret, std::string_view typed, int64_t unixSeconds,
                                  std::optional<int64_t> lastUsedStep, const TotpParameters& parameters = {});

// otpauth://totp/<issuer>:<account>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
// (Key Uri Format); issuer and account are percent-encoded UTF-8.
std::string totpUri(std::string_view issuer, std::string_view account, std::span<const uint8_t> secret,
                    const TotpParameters& parameters = {});

}  // namespace dienhong::auth
