#include "auth/secret_box.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <vector>

#include <fmt/format.h>

namespace dienhong::auth {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kVersion = "v1.";
constexpr size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

Result<void> createKeyFile(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return Error{"master_key", fmt::format("cannot create {}: {}", path.parent_path().string(), ec.message())};
  fs::permissions(path.parent_path(), fs::perms::owner_all, ec);
  std::array<uint8_t, SecretBox::kKeyBytes> key{};
  randombytes_buf(key.data(), key.size());
  const mode_t old = umask(077);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(key.data()), static_cast<std::streamsize>(key.size()));
    if (!out) {
      umask(old);
      return Error{"master_key", fmt::format("cannot write {}", path.string())};
    }
  }
  umask(old);
  sodium_memzero(key.data(), key.size());
  return success();
}

}  // namespace

Result<SecretBox> SecretBox::openKeyFile(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (auto created = createKeyFile(path); !created) return created.error();
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return Error{"master_key", fmt::format("cannot read {}", path.string())};
  if ((info.st_mode & 077) != 0) {
    return Error{"master_key", fmt::format("{} may be read by others (mode {:o}); run: chmod 600 {}", path.string(),
                                           info.st_mode & 0777, path.string())};
  }
  std::ifstream in(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() != kKeyBytes) {
    return Error{"master_key", fmt::format("{} must hold exactly {} bytes, not {}", path.string(), kKeyBytes, bytes.size())};
  }
  std::array<uint8_t, kKeyBytes> key{};
  std::copy(bytes.begin(), bytes.end(), key.begin());
  sodium_memzero(bytes.data(), bytes.size());
  return SecretBox(key);
}

std::string SecretBox::seal(std::string_view plaintext, std::string_view purpose) const {
  std::vector<uint8_t> box(kNonceBytes + plaintext.size() + kTagBytes);
  randombytes_buf(box.data(), kNonceBytes);
  unsigned long long length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      box.data() + kNonceBytes, &length, reinterpret_cast<const uint8_t*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const uint8_t*>(purpose.data()), purpose.size(), nullptr, box.data(), key_.data());
  std::string out(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), box.data(), box.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return std::string(kVersion) + out;
}

Result<std::string> SecretBox::open(std::string_view sealed, std::string_view purpose) const {
  const Error failed{"unseal_failed", "the sealed value does not open with this key for this purpose"};
  if (!sealed.starts_with(kVersion) || sealed.size() > 64 * 1024) return failed;
  sealed.remove_prefix(kVersion.size());
  // Shorter than a nonce and a tag cannot be a sealed value (and an empty buffer must not reach
  // the decoder, which takes no null pointer).
  if (sealed.size() < sodium_base64_ENCODED_LEN(kNonceBytes + kTagBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1) {
    return failed;
  }
  std::vector<uint8_t> box(sealed.size());
  size_t length = 0;
  if (sodium_base642bin(box.data(), box.size(), sealed.data(), sealed.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      length < kNonceBytes + kTagBytes) {
    return failed;
  }
  std::string plaintext(length - kNonceBytes - kTagBytes, '\0');
  unsigned long long plainLength = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<uint8_t*>(plaintext.data()), &plainLength, nullptr, box.data() + kNonceBytes,
          length - kNonceBytes, reinterpret_cast<const uint8_t*>(purpose.data()), purpose.size(), box.data(),
          key_.data()) != 0) {
    return failed;
  }
  plaintext.resize(plainLength);
  return plaintext;
}

}  // namespace dienhong::auth
