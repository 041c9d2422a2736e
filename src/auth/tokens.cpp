#include "auth/tokens.hpp"

#include <sodium.h>

#include <array>
#include <vector>

namespace dienhong::auth {

std::string randomToken(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string randomHex(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

std::string sha256Hex(std::string_view data) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string oneTimePassword() {
  static constexpr std::string_view kLower = "abcdefghijkmnpqrstuvwxyz";
  static constexpr std::string_view kUpper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  static constexpr std::string_view kDigit = "23456789";
  static constexpr std::string_view kSymbol = "-_.!@#%+=";
  static constexpr std::array<std::string_view, 4> kClasses = {kLower, kUpper, kDigit, kSymbol};
  auto pick = [](std::string_view set) {
    return set[randombytes_uniform(static_cast<uint32_t>(set.size()))];
  };
  std::string out;
  for (auto set : kClasses) out.push_back(pick(set));
  const std::string all = std::string(kLower) + std::string(kUpper) + std::string(kDigit) +
                          std::string(kSymbol);
  while (out.size() < 20) out.push_back(pick(all));
  // Fisher–Yates, so the guaranteed classes are not always in front.
  for (size_t i = out.size() - 1; i > 0; --i) {
    std::swap(out[i], out[randombytes_uniform(static_cast<uint32_t>(i + 1))]);
  }
  return out;
}

}  // namespace dienhong::auth
