// SrtpTransform: the cryptographic transform of one direction of an SRTP session, for both SRTP
// and SRTCP, once the packet index is known — the per-packet half of RFC 3711 §3.3 / §3.4:
//  - AES-CM + HMAC-SHA1 (RFC 3711 §4.1.1, §4.2): IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR
//    (i * 2^16); the tag is HMAC(k_a, authenticated portion || ROC), truncated; SRTCP appends
//    E || index before the tag and authenticates it.
//  - AEAD_AES_128/256_GCM (RFC 7714 §8, §9): IV = (0 || SSRC || ROC || SEQ) XOR salt for SRTP,
//    (0 || SSRC || 0 || index) XOR salt for SRTCP; the header (SRTCP: header || E || index) is
//    the associated data; the 16-octet tag follows the ciphertext and precedes E || index.
// Index estimation, replay protection and per-SSRC state live in the send/receive contexts.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <variant>

#include "media/srtp/aes_ctr.hpp"
#include "media/srtp/aes_gcm.hpp"
#include "media/srtp/hmac_sha1.hpp"
#include "media/srtp/srtp_key_derivation.hpp"

namespace dienhong::media::srtp {

enum class TransformDirection : uint8_t { kProtect, kUnprotect };

class SrtpTransform {
 public:
  // Derives the SRTP and SRTCP session keys from the master key (RFC 3711 §4.3).
  static std::optional<SrtpTransform> create(const SrtpMasterKey& master,
                                             TransformDirection direction);
  // From session keys directly, as the RFC 7714 test vectors give them.
  static std::optional<SrtpTransform> fromSessionKeys(const SrtpSessionKeys& rtp,
                                                      const SrtpSessionKeys& rtcp,
                                                      TransformDirection direction);

  SrtpProfile profile() const { return profile_; }
  size_t rtpTagLength() const { return rtpTagLength_; }
  // E || SRTCP index plus the SRTCP tag.
  size_t rtcpTrailerLength() const { return kSrtcpIndexLength + rtcpTagLength_; }

  // packet: [0, headerLength) RTP header, then payload up to packet.size() - rtpTagLength(),
  // then room for the tag. Encrypts the payload and writes the tag.
  bool protectRtp(std::span<uint8_t> packet, size_t headerLength, uint32_t ssrc, uint64_t index);
  // packet: a whole SRTP packet, tag included. Verifies the tag, then decrypts the payload.
  bool unprotectRtp(std::span<uint8_t> packet, size_t headerLength, uint32_t ssrc, uint64_t index);

  // packet: an RTCP compound packet, then room for rtcpTrailerLength() octets. Encrypts
  // everything after the first 8 octets (E = 1) and writes E || index and the tag.
  bool protectRtcp(std::span<uint8_t> packet, uint32_t ssrc, uint32_t srtcpIndex);
  // The E || index word of an SRTCP packet of at least rtcpTrailerLength() octets.
  uint32_t srtcpIndexWord(std::span<const uint8_t> packet) const;
  // packet: a whole SRTCP packet. Verifies the tag; decrypts if E is set.
  bool unprotectRtcp(std::span<uint8_t> packet, uint32_t ssrc);

 private:
  struct CmChannel {
    AesCtr cipher;
    HmacSha1 mac;
    std::array<uint8_t, 14> salt;
  };
  struct GcmChannel {
    AesGcm cipher;
    std::array<uint8_t, 12> salt;
  };
  struct CmSuite {
    CmChannel rtp;
    CmChannel rtcp;
  };
  struct GcmSuite {
    GcmChannel rtp;
    GcmChannel rtcp;
  };
  using Suite = std::variant<CmSuite, GcmSuite>;

  SrtpTransform(SrtpProfile profile, Suite suite);

  static std::optional<CmChannel> makeCmChannel(const SrtpSessionKeys& keys);
  static std::optional<GcmChannel> makeGcmChannel(const SrtpSessionKeys& keys,
                                                  TransformDirection direction);

  SrtpProfile profile_;
  size_t rtpTagLength_;
  size_t rtcpTagLength_;
  Suite suite_;
};

}  // namespace dienhong::media::srtp
