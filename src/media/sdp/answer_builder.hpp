// Publisher-connection answer: the browser offers its sendonly audio/video (video usually in
// three rid-simulcast layers) and the SFU answers as an ICE-lite, DTLS-server, receive-only peer.
// RFC 8829 (JSEP) §5.3.1 answer generation, RFC 8843 (BUNDLE), RFC 8853 / RFC 8851 (simulcast,
// rid), RFC 8839 (ICE SDP, ice-lite), RFC 8842 (DTLS setup), RFC 5761 (rtcp-mux), RFC 5506
// (rtcp-rsize), RFC 4588 (RTX), RFC 8285 (extmap), RFC 3264 §6 (rejecting a stream).
#pragma once

#include <cstdint>
#include <vector>

#include "common/result.hpp"
#include "media/sdp/local_transport.hpp"
#include "media/sdp/media_capabilities.hpp"
#include "media/sdp/negotiated_media.hpp"
#include "media/sdp/session_description.hpp"

namespace dienhong::media::sdp {

struct AnswerParams {
  LocalTransport transport;
  MediaCapabilities capabilities = MediaCapabilities::defaults();
  uint64_t sessionId = 1;       // o= line (RFC 8866 §5.2); JSEP §5.3.1 wants a random 62-bit value
  uint64_t sessionVersion = 1;  // +1 for each answer in the same session
};

struct Answer {
  SessionDescription description;
  std::vector<NegotiatedMedia> media;  // accepted sections only, in m= line order
  RemoteTransport remote;              // the browser's side of the BUNDLE transport
};

// Every offered m= line is answered, in order. A line the SFU cannot use (data channel, unknown
// protocol, no common codec, outside the BUNDLE group) is rejected with port 0 — not an error.
// Errors (code "sdp_unsupported", or "invalid_sdp" for an inconsistent offer) are offers no
// answer can make work: no BUNDLE group, missing ICE credentials or fingerprint, no rtcp-mux,
// a DTLS role other than client for the browser, an ICE-lite browser, missing or duplicate mids.
// Bad params give "invalid_argument".
Result<Answer> buildAnswer(const SessionDescription& offer, const AnswerParams& params);

}  // namespace dienhong::media::sdp
