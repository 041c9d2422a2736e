#include "auth/totp.hpp"

#include <array>
#include <cstdio>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

namespace dienhong::auth {
namespace {

constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

const EVP_MD* digestOf(TotpAlgorithm algorithm) {
  switch (algorithm) {
    case TotpAlgorithm::Sha1: return EVP_sha1();
    case TotpAlgorithm::Sha256: return EVP_sha256();
    case TotpAlgorithm::Sha512: return EVP_sha512();
  }
  return EVP_sha1();
}

const char* nameOf(TotpAlgorithm algorithm) {
  switch (algorithm) {
    case TotpAlgorithm::Sha1: return "SHA1";
    case TotpAlgorithm::Sha256: return "SHA256";
    case TotpAlgorithm::Sha512: return "SHA512";
  }
  return "SHA1";
}

int64_t stepOf(int64_t unixSeconds, const TotpParameters& parameters) {
  // Floor division: times before 1970 are not expected, but must not round toward zero.
  const int64_t step = parameters.stepSeconds > 0 ? parameters.stepSeconds : 30;
  return unixSeconds >= 0 ? unixSeconds / step : -((-unixSeconds + step - 1) / step);
}

void percentEncode(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
}

}  // namespace

std::string base32Encode(std::span<const uint8_t> bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (uint8_t byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32[(buffer << (5 - bits)) & 31]);
  return out;
}

std::optional<std::vector<uint8_t>> base32Decode(std::string_view text) {
  std::vector<uint8_t> out;
  uint32_t buffer = 0;
  int bits = 0;
  bool padding = false;
  for (char raw : text) {
    if (raw == ' ') continue;
    if (raw == '=') {
      padding = true;
      continue;
    }
    if (padding) return std::nullopt;  // data after padding
    char c = raw >= 'a' && raw <= 'z' ? static_cast<char>(raw - 'a' + 'A') : raw;
    const auto value = kBase32.find(c);
    if (value == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 5) | static_cast<uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<uint8_t>(buffer >> (bits - 8)));
      bits -= 8;
    }
  }
  return out;
}

std::vector<uint8_t> generateTotpSecret() {
  std::vector<uint8_t> secret(20);
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string hotp(std::span<const uint8_t> secret, uint64_t counter, const TotpParameters& parameters) {
  std::array<uint8_t, 8> message{};
  for (size_t i = 0; i < message.size(); ++i) message[7 - i] = static_cast<uint8_t>(counter >> (8 * i));
  std::array<uint8_t, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  HMAC(digestOf(parameters.algorithm), secret.data(), static_cast<int>(secret.size()), message.data(),
       message.size(), mac.data(), &length);
  // Dynamic truncation (RFC 4226 §5.4): the low nibble of the last byte picks 4 bytes.
  const size_t offset = mac[length - 1] & 0x0f;
  const uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) |
                          (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                          (static_cast<uint32_t>(mac[offset + 2]) << 8) | static_cast<uint32_t>(mac[offset + 3]);
  const unsigned digits = parameters.digits < 6 ? 6 : (parameters.digits > 8 ? 8 : parameters.digits);
  uint32_t modulus = 1;
  for (unsigned i = 0; i < digits; ++i) modulus *= 10;
  std::array<char, 16> text{};
  std::snprintf(text.data(), text.size(), "%0*u", static_cast<int>(digits), binary % modulus);
  OPENSSL_cleanse(mac.data(), mac.size());
  return text.data();
}

std::string totpAt(std::span<const uint8_t> secret, int64_t unixSeconds, const TotpParameters& parameters) {
  return hotp(secret, static_cast<uint64_t>(stepOf(unixSeconds, parameters)), parameters);
}

std::optional<int64_t> verifyTotp(std::span<const uint8_t> secret, std::string_view typed, int64_t unixSeconds,
                                  std::optional<int64_t> lastUsedStep, const TotpParameters& parameters) {
  std::string code;
  for (char c : typed) {
    if (c == ' ') continue;
    if (c < '0' || c > '9' || code.size() >= 8) return std::nullopt;
    code.push_back(c);
  }
  if (code.size() != parameters.digits || secret.empty()) return std::nullopt;
  const int64_t now = stepOf(unixSeconds, parameters);
  std::optional<int64_t> match;
  // Every candidate is computed and compared in constant time, so timing says nothing of which.
  for (int64_t step = now - parameters.allowedDrift; step <= now + parameters.allowedDrift; ++step) {
    if (step < 0) continue;
    const std::string expected = hotp(secret, static_cast<uint64_t>(step), parameters);
    if (CRYPTO_memcmp(expected.data(), code.data(), code.size()) == 0 && !match) match = step;
  }
  if (!match || (lastUsedStep && *match <= *lastUsedStep)) return std::nullopt;
  return match;
}

std::string totpUri(std::string_view issuer, std::string_view account, std::span<const uint8_t> secret,
                    const TotpParameters& parameters) {
  std::string uri = "otpauth://totp/";
  percentEncode(uri, issuer);
  uri += ':';
  percentEncode(uri, account);
  uri += "?secret=" + base32Encode(secret) + "&issuer=";
  percentEncode(uri, issuer);
  uri += std::string("&algorithm=") + nameOf(parameters.algorithm) + "&digits=" + std::to_string(parameters.digits) +
         "&period=" + std::to_string(parameters.stepSeconds);
  return uri;
}

}  // namespace dienhong::auth
