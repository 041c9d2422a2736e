#include "loadgen/client_sdp.hpp"

#include <sstream>

#include <fmt/format.h>

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
  // Our one host candidate, complete: an ICE-lite server learns our address from the checks
  // anyway, but a full agent such as Janus checks toward it (and would wait for trickle).
  const auto local = transport.localEndpoint();
  const bool v4 = local.address().is_v4();
  section.connection = std::string(v4 ? "IN IP4 " : "IN IP6 ") + local.address().to_string();
  section.port = local.port();
  section.candidates = {fmt::format("1 1 udp 2122260223 {} {} typ host", local.address().to_string(), local.port())};
  section.otherAttributes.push_back({"end-of-candidates", "", false});
}

Result<RemoteTransport> remoteTransportOf(const sdp::SessionDescription& description,
                                          const asio::ip::address& preferredAddress, bool weOffered) {
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
  remote.iceControlling = weOffered || description.iceLite;

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
