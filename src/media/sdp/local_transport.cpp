#include "media/sdp/local_transport.hpp"

#include <fmt/format.h>

namespace dienhong::media::sdp {
namespace {

// RFC 8839 §5.4 ice-char = ALPHA / DIGIT / "+" / "/"
bool isIceChars(std::string_view text, size_t min, size_t max) {
  if (text.size() < min || text.size() > max) return false;
  for (char c : text) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' || c == '/';
    if (!ok) return false;
  }
  return true;
}

std::string connectionFor(std::string_view ip) {
  return fmt::format("IN {} {}", ip.find(':') != std::string_view::npos ? "IP6" : "IP4", ip);
}

}  // namespace

std::string candidateValue(const HostCandidate& c) {
  if (c.protocol == CandidateProtocol::TcpPassive) {
    return fmt::format("{} 1 tcp {} {} {} typ host tcptype passive", c.foundation, c.priority, c.ip, c.port);
  }
  return fmt::format("{} 1 udp {} {} {} typ host", c.foundation, c.priority, c.ip, c.port);
}

Result<void> validate(const LocalTransport& t) {
  if (!isIceChars(t.iceUfrag, 4, 256)) return Error{"invalid_argument", "ICE ufrag must be 4–256 ice-chars"};
  if (!isIceChars(t.icePwd, 22, 256)) return Error{"invalid_argument", "ICE password must be 22–256 ice-chars"};
  // SHA-256 is 32 bytes: 32 hex pairs and 31 colons.
  if (t.fingerprintSha256.size() != 95) return Error{"invalid_argument", "fingerprint must be a SHA-256 hex:pair list"};
  for (const auto& c : t.candidates) {
    if (c.ip.empty() || c.port == 0 || !isIceChars(c.foundation, 1, 32)) {
      return Error{"invalid_argument", fmt::format("candidate {} {} is not writable", c.ip, c.port)};
    }
  }
  return success();
}

void writeLocalTransport(MediaSection& m, const LocalTransport& t, Setup setup) {
  // The default destination (RFC 8839 §4.2.1.2) is the first UDP candidate; with none, the
  // "no default" values of JSEP §5.2.1 (port 9, 0.0.0.0).
  m.port = 9;
  m.connection = "IN IP4 0.0.0.0";
  for (const auto& c : t.candidates) {
    if (c.protocol == CandidateProtocol::Udp) {
      m.port = c.port;
      m.connection = connectionFor(c.ip);
      break;
    }
  }
  m.iceUfrag = t.iceUfrag;
  m.icePwd = t.icePwd;
  m.fingerprint = Fingerprint{"sha-256", t.fingerprintSha256};
  m.setup = setup;
  m.rtcpMux = true;
  m.candidates.clear();
  for (const auto& c : t.candidates) m.candidates.push_back(candidateValue(c));
  // An ICE-lite agent has all its candidates up front (RFC 8838 §8.2 end-of-candidates).
  m.otherAttributes.push_back({"end-of-candidates", "", false});
}

MediaSection rejectedSection(const MediaSection& like) {
  MediaSection m;
  m.kind = like.kind;
  m.kindName = like.kindName;
  m.port = 0;
  m.protocol = like.protocol;
  // RFC 8866 §5.14 needs at least one format; any of the offer's will do (JSEP §5.3.1).
  if (!like.formats.empty()) m.formats.push_back(like.formats.front());
  else m.formats.push_back("0");
  m.connection = "IN IP4 0.0.0.0";
  m.mid = like.mid;
  return m;
}

}  // namespace dienhong::media::sdp
