// SrtpSession: one send and one receive SRTP context (RFC 3711 §3.2) of a DTLS-SRTP association.
#include "media/srtp/srtp_session.hpp"

namespace dienhong::media {

Result<SrtpSession> SrtpSession::create(const SrtpMasterKey& local, const SrtpMasterKey& remote,
                                        SrtpSessionOptions options) {
  if (local.profile() != remote.profile()) {
    return Error{"srtp_profile_mismatch", "local and remote SRTP keys belong to different profiles"};
  }
  auto send = SrtpSendContext::create(local, options.maxSendStreams, options.allowResend);
  auto receive = SrtpReceiveContext::create(remote, options.maxReceiveStreams);
  if (!send || !receive) return Error{"srtp_crypto_init", "OpenSSL could not set up the SRTP keys"};
  return SrtpSession(std::move(*send), std::move(*receive));
}

}  // namespace dienhong::media
