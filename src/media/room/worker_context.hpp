// WorkerContext: what every room on one media worker shares — the worker's transport registry
// (its UDP port and ICE-TCP listener), the DTLS certificate, the host candidates announced in
// SDP, the codec capabilities and the router settings. Owned by the media service; rooms hold
// a reference and use it on the worker's thread only.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <memory>
#include <vector>

#include "media/dtls/dtls_transport.hpp"
#include "media/sdp/local_transport.hpp"
#include "media/sdp/media_capabilities.hpp"
#include "media/sfu/router.hpp"
#include "media/transport/transport_registry.hpp"
#include "media/transport/webrtc_transport.hpp"

namespace dienhong::media {

struct WorkerContext {
  WorkerContext(TransportRegistry& r, std::shared_ptr<DtlsContext> d, std::vector<sdp::HostCandidate> c)
      : registry(r), dtls(std::move(d)), candidates(std::move(c)) {}

  TransportRegistry& registry;
  std::shared_ptr<DtlsContext> dtls;
  std::vector<sdp::HostCandidate> candidates;
  sdp::MediaCapabilities capabilities = sdp::MediaCapabilities::defaults();
  RouterConfig router;
  WebRtcTransport::Options transport;
  // A participant whose signalling dropped keeps its media this long, waiting for a resume.
  std::chrono::seconds resumeGrace{30};
  size_t maxParticipantsPerRoom = 100;
  // Called on the worker whenever a participant leaves a room, whatever the reason (left,
  // removed, grace period over, media failed, room closed), so the meeting layer can follow.
  std::function<void(const std::string& roomId, const std::string& participantId, std::string_view reason)>
      participantLeft;
};

}  // namespace dienhong::media
