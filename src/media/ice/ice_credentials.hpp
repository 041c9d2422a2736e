// IceCredentials: the username fragment and password of one ICE session (RFC 8445 §5.3), as
// exchanged in SDP a=ice-ufrag / a=ice-pwd (RFC 8839 §5.4). Generated locally with at least the
// randomness §5.3 demands (24 bits of ufrag, 128 bits of password); remote ones are checked for
// the ice-char grammar and lengths of RFC 8839.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace dienhong::media {

struct IceCredentials {
  // 8 ice-chars = 48 random bits (>= 24, RFC 8445 §5.3; >= 4 chars, RFC 8839 §5.4).
  static constexpr size_t kUfragLength = 8;
  // 24 ice-chars = 144 random bits (>= 128, RFC 8445 §5.3; >= 22 chars, RFC 8839 §5.4).
  static constexpr size_t kPasswordLength = 24;

  std::string ufrag;
  std::string pwd;

  // From OpenSSL's CSPRNG; an error only if the generator fails.
  static Result<IceCredentials> generate();

  // ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.4).
  static bool isIceChars(std::string_view text);
  // ufrag 4..256 and pwd 22..256 ice-chars (RFC 8839 §5.4).
  bool isValid() const;

  bool operator==(const IceCredentials&) const = default;
};

}  // namespace dienhong::media
