#include "media/ice/ice_credentials.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>

namespace dienhong::media {
namespace {

// 64 ice-chars: a random byte masked to 6 bits picks one uniformly.
constexpr std::string_view kIceChars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static_assert(kIceChars.size() == 64);

bool isIceChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

bool randomIceString(size_t length, std::string& out) {
  std::array<unsigned char, 64> random{};
  if (length > random.size() || RAND_bytes(random.data(), static_cast<int>(length)) != 1) {
    return false;
  }
  out.resize(length);
  for (size_t i = 0; i < length; ++i) out[i] = kIceChars[random[i] & 0x3F];
  OPENSSL_cleanse(random.data(), random.size());
  return true;
}

}  // namespace

Result<IceCredentials> IceCredentials::generate() {
  IceCredentials credentials;
  if (!randomIceString(kUfragLength, credentials.ufrag) ||
      !randomIceString(kPasswordLength, credentials.pwd)) {
    return Error{"random_failed", "RAND_bytes failed while generating ICE credentials"};
  }
  return credentials;
}

bool IceCredentials::isIceChars(std::string_view text) {
  return std::all_of(text.begin(), text.end(), isIceChar);
}

bool IceCredentials::isValid() const {
  return ufrag.size() >= 4 && ufrag.size() <= 256 && pwd.size() >= 22 && pwd.size() <= 256 &&
         isIceChars(ufrag) && isIceChars(pwd);
}

}  // namespace dienhong::media
