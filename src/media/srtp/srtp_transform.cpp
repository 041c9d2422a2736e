// SrtpTransform: AES-CM + HMAC-SHA1 (RFC 3711 §3.3, §3.4, §4.1.1, §4.2) and AES-GCM
// (RFC 7714 §8.1, §9.1, §9.2) packet transforms.
#include "media/srtp/srtp_transform.hpp"

#include <algorithm>

#include <openssl/crypto.h>

#include "media/srtp/srtp_index.hpp"
#include "media/srtp/srtp_packet_layout.hpp"

namespace dienhong::media::srtp {

namespace {

constexpr uint32_t kSrtcpEncryptedFlag = 0x80000000u;

void xorBigEndian(uint8_t* at, uint64_t value, size_t octets) {
  for (size_t i = 0; i < octets; ++i) at[octets - 1 - i] ^= static_cast<uint8_t>(value >> (8 * i));
}

std::array<uint8_t, 4> bigEndian32(uint32_t value) {
  return {static_cast<uint8_t>(value >> 24), static_cast<uint8_t>(value >> 16),
          static_cast<uint8_t>(value >> 8), static_cast<uint8_t>(value)};
}

uint32_t readBigEndian32(const uint8_t* at) {
  return (uint32_t{at[0]} << 24) | (uint32_t{at[1]} << 16) | (uint32_t{at[2]} << 8) | at[3];
}

// RFC 3711 §4.1.1: the SSRC on octets 4..7 and the 48-bit index on octets 8..13 of the salt,
// the last two octets being the block counter. SRTCP puts its 31-bit index in the same place.
AesCtr::Iv cmIv(const std::array<uint8_t, 14>& salt, uint32_t ssrc, uint64_t index) {
  AesCtr::Iv iv{};
  std::copy(salt.begin(), salt.end(), iv.begin());
  xorBigEndian(iv.data() + 4, ssrc, 4);
  xorBigEndian(iv.data() + 8, index, 6);
  return iv;
}

// RFC 7714 §8.1: 0x0000 || SSRC || ROC || SEQ, i.e. the 48-bit index on octets 6..11.
AesGcm::Iv gcmRtpIv(const std::array<uint8_t, 12>& salt, uint32_t ssrc, uint64_t index) {
  AesGcm::Iv iv = salt;
  xorBigEndian(iv.data() + 2, ssrc, 4);
  xorBigEndian(iv.data() + 6, index, 6);
  return iv;
}

// RFC 7714 §9.1: 0x0000 || SSRC || 0x0000 || 0 || SRTCP index.
AesGcm::Iv gcmRtcpIv(const std::array<uint8_t, 12>& salt, uint32_t ssrc, uint32_t index) {
  AesGcm::Iv iv = salt;
  xorBigEndian(iv.data() + 2, ssrc, 4);
  xorBigEndian(iv.data() + 8, index, 4);
  return iv;
}

}  // namespace

SrtpTransform::SrtpTransform(SrtpProfile profile, Suite suite)
    : profile_(profile),
      rtpTagLength_(srtpProfileParams(profile).rtpTagLength),
      rtcpTagLength_(srtpProfileParams(profile).rtcpTagLength),
      suite_(std::move(suite)) {}

std::optional<SrtpTransform::CmChannel> SrtpTransform::makeCmChannel(const SrtpSessionKeys& keys) {
  auto cipher = AesCtr::create(keys.encryption());
  if (!cipher) return std::nullopt;
  CmChannel channel{std::move(*cipher), HmacSha1(keys.authentication()), {}};
  std::copy_n(keys.salt.begin(), channel.salt.size(), channel.salt.begin());
  return channel;
}

std::optional<SrtpTransform::GcmChannel> SrtpTransform::makeGcmChannel(
    const SrtpSessionKeys& keys, TransformDirection direction) {
  auto cipher = AesGcm::create(keys.encryption(), direction == TransformDirection::kProtect
                                                      ? AesGcm::Mode::kSeal
                                                      : AesGcm::Mode::kOpen);
  if (!cipher) return std::nullopt;
  GcmChannel channel{std::move(*cipher), {}};
  std::copy_n(keys.salt.begin(), channel.salt.size(), channel.salt.begin());
  return channel;
}

std::optional<SrtpTransform> SrtpTransform::create(const SrtpMasterKey& master,
                                                   TransformDirection direction) {
  auto rtp = deriveSessionKeys(master, SrtpChannel::kRtp);
  auto rtcp = deriveSessionKeys(master, SrtpChannel::kRtcp);
  if (!rtp || !rtcp) return std::nullopt;
  return fromSessionKeys(*rtp, *rtcp, direction);
}

std::optional<SrtpTransform> SrtpTransform::fromSessionKeys(const SrtpSessionKeys& rtp,
                                                            const SrtpSessionKeys& rtcp,
                                                            TransformDirection direction) {
  if (rtp.profile != rtcp.profile) return std::nullopt;
  if (srtpProfileParams(rtp.profile).aead) {
    auto rtpChannel = makeGcmChannel(rtp, direction);
    auto rtcpChannel = makeGcmChannel(rtcp, direction);
    if (!rtpChannel || !rtcpChannel) return std::nullopt;
    return SrtpTransform(rtp.profile, GcmSuite{std::move(*rtpChannel), std::move(*rtcpChannel)});
  }
  auto rtpChannel = makeCmChannel(rtp);
  auto rtcpChannel = makeCmChannel(rtcp);
  if (!rtpChannel || !rtcpChannel) return std::nullopt;
  return SrtpTransform(rtp.profile, CmSuite{std::move(*rtpChannel), std::move(*rtcpChannel)});
}

bool SrtpTransform::protectRtp(std::span<uint8_t> packet, size_t headerLength, uint32_t ssrc,
                               uint64_t index) {
  if (packet.size() < headerLength + rtpTagLength_) return false;
  const size_t length = packet.size() - rtpTagLength_;
  const std::span<uint8_t> payload = packet.subspan(headerLength, length - headerLength);
  const std::span<uint8_t> tag = packet.subspan(length);
  if (auto* cm = std::get_if<CmSuite>(&suite_)) {
    if (!cm->rtp.cipher.apply(cmIv(cm->rtp.salt, ssrc, index), payload)) return false;
    const auto digest = cm->rtp.mac.compute(packet.first(length), bigEndian32(rolloverCounter(index)));
    std::copy_n(digest.begin(), rtpTagLength_, tag.begin());
    return true;
  }
  auto& gcm = std::get<GcmSuite>(suite_);
  return gcm.rtp.cipher.seal(gcmRtpIv(gcm.rtp.salt, ssrc, index), packet.first(headerLength), {},
                             payload, tag.first<AesGcm::kTagLength>());
}

bool SrtpTransform::unprotectRtp(std::span<uint8_t> packet, size_t headerLength, uint32_t ssrc,
                                 uint64_t index) {
  if (packet.size() < headerLength + rtpTagLength_) return false;
  const size_t length = packet.size() - rtpTagLength_;
  const std::span<uint8_t> payload = packet.subspan(headerLength, length - headerLength);
  const std::span<const uint8_t> tag = packet.subspan(length);
  if (auto* cm = std::get_if<CmSuite>(&suite_)) {
    // Authenticate before decrypting (RFC 3711 §3.3 steps 5-6).
    const auto digest = cm->rtp.mac.compute(packet.first(length), bigEndian32(rolloverCounter(index)));
    if (CRYPTO_memcmp(digest.data(), tag.data(), rtpTagLength_) != 0) return false;
    return cm->rtp.cipher.apply(cmIv(cm->rtp.salt, ssrc, index), payload);
  }
  auto& gcm = std::get<GcmSuite>(suite_);
  return gcm.rtp.cipher.open(gcmRtpIv(gcm.rtp.salt, ssrc, index), packet.first(headerLength), {},
                             payload, tag.first<AesGcm::kTagLength>());
}

bool SrtpTransform::protectRtcp(std::span<uint8_t> packet, uint32_t ssrc, uint32_t srtcpIndex) {
  if (packet.size() < kRtcpHeaderLength + rtcpTrailerLength() || srtcpIndex > kSrtcpMaxIndex) {
    return false;
  }
  const size_t length = packet.size() - rtcpTrailerLength();
  const std::span<uint8_t> body = packet.subspan(kRtcpHeaderLength, length - kRtcpHeaderLength);
  const auto word = bigEndian32(kSrtcpEncryptedFlag | srtcpIndex);
  if (auto* cm = std::get_if<CmSuite>(&suite_)) {
    if (!cm->rtcp.cipher.apply(cmIv(cm->rtcp.salt, ssrc, srtcpIndex), body)) return false;
    std::copy(word.begin(), word.end(), packet.begin() + length);
    const auto digest = cm->rtcp.mac.compute(packet.first(length + kSrtcpIndexLength));
    std::copy_n(digest.begin(), rtcpTagLength_, packet.begin() + length + kSrtcpIndexLength);
    return true;
  }
  auto& gcm = std::get<GcmSuite>(suite_);
  if (!gcm.rtcp.cipher.seal(gcmRtcpIv(gcm.rtcp.salt, ssrc, srtcpIndex),
                            packet.first(kRtcpHeaderLength), word, body,
                            packet.subspan(length).first<AesGcm::kTagLength>())) {
    return false;
  }
  std::copy(word.begin(), word.end(), packet.begin() + length + AesGcm::kTagLength);
  return true;
}

uint32_t SrtpTransform::srtcpIndexWord(std::span<const uint8_t> packet) const {
  // AES-CM: ... || E || index || tag. AES-GCM: ... || ciphertext || tag || E || index.
  const size_t offset = std::holds_alternative<CmSuite>(suite_)
                            ? packet.size() - rtcpTagLength_ - kSrtcpIndexLength
                            : packet.size() - kSrtcpIndexLength;
  return readBigEndian32(packet.data() + offset);
}

bool SrtpTransform::unprotectRtcp(std::span<uint8_t> packet, uint32_t ssrc) {
  if (packet.size() < kRtcpHeaderLength + rtcpTrailerLength()) return false;
  const uint32_t word = srtcpIndexWord(packet);
  const bool encrypted = (word & kSrtcpEncryptedFlag) != 0;
  const uint32_t index = word & kSrtcpMaxIndex;
  const size_t length = packet.size() - rtcpTrailerLength();
  const std::span<uint8_t> body = packet.subspan(kRtcpHeaderLength, length - kRtcpHeaderLength);
  if (auto* cm = std::get_if<CmSuite>(&suite_)) {
    const size_t authenticated = length + kSrtcpIndexLength;
    const auto digest = cm->rtcp.mac.compute(packet.first(authenticated));
    if (CRYPTO_memcmp(digest.data(), packet.data() + authenticated, rtcpTagLength_) != 0) {
      return false;
    }
    return !encrypted || cm->rtcp.cipher.apply(cmIv(cm->rtcp.salt, ssrc, index), body);
  }
  auto& gcm = std::get<GcmSuite>(suite_);
  const auto tag = std::span<const uint8_t>(packet).subspan(length).first<AesGcm::kTagLength>();
  const auto wordBytes = std::span<const uint8_t>(packet).subspan(length + AesGcm::kTagLength);
  const AesGcm::Iv iv = gcmRtcpIv(gcm.rtcp.salt, ssrc, index);
  // E = 0 (RFC 7714 §9.2): nothing is encrypted and the whole packet is associated data.
  return encrypted ? gcm.rtcp.cipher.open(iv, packet.first(kRtcpHeaderLength), wordBytes, body, tag)
                   : gcm.rtcp.cipher.open(iv, packet.first(length), wordBytes, {}, tag);
}

}  // namespace dienhong::media::srtp
