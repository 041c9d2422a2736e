// LocalTransport: the server's side of the one BUNDLE transport as written into every answer and
// offer — ICE-lite credentials and host candidates (RFC 8839 §5, RFC 6544 §4.5 for passive TCP),
// the DTLS certificate fingerprint and role (RFC 8842 §5).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "media/sdp/session_description.hpp"

namespace dienhong::media::sdp {

enum class CandidateProtocol { Udp, TcpPassive };

struct HostCandidate {
  std::string foundation;  // ICE token, e.g. "1"
  std::string ip;          // literal IPv4 or IPv6 address
  uint16_t port = 0;       // for TCP: the listening port (RFC 6544 §4.5)
  CandidateProtocol protocol = CandidateProtocol::Udp;
  uint32_t priority = 0;   // RFC 8445 §5.1.2
};

struct LocalTransport {
  std::string iceUfrag;  // RFC 8839 §5.4: 4–256 ice-chars
  std::string icePwd;    // 22–256 ice-chars
  std::string fingerprintSha256;  // "AB:CD:…" of our DTLS certificate
  std::vector<HostCandidate> candidates;
};

// "<foundation> 1 udp <priority> <ip> <port> typ host" (+ " tcptype passive" for TCP): the value
// of an a=candidate line (RFC 8839 §5.1). Component is always 1: rtcp-mux is required.
std::string candidateValue(const HostCandidate& candidate);

// Error "invalid_argument" when the credentials or fingerprint could not be written legally.
Result<void> validate(const LocalTransport& transport);

// Writes port, c=, ICE, DTLS, rtcp-mux and candidates into a section that uses the transport.
// Every bundled section gets them, as JSEP §5.2.1 / §5.3.1 write them: Chromium, Firefox and
// Safari all read them there, and a section never depends on which one is the BUNDLE tag.
void writeLocalTransport(MediaSection& section, const LocalTransport& transport, Setup setup);

// A rejected section (port 0, RFC 3264 §6 / JSEP §5.3.1): kind, protocol, one format and the mid.
MediaSection rejectedSection(const MediaSection& like);

}  // namespace dienhong::media::sdp
