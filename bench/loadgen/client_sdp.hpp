// The parts of offers and answers both connections of a simulated endpoint share: our transport
// attributes (ICE credentials, fingerprint, DTLS role, rtcp-mux) and what we need from the
// server's description — its credentials, fingerprint, DTLS role and the host candidate to check.
#pragma once

#include <boost/asio/ip/address.hpp>

#include "common/result.hpp"
#include "loadgen/client_transport.hpp"
#include "media/sdp/session_description.hpp"

namespace dienhong::loadgen {

// The RTP header extension ids of our offers (answers keep them, RFC 8285 §6).
namespace extension_id {
inline constexpr uint8_t kAudioLevel = 1;
inline constexpr uint8_t kTransportCc = 3;
inline constexpr uint8_t kMid = 4;
inline constexpr uint8_t kRid = 10;
inline constexpr uint8_t kRepairedRid = 11;
}  // namespace extension_id

void addLocalTransport(media::sdp::MediaSection& section, const ClientTransport& transport,
                       media::sdp::Setup setup);

// From the first section of the BUNDLE group (or the first section): credentials, fingerprint,
// our DTLS role (the server's setup reversed), our ICE role (`weOffered`, or the server is
// ICE-lite) and a UDP host candidate of the address family of `preferredAddress`, preferring one
// on that very address. Code "sdp_unusable".
Result<RemoteTransport> remoteTransportOf(const media::sdp::SessionDescription& description,
                                          const boost::asio::ip::address& preferredAddress, bool weOffered);

}  // namespace dienhong::loadgen
