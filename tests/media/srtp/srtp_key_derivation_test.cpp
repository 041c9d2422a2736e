// Key derivation against RFC 3711 Appendix B.3 and RFC 6188 §7.2; profiles and master keys.
#include "media/srtp/srtp_key_derivation.hpp"

#include <gtest/gtest.h>

#include "srtp_test_util.hpp"

namespace dienhong::media {
namespace {

using srtp::deriveSessionKeys;
using srtp::deriveSrtpKey;
using srtp::KdfLabel;
using srtp::SrtpChannel;
using test::Bytes;
using test::hex;

const Bytes kB3MasterKey = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
const Bytes kB3MasterSalt = hex("0EC675AD498AFEEBB6960B3AABE6");

Bytes derive(const Bytes& key, const Bytes& salt, KdfLabel label, size_t length) {
  Bytes out(length);
  EXPECT_TRUE(deriveSrtpKey(key, salt, label, out));
  return out;
}

TEST(SrtpKeyDerivation, Rfc3711B3CipherKeyAndSalt) {
  EXPECT_EQ(derive(kB3MasterKey, kB3MasterSalt, KdfLabel::kRtpEncryption, 16),
            hex("C61E7A93744F39EE10734AFE3FF7A087"));
  EXPECT_EQ(derive(kB3MasterKey, kB3MasterSalt, KdfLabel::kRtpSalt, 14),
            hex("30CBBC08863D8C85D49DB34A9AE1"));
}

TEST(SrtpKeyDerivation, Rfc3711B3AuthKeyAcrossSeveralBlocks) {
  // B.3 lists 94 octets of the authentication key stream, six AES blocks.
  EXPECT_EQ(derive(kB3MasterKey, kB3MasterSalt, KdfLabel::kRtpAuthentication, 94),
            hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA48F0A0ACF3C34E2359E6CDBCE"
                "E049646C43D9327AD175578EF72270986371C10C9A369AC2F94A8C5FBCDDDC25"
                "6D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2"));
}

TEST(SrtpKeyDerivation, SessionKeysOfAes128CmProfileMatchB3) {
  const auto master = SrtpMasterKey::create(SrtpProfile::kAes128CmHmacSha1_80, kB3MasterKey, kB3MasterSalt);
  ASSERT_TRUE(master);
  const auto keys = deriveSessionKeys(*master, SrtpChannel::kRtp);
  ASSERT_TRUE(keys);
  EXPECT_EQ(Bytes(keys->encryption().begin(), keys->encryption().end()),
            hex("C61E7A93744F39EE10734AFE3FF7A087"));
  EXPECT_EQ(Bytes(keys->authentication().begin(), keys->authentication().end()),
            hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"));
  EXPECT_EQ(Bytes(keys->sessionSalt().begin(), keys->sessionSalt().end()),
            hex("30CBBC08863D8C85D49DB34A9AE1"));
}

TEST(SrtpKeyDerivation, SrtcpLabelsGiveDistinctKeys) {
  // SRTCP keys of the B.3 master key (labels 3, 4, 5 of §4.3.2), as other implementations
  // publish them; libsrtp2 agrees on them through the SRTCP oracle tests.
  const auto master = SrtpMasterKey::create(SrtpProfile::kAes128CmHmacSha1_80, kB3MasterKey, kB3MasterSalt);
  ASSERT_TRUE(master);
  const auto keys = deriveSessionKeys(*master, SrtpChannel::kRtcp);
  ASSERT_TRUE(keys);
  EXPECT_EQ(Bytes(keys->encryption().begin(), keys->encryption().end()),
            hex("4c1aa45a81f73d61c800bbb00fbb1eaa"));
  EXPECT_EQ(Bytes(keys->authentication().begin(), keys->authentication().end()),
            hex("8d54534feb49ae8e7993a6bd0b844fc323a93dfd"));
  EXPECT_EQ(Bytes(keys->sessionSalt().begin(), keys->sessionSalt().end()),
            hex("9581c7ad87b3e530bf3e4454a8b3"));
}

TEST(SrtpKeyDerivation, Rfc6188Aes256Prf) {
  const Bytes key = hex("F0F04914B513F2763A1B1FA130F10E2998F6F6E43E4309D1E622A0E332B9F1B6");
  const Bytes salt = hex("3B04803DE51EE7C96423AB5B78D2");
  EXPECT_EQ(derive(key, salt, KdfLabel::kRtpEncryption, 32),
            hex("5BA1064E30EC51613CAD926C5A28EF731EC7FB397F70A960653CAF06554CD8C4"));
  EXPECT_EQ(derive(key, salt, KdfLabel::kRtpSalt, 14), hex("FA31791685CA444A9E07C6C64E93"));
}

TEST(SrtpKeyDerivation, RejectsBadLengths) {
  Bytes out(16);
  EXPECT_FALSE(deriveSrtpKey(hex("00112233"), kB3MasterSalt, KdfLabel::kRtpEncryption, out));
  EXPECT_FALSE(deriveSrtpKey(kB3MasterKey, Bytes(15), KdfLabel::kRtpEncryption, out));
}

TEST(SrtpMasterKeyTest, RequiresTheProfileLengths) {
  EXPECT_TRUE(SrtpMasterKey::create(SrtpProfile::kAes128CmHmacSha1_80, Bytes(16), Bytes(14)));
  EXPECT_FALSE(SrtpMasterKey::create(SrtpProfile::kAes128CmHmacSha1_80, Bytes(16), Bytes(12)));
  EXPECT_TRUE(SrtpMasterKey::create(SrtpProfile::kAeadAes128Gcm, Bytes(16), Bytes(12)));
  EXPECT_FALSE(SrtpMasterKey::create(SrtpProfile::kAeadAes128Gcm, Bytes(16), Bytes(14)));
  EXPECT_TRUE(SrtpMasterKey::create(SrtpProfile::kAeadAes256Gcm, Bytes(32), Bytes(12)));
  EXPECT_FALSE(SrtpMasterKey::create(SrtpProfile::kAeadAes256Gcm, Bytes(16), Bytes(12)));
}

TEST(SrtpProfileTest, DtlsIdsAndNamesOfRfc5764AndRfc7714) {
  EXPECT_EQ(srtpProfileFromDtlsId(0x0001), SrtpProfile::kAes128CmHmacSha1_80);
  EXPECT_EQ(srtpProfileFromDtlsId(0x0002), SrtpProfile::kAes128CmHmacSha1_32);
  EXPECT_EQ(srtpProfileFromDtlsId(0x0007), SrtpProfile::kAeadAes128Gcm);
  EXPECT_EQ(srtpProfileFromDtlsId(0x0008), SrtpProfile::kAeadAes256Gcm);
  EXPECT_EQ(srtpProfileFromDtlsId(0x0005), std::nullopt);  // NULL cipher: never
  EXPECT_EQ(srtpProfileFromName("SRTP_AEAD_AES_128_GCM"), SrtpProfile::kAeadAes128Gcm);
  EXPECT_EQ(srtpProfileFromName("SRTP_AES128_CM_SHA1_32"), SrtpProfile::kAes128CmHmacSha1_32);
  EXPECT_EQ(srtpProfileFromName("SRTP_NULL_SHA1_80"), std::nullopt);
  // RFC 5764 §4.1.2: the _32 profile shortens the SRTP tag only.
  EXPECT_EQ(srtpProfileParams(SrtpProfile::kAes128CmHmacSha1_32).rtpTagLength, 4u);
  EXPECT_EQ(srtpProfileParams(SrtpProfile::kAes128CmHmacSha1_32).rtcpTagLength, 10u);
}

}  // namespace
}  // namespace dienhong::media
