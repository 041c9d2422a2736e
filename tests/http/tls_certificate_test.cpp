#include "http/tls_certificate.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace dienhong::http {
namespace {

namespace fs = std::filesystem;

class TlsCertificateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dh-tls-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(TlsCertificateTest, S1_5_GeneratedKeyIsPrivateAndMatchesTheCertificate) {
  auto info = ensureGeneratedCertificate(dir_, {"localhost", "127.0.0.1", "::1"});
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_NE(info->subject.find("CN=localhost"), std::string::npos);
  EXPECT_EQ(info->sha256Fingerprint.size(), 32U * 3 - 1);
  struct stat st {};
  ASSERT_EQ(::stat(generatedKeyPath(dir_).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto inspected = inspectCertificate(generatedCertificatePath(dir_), generatedKeyPath(dir_));
  ASSERT_TRUE(inspected);
  EXPECT_EQ(inspected->sha256Fingerprint, info->sha256Fingerprint);
}

TEST_F(TlsCertificateTest, AValidGeneratedPairIsKeptAcrossRestarts) {
  auto first = ensureGeneratedCertificate(dir_, {"localhost"});
  auto second = ensureGeneratedCertificate(dir_, {"localhost"});
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->sha256Fingerprint, second->sha256Fingerprint);
}

TEST_F(TlsCertificateTest, ADamagedGeneratedPairIsReplaced) {
  auto first = ensureGeneratedCertificate(dir_, {"localhost"});
  ASSERT_TRUE(first);
  std::ofstream(generatedCertificatePath(dir_)) << "garbage";
  auto second = ensureGeneratedCertificate(dir_, {"localhost"});
  ASSERT_TRUE(second);
  EXPECT_NE(first->sha256Fingerprint, second->sha256Fingerprint);
}

TEST_F(TlsCertificateTest, MismatchedOrMissingOperatorFilesAreClearErrors) {
  auto a = generateSelfSignedCertificate(dir_ / "a.crt", dir_ / "a.key", {"localhost"}, std::chrono::hours(24));
  auto b = generateSelfSignedCertificate(dir_ / "b.crt", dir_ / "b.key", {"localhost"}, std::chrono::hours(24));
  ASSERT_TRUE(a && b);
  auto mismatch = inspectCertificate(dir_ / "a.crt", dir_ / "b.key");
  ASSERT_FALSE(mismatch);
  EXPECT_NE(mismatch.error().message.find("does not match"), std::string::npos);
  auto missing = inspectCertificate(dir_ / "none.crt", dir_ / "a.key");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("none.crt"), std::string::npos);
}

}  // namespace
}  // namespace dienhong::http
