// The hashes behind STUN message integrity: HMAC-SHA1 for MESSAGE-INTEGRITY (RFC 8489 §14.5),
// HMAC-SHA256 for MESSAGE-INTEGRITY-SHA256 (§14.6), the MD5 long-term key (§9.2.2) and a
// constant-time comparison. The HMACs take the message as a list of pieces so that callers can
// splice in the adjusted length field without copying the message.
//
// Per-packet cost matters here (every consent check is authenticated), and OpenSSL 3.0's EVP
// digest and MAC contexts allocate on every (re)initialisation (measured: one allocation per
// EVP_DigestInit_ex2 on a reused context, two per EVP_MAC_init). The HMACs therefore run on
// OpenSSL's one-shot SHA1_* / SHA256_* functions over stack state, which never allocate; see
// stun_crypto.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

namespace dienhong::media {

using Sha1Digest = std::array<uint8_t, 20>;
using Sha256Digest = std::array<uint8_t, 32>;
using Md5Digest = std::array<uint8_t, 16>;

// HMAC (RFC 2104) of the concatenation of `pieces` under `key` (any length).
Sha1Digest hmacSha1(std::span<const uint8_t> key,
                    std::initializer_list<std::span<const uint8_t>> pieces);
Sha256Digest hmacSha256(std::span<const uint8_t> key,
                        std::initializer_list<std::span<const uint8_t>> pieces);

// The long-term credential key MD5(username ":" realm ":" password) of RFC 8489 §9.2.2. The
// caller passes strings already processed by OpaqueString (RFC 8265); none is applied here.
Md5Digest stunLongTermKey(std::string_view username, std::string_view realm,
                          std::string_view password);

// Equal sizes and equal bytes, in time that depends only on the size.
bool constantTimeEqual(std::span<const uint8_t> a, std::span<const uint8_t> b);

inline std::span<const uint8_t> asBytes(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

}  // namespace dienhong::media
