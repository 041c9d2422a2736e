// LibsrtpPeer: one direction of libsrtp2 (Debian's NSS build), the oracle our SRTP/SRTCP is
// checked against in the tests and the baseline of bench/srtp. Configured from the same master
// key and salt and the same DTLS-SRTP profile id (srtp_crypto_policy_set_from_profile_*), so
// that key derivation and the RTCP tag length of each profile are checked independently too.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <vector>

#include <srtp2/srtp.h>

#include "media/srtp/srtp_master_key.hpp"

namespace dienhong::media::test {

class LibsrtpPeer {
 public:
  enum class Direction { kOutbound, kInbound };

  LibsrtpPeer(const SrtpMasterKey& master, Direction direction, unsigned long windowSize = 1024) {
    static const bool initialised = srtp_init() == srtp_err_status_ok;
    if (!initialised) throw std::runtime_error("srtp_init failed");
    const auto id = static_cast<srtp_profile_t>(srtpProfileParams(master.profile()).dtlsId);
    keyAndSalt_.assign(master.key().begin(), master.key().end());
    keyAndSalt_.insert(keyAndSalt_.end(), master.salt().begin(), master.salt().end());
    srtp_policy_t policy{};
    if (srtp_crypto_policy_set_from_profile_for_rtp(&policy.rtp, id) != srtp_err_status_ok ||
        srtp_crypto_policy_set_from_profile_for_rtcp(&policy.rtcp, id) != srtp_err_status_ok) {
      throw std::runtime_error("libsrtp2 does not know this profile");
    }
    policy.ssrc.type = direction == Direction::kOutbound ? ssrc_any_outbound : ssrc_any_inbound;
    policy.key = keyAndSalt_.data();
    policy.window_size = windowSize;
    policy.allow_repeat_tx = 1;
    if (srtp_create(&session_, &policy) != srtp_err_status_ok) {
      throw std::runtime_error("srtp_create failed");
    }
  }
  ~LibsrtpPeer() { srtp_dealloc(session_); }
  LibsrtpPeer(const LibsrtpPeer&) = delete;
  LibsrtpPeer& operator=(const LibsrtpPeer&) = delete;

  // buffer[0, length) plain; buffer must have SRTP_MAX_TRAILER_LEN spare octets.
  std::optional<size_t> protectRtp(std::span<uint8_t> buffer, size_t length) {
    return run(srtp_protect, buffer, length, true);
  }
  std::optional<size_t> protectRtcp(std::span<uint8_t> buffer, size_t length) {
    return run(srtp_protect_rtcp, buffer, length, true);
  }
  std::optional<size_t> unprotectRtp(std::span<uint8_t> buffer, size_t length) {
    return run(srtp_unprotect, buffer, length, false);
  }
  std::optional<size_t> unprotectRtcp(std::span<uint8_t> buffer, size_t length) {
    return run(srtp_unprotect_rtcp, buffer, length, false);
  }

  srtp_err_status_t lastStatus() const { return status_; }

 private:
  template <class F>
  std::optional<size_t> run(F function, std::span<uint8_t> buffer, size_t length, bool grows) {
    if (length > buffer.size() || (grows && buffer.size() - length < SRTP_MAX_TRAILER_LEN)) {
      return std::nullopt;
    }
    int len = static_cast<int>(length);
    status_ = function(session_, buffer.data(), &len);
    if (status_ != srtp_err_status_ok) return std::nullopt;
    return static_cast<size_t>(len);
  }

  srtp_t session_ = nullptr;
  std::vector<uint8_t> keyAndSalt_;
  srtp_err_status_t status_ = srtp_err_status_ok;
};

}  // namespace dienhong::media::test
