// Fuzz target: arbitrary datagrams into a server-side DtlsTransport, as an attacker on the media
// port would send them. Properties: no crash or out-of-bounds read, and no "connected" state —
// random bytes can never complete a handshake and yield SRTP keys.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "media/dtls/dtls_transport.hpp"

using namespace dienhong::media;  // NOLINT(google-build-using-namespace)

namespace {

std::shared_ptr<DtlsContext> context() {
  static std::shared_ptr<DtlsContext> shared = [] {
    auto cert = DtlsCertificate::generate();
    if (!cert) std::abort();
    auto made = DtlsContext::create(cert.value());
    if (!made) std::abort();
    return made.value();
  }();
  return shared;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bool connected = false;
  auto transport = DtlsTransport::create(
      context(), DtlsRole::Server,
      {[](std::span<const uint8_t>) {}, [&](const SrtpKeyingMaterial&) { connected = true; }, {}, {}});
  if (!transport) std::abort();
  (void)transport.value()->setRemoteFingerprint(
      "sha-256", "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF");
  // The input may hold several datagrams: a length byte, then that many bytes, repeatedly.
  std::span<const uint8_t> rest(data, size);
  while (!rest.empty()) {
    const size_t length = std::min<size_t>(rest[0] * 8u + 13u, rest.size() - 1);
    transport.value()->receive(rest.subspan(1, length), DtlsTransport::Clock::now());
    rest = rest.subspan(1 + length);
  }
  if (connected || transport.value()->state() == DtlsState::Connected) std::abort();
  return 0;
}
