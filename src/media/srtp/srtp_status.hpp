// SrtpStatus / UnprotectResult: why an SRTP or SRTCP packet was refused (RFC 3711 §3.3, §3.4),
// as a plain value. Refusals are expected on the receive path (an attacker controls the input),
// so they carry no string and cost no allocation; toError() turns one into the code base's
// Error where a message is wanted, off the packet path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/result.hpp"

namespace dienhong::media {

enum class SrtpStatus : uint8_t {
  kOk,
  kTooShort,     // shorter than a header plus the SRTP trailer of the profile
  kMalformed,    // not version 2, or CSRCs / header extension run past the packet
  kAuthFailed,   // the tag does not verify
  kReplayed,     // this index was already accepted
  kTooOld,       // behind the replay window, or an index that cannot exist under this key
  kStreamLimit,  // a new SSRC when the session already holds its maximum number of streams
};
inline constexpr size_t kSrtpStatusCount = 7;

constexpr std::string_view srtpStatusCode(SrtpStatus status) {
  switch (status) {
    case SrtpStatus::kOk: return "ok";
    case SrtpStatus::kTooShort: return "srtp_too_short";
    case SrtpStatus::kMalformed: return "srtp_malformed";
    case SrtpStatus::kAuthFailed: return "srtp_auth_failed";
    case SrtpStatus::kReplayed: return "srtp_replayed";
    case SrtpStatus::kTooOld: return "srtp_too_old";
    case SrtpStatus::kStreamLimit: return "srtp_stream_limit";
  }
  return "srtp_unknown";
}

inline Error toError(SrtpStatus status) {
  return Error{std::string(srtpStatusCode(status)), "SRTP packet refused"};
}

// The plaintext length on success; otherwise the reason. On failure the buffer's content is
// unspecified (AES-GCM decrypts before it can verify) and must be dropped.
struct [[nodiscard]] UnprotectResult {
  SrtpStatus status = SrtpStatus::kOk;
  size_t length = 0;

  bool ok() const { return status == SrtpStatus::kOk; }
  explicit operator bool() const { return ok(); }
};

}  // namespace dienhong::media
