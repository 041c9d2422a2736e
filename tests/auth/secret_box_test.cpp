#include "auth/secret_box.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace dienhong::auth {
namespace {

namespace fs = std::filesystem;

SecretBox box(uint8_t fill) {
  std::array<uint8_t, SecretBox::kKeyBytes> key{};
  key.fill(fill);
  return SecretBox(key);
}

TEST(SecretBox, S4_4_SealedSecretsOpenOnlyWithTheKeyAndThePurpose) {
  ASSERT_GE(sodium_init(), 0);
  const SecretBox mine = box(1);
  const std::string sealed = mine.seal("JBSWY3DPEHPK3PXP", "totp:u-1");
  EXPECT_TRUE(sealed.starts_with("v1."));
  EXPECT_EQ(sealed.find("JBSWY3DP"), std::string::npos);
  EXPECT_NE(mine.seal("JBSWY3DPEHPK3PXP", "totp:u-1"), sealed) << "a fresh nonce each time";
  EXPECT_EQ(mine.open(sealed, "totp:u-1").value_or(""), "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(mine.open(sealed, "totp:u-2").error().code, "unseal_failed") << "copied to another account";
  EXPECT_EQ(box(2).open(sealed, "totp:u-1").error().code, "unseal_failed") << "another key";
  std::string tampered = sealed;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(mine.open(tampered, "totp:u-1"));
  for (const char* bad : {"", "v1.", "v2.abc", "v1.!!!!", "plain text"}) EXPECT_FALSE(mine.open(bad, "totp:u-1")) << bad;
}

TEST(SecretBox, S4_4_TheKeyFileIsMadeOwnerOnlyAndAReadableOneIsRefused) {
  ASSERT_GE(sodium_init(), 0);
  const fs::path dir = fs::temp_directory_path() / ("dh-secret-box-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path path = dir / "secrets" / "master.key";
  auto made = SecretBox::openKeyFile(path);
  ASSERT_TRUE(made) << made.error().message;
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(fs::file_size(path), SecretBox::kKeyBytes);
  const std::string sealed = made->seal("secret", "p");
  auto reopened = SecretBox::openKeyFile(path);
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->open(sealed, "p").value_or(""), "secret") << "the same key on the next start";

  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  auto exposed = SecretBox::openKeyFile(path);
  ASSERT_FALSE(exposed);
  EXPECT_NE(exposed.error().message.find("chmod 600"), std::string::npos);
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
  std::ofstream(path, std::ios::trunc) << "short";
  EXPECT_EQ(SecretBox::openKeyFile(path).error().code, "master_key");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace dienhong::auth
