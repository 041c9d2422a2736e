// Random secrets and their digests: session tokens, CSRF tokens, ids, one-time passwords.
#pragma once

#include <string>
#include <string_view>

namespace dienhong::auth {

// `bytes` random bytes, base64url without padding.
std::string randomToken(size_t bytes = 32);
// `bytes` random bytes as lowercase hex, for identifiers that must be unguessable but readable.
std::string randomHex(size_t bytes);
// Hex SHA-256; sessions are stored under the digest of their token, never the token.
std::string sha256Hex(std::string_view data);
bool constantTimeEquals(std::string_view a, std::string_view b);
// A one-time password that satisfies the default PasswordPolicy: 20 characters from an
// alphabet without look-alikes (no 0/O, 1/l/I), at least one of each class.
std::string oneTimePassword();

}  // namespace dienhong::auth
