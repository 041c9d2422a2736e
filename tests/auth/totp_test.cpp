// TOTP against the RFC vectors (RFC 4226 appendix D, RFC 6238 appendix B, RFC 4648 §10).
#include "auth/totp.hpp"

#include <gtest/gtest.h>

namespace dienhong::auth {
namespace {

std::vector<uint8_t> bytesOf(std::string_view text) { return {text.begin(), text.end()}; }

TEST(Base32, EncodesAndDecodesTheRfc4648VectorsWithoutPadding) {
  const std::pair<std::string_view, std::string_view> vectors[] = {
      {"", ""}, {"f", "MY"}, {"fo", "MZXQ"}, {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"}, {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base32Encode(bytesOf(plain)), encoded);
    EXPECT_EQ(base32Decode(encoded), bytesOf(plain)) << encoded;
  }
}

TEST(Base32, DecodingAcceptsWhatPeopleRetypeAndRefusesAnythingElse) {
  EXPECT_EQ(base32Decode("mzxw 6ytb oi======"), bytesOf("foobar"));
  EXPECT_FALSE(base32Decode("MZXW1"));      // 1 is not in the alphabet
  EXPECT_FALSE(base32Decode("MZ=XW"));      // data after padding
  EXPECT_FALSE(base32Decode("MZXW6\n"));
}

TEST(Totp, S1_1_HotpMatchesRfc4226AppendixD) {
  const auto secret = bytesOf("12345678901234567890");
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (uint64_t counter = 0; counter < 10; ++counter) EXPECT_EQ(hotp(secret, counter), expected[counter]);
}

TEST(Totp, S1_1_TotpMatchesRfc6238AppendixBForEveryAlgorithm) {
  struct Vector {
    int64_t time;
    const char* sha1;
    const char* sha256;
    const char* sha512;
  };
  const Vector vectors[] = {{59, "94287082", "46119246", "90693936"},
                            {1111111109, "07081804", "68084774", "25091201"},
                            {1111111111, "14050471", "67062674", "99943326"},
                            {1234567890, "89005924", "91819424", "93441116"},
                            {2000000000, "69279037", "90698825", "38618901"},
                            {20000000000, "65353130", "77737706", "47863826"}};
  const auto sha1 = bytesOf("12345678901234567890");
  const auto sha256 = bytesOf("12345678901234567890123456789012");
  const auto sha512 = bytesOf("1234567890123456789012345678901234567890123456789012345678901234");
  for (const auto& v : vectors) {
    EXPECT_EQ(totpAt(sha1, v.time, {TotpAlgorithm::Sha1, 8, 30, 1}), v.sha1) << v.time;
    EXPECT_EQ(totpAt(sha256, v.time, {TotpAlgorithm::Sha256, 8, 30, 1}), v.sha256) << v.time;
    EXPECT_EQ(totpAt(sha512, v.time, {TotpAlgorithm::Sha512, 8, 30, 1}), v.sha512) << v.time;
  }
}

TEST(Totp, S1_1_VerificationAllowsOneStepOfDriftAndNeverTheSameStepTwice) {
  const auto secret = generateTotpSecret();
  ASSERT_EQ(secret.size(), 20u);
  const int64_t now = 1'800'000'015;  // step 60'000'000
  const std::string current = totpAt(secret, now);
  auto step = verifyTotp(secret, current, now, std::nullopt);
  ASSERT_TRUE(step);
  EXPECT_EQ(*step, 60'000'000);
  EXPECT_FALSE(verifyTotp(secret, current, now, step)) << "replayed within its step";
  EXPECT_TRUE(verifyTotp(secret, totpAt(secret, now - 30), now, std::nullopt)) << "phone 30 s slow";
  EXPECT_TRUE(verifyTotp(secret, totpAt(secret, now + 30), now, std::nullopt)) << "phone 30 s fast";
  EXPECT_FALSE(verifyTotp(secret, totpAt(secret, now - 60), now, std::nullopt));
  EXPECT_FALSE(verifyTotp(secret, totpAt(secret, now + 60), now, std::nullopt));
  EXPECT_FALSE(verifyTotp(secret, totpAt(secret, now - 30), now, step)) << "older than the last step used";
}

TEST(Totp, VerificationRefusesMalformedInput) {
  const auto secret = generateTotpSecret();
  const int64_t now = 1'800'000'000;
  const std::string code = totpAt(secret, now);
  EXPECT_TRUE(verifyTotp(secret, code.substr(0, 3) + " " + code.substr(3), now, std::nullopt));
  EXPECT_FALSE(verifyTotp(secret, code.substr(0, 5), now, std::nullopt));
  EXPECT_FALSE(verifyTotp(secret, code + "0", now, std::nullopt));
  EXPECT_FALSE(verifyTotp(secret, "12a456", now, std::nullopt));
  EXPECT_FALSE(verifyTotp(secret, "", now, std::nullopt));
  EXPECT_FALSE(verifyTotp({}, code, now, std::nullopt));
  EXPECT_FALSE(verifyTotp(secret, std::string(1000, '1'), now, std::nullopt));
}

TEST(Totp, TheUriIsWhatAuthenticatorAppsRead) {
  const auto secret = bytesOf("foobar");
  EXPECT_EQ(totpUri("Diên Hồng", "an.nguyen@bo.gov.vn", secret),
            "otpauth://totp/Di%C3%AAn%20H%E1%BB%93ng:an.nguyen%40bo.gov.vn?secret=MZXW6YTBOI"
            "&issuer=Di%C3%AAn%20H%E1%BB%93ng&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace dienhong::auth
