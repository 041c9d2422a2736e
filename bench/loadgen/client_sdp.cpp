#include "loadgen/client_sdp.hpp"

#include <sstream>

namespace dienhong::loadgen {
namespace {

namespace asio = boost::asio;
namespace sdp = media::sdp;

Error unusable(std::string message) { return Error{"sdp_unusable", std::move(message)}; }

struct Candidate {
  asio::ip::address address;
  uint16_t port = 0;
};

// "foundation component transport priority address port typ type ..." (RFC 8839 §5.1).
std::optional<Candidate> udpHostCandidate(const std::string& value) {
  std::istringstream in(value);
  std::string foundation, component, transport, priority, address, port, typ, type;
  if (!(in >> foundation >> component >> transport >> priority >> address >> port >> typ >> type)) return std::nullopt;
  if (component != "1" || (transport != "udp" && transport != "UDP") || typ != "typ" || type != "host") {
    return std::nullopt;
  }
  boost::system::error_code error;
  const auto parsed = asio::ip::make_address(address, error);
  if (error) return std::nullopt;
  try {
    const int number = std::stoi(port);
    if (number <= 0 || number > 65535) return std::nullopt;
    return Candidate{parsed, static_cast<uint16_t>(number)};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

void addLocalTransport(sdp::MediaSection& section, const ClientTransport& transport, sdp::Setup setup) {
  section.iceUfrag = transport.iceCredentials().ufrag;
  section.icePwd = transport.iceCredentials().pwd;
  section.fingerprint = sdp::Fingerprint{"sha-256", transport.fingerprint()};
  section.setup = setup;
  section.rtcpMux = true;
  section.rtcpRsize = true;
  section.connection = "IN IP4 0.0.0.0";
  // No candidates: the server learns our address from the checks (peer-reflexive), as it does
  // from a browser that does not trickle.
}

Result<RemoteTransport> remoteTransportOf(const sdp::SessionDescription& description,
                                          const asio::ip::address& preferredAddress) {
  if (description.media.empty()) return unusable("no m= section");
  const sdp::MediaSection* tagged = &description.media.front();
  if (!description.bundleMids.empty()) {
    for (const auto& m : description.media) {
      if (m.mid && *m.mid == description.bundleMids.front()) tagged = &m;
    }
  }
  RemoteTransport remote;
  const auto ufrag = description.iceUfragOf(*tagged);
  const auto pwd = description.icePwdOf(*tagged);
  const auto fingerprint = description.fingerprintOf(*tagged);
  if (!ufrag || !pwd) return unusable("no ICE credentials");
  if (!fingerprint) return unusable("no DTLS fingerprint");
  remote.iceUfrag = *ufrag;
  remote.icePwd = *pwd;
  remote.fingerprintAlgorithm = fingerprint->algorithm;
  remote.fingerprint = fingerprint->value;
  const auto setup = tagged->setup ? tagged->setup : description.setup;
  // RFC 8842: their passive (or actpass, when they offered) makes us the DTLS client.
  remote.localRole = setup == sdp::Setup::Active ? media::DtlsRole::Server : media::DtlsRole::Client;

  std::optional<Candidate> chosen;
  for (const auto& m : description.media) {
    for (const auto& line : m.candidates) {
      const auto candidate = udpHostCandidate(line);
      if (!candidate || candidate->address.is_v4() != preferredAddress.is_v4()) continue;
      if (candidate->address == preferredAddress) {
        chosen = candidate;
        break;
      }
      if (!chosen) chosen = candidate;
    }
    if (chosen && chosen->address == preferredAddress) break;
  }
  if (!chosen) return unusable("no UDP host candidate of our address family");
  remote.candidate = asio::ip::udp::endpoint(chosen->address, chosen->port);
  return remote;
}

}  // namespace dienhong::loadgen
