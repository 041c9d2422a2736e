#include "media/dtls/dtls_transport.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include <openssl/err.h>

namespace dienhong::media {
namespace {

constexpr const char* kCiphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
    "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305";
constexpr size_t kDtlsRecordHeader = 13;

// WebRTC authenticates the peer by the SDP fingerprint, not by a CA: accept the chain here and
// compare the fingerprint once the handshake is done.
int acceptAnyCertificate(int, X509_STORE_CTX*) { return 1; }

std::string opensslError() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown DTLS error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

const EVP_MD* digestFor(std::string_view algorithm) {
  std::string lower(algorithm);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "sha-256") return EVP_sha256();
  if (lower == "sha-384") return EVP_sha384();
  if (lower == "sha-512") return EVP_sha512();
  if (lower == "sha-1") return EVP_sha1();
  return nullptr;
}

bool validFingerprint(std::string_view value, const EVP_MD* md) {
  const size_t bytes = static_cast<size_t>(EVP_MD_get_size(md));
  if (value.size() != bytes * 3 - 1) return false;
  for (size_t i = 0; i < value.size(); ++i) {
    const bool ok = (i % 3 == 2) ? value[i] == ':' : std::isxdigit(static_cast<unsigned char>(value[i])) != 0;
    if (!ok) return false;
  }
  return true;
}

BIO_METHOD* datagramSinkMethod();

}  // namespace

// ---- DtlsContext --------------------------------------------------------------------------

Result<std::shared_ptr<DtlsContext>> DtlsContext::create(
    std::shared_ptr<const DtlsCertificate> certificate) {
  SSL_CTX* ctx = SSL_CTX_new(DTLS_method());
  if (ctx == nullptr) return Error{"dtls_error", opensslError()};
  std::shared_ptr<DtlsContext> context(new DtlsContext(ctx, std::move(certificate)));
  SSL_CTX_set_min_proto_version(ctx, DTLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_QUERY_MTU | SSL_OP_NO_TICKET | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_read_ahead(ctx, 1);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, acceptAnyCertificate);
  if (SSL_CTX_use_certificate(ctx, context->certificate_->certificate()) != 1 ||
      SSL_CTX_use_PrivateKey(ctx, context->certificate_->privateKey()) != 1 ||
      SSL_CTX_check_private_key(ctx) != 1 || SSL_CTX_set_cipher_list(ctx, kCiphers) != 1 ||
      SSL_CTX_set1_groups_list(ctx, "X25519:P-256:P-384") != 1 ||
      // Best first: AES-GCM is both faster and authenticates the header. 0 is success here.
      SSL_CTX_set_tlsext_use_srtp(ctx, std::string(kSrtpDtlsProfilePreference).c_str()) != 0) {
    return Error{"dtls_error", opensslError()};
  }
  return context;
}

DtlsContext::~DtlsContext() { SSL_CTX_free(ctx_); }

// ---- DtlsTransport ------------------------------------------------------------------------

namespace {

// Each BIO_write of the DTLS layer is one datagram: handing them out one by one keeps records
// within the MTU, which a memory BIO read in bulk would not.
BIO_METHOD* datagramSinkMethod() {
  static BIO_METHOD* method = [] {
    BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "dienhong-dtls-out");
    BIO_meth_set_create(m, [](BIO* bio) {
      BIO_set_init(bio, 1);
      return 1;
    });
    return m;
  }();
  return method;
}

}  // namespace

DtlsTransport::DtlsTransport(std::shared_ptr<DtlsContext> context, DtlsRole role,
                             Callbacks callbacks, Options options)
    : context_(std::move(context)), role_(role), callbacks_(std::move(callbacks)), options_(options) {}

Result<std::unique_ptr<DtlsTransport>> DtlsTransport::create(std::shared_ptr<DtlsContext> context,
                                                             DtlsRole role, Callbacks callbacks,
                                                             Options options) {
  std::unique_ptr<DtlsTransport> t(
      new DtlsTransport(std::move(context), role, std::move(callbacks), options));
  t->ssl_ = SSL_new(t->context_->native());
  if (t->ssl_ == nullptr) return Error{"dtls_error", opensslError()};
  BIO_METHOD* sink = datagramSinkMethod();
  BIO_meth_set_write(sink, &DtlsTransport::writeDatagram);
  BIO_meth_set_ctrl(sink, &DtlsTransport::controlBio);
  BIO* writeBio = BIO_new(sink);
  t->readBio_ = BIO_new(BIO_s_mem());
  if (writeBio == nullptr || t->readBio_ == nullptr) return Error{"dtls_error", opensslError()};
  BIO_set_data(writeBio, t.get());
  BIO_set_mem_eof_return(t->readBio_, -1);  // empty means "want read", not end of stream
  SSL_set_bio(t->ssl_, t->readBio_, writeBio);
  SSL_set_app_data(t->ssl_, t.get());
  SSL_set_mtu(t->ssl_, options.mtu);
  DTLS_set_link_mtu(t->ssl_, options.mtu);
  DTLS_set_timer_cb(t->ssl_, &DtlsTransport::retransmitTimer);
  if (role == DtlsRole::Client) SSL_set_connect_state(t->ssl_);
  else SSL_set_accept_state(t->ssl_);
  return t;
}

DtlsTransport::~DtlsTransport() { SSL_free(ssl_); }

int DtlsTransport::writeDatagram(BIO* bio, const char* data, int length) {
  auto* self = static_cast<DtlsTransport*>(BIO_get_data(bio));
  if (length <= 0) return 0;
  if (self->callbacks_.sendDatagram) {
    self->callbacks_.sendDatagram(std::span<const uint8_t>(
        reinterpret_cast<const uint8_t*>(data), static_cast<size_t>(length)));
  }
  return length;
}

long DtlsTransport::controlBio(BIO* bio, int command, long, void*) {
  auto* self = static_cast<DtlsTransport*>(BIO_get_data(bio));
  switch (command) {
    case BIO_CTRL_FLUSH: return 1;
    case BIO_CTRL_DGRAM_QUERY_MTU:
    case BIO_CTRL_DGRAM_GET_FALLBACK_MTU: return self->options_.mtu;
    case BIO_CTRL_WPENDING:
    case BIO_CTRL_PENDING: return 0;
    default: return 0;
  }
}

unsigned int DtlsTransport::retransmitTimer(SSL* ssl, unsigned int previousUs) {
  const auto* self = static_cast<DtlsTransport*>(SSL_get_app_data(ssl));
  const auto initial = static_cast<unsigned int>(
      std::chrono::duration_cast<std::chrono::microseconds>(self->options_.initialRetransmit).count());
  const auto ceiling = static_cast<unsigned int>(
      std::chrono::duration_cast<std::chrono::microseconds>(self->options_.maxRetransmit).count());
  return previousUs == 0 ? initial : std::min(previousUs * 2, ceiling);
}

Result<void> DtlsTransport::setRemoteFingerprint(std::string_view algorithm, std::string_view value) {
  const EVP_MD* md = digestFor(algorithm);
  if (md == nullptr) return Error{"invalid_fingerprint", "unsupported fingerprint algorithm"};
  if (!validFingerprint(value, md)) return Error{"invalid_fingerprint", "malformed fingerprint"};
  remoteAlgorithm_ = std::string(algorithm);
  remoteFingerprint_.clear();
  for (char c : value) remoteFingerprint_.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (awaitingFingerprint_) {
    awaitingFingerprint_ = false;
    finishHandshake();
  }
  return success();
}

void DtlsTransport::start(Clock::time_point now) {
  if (state_ != DtlsState::New) return;
  state_ = DtlsState::Connecting;
  deadline_ = now + options_.handshakeDeadline;
  if (role_ == DtlsRole::Client) advance(now);
}

void DtlsTransport::receive(std::span<const uint8_t> datagram, Clock::time_point now) {
  if (datagram.size() < kDtlsRecordHeader || datagram[0] < 20 || datagram[0] > 63 ||
      state_ == DtlsState::Failed || state_ == DtlsState::Closed) {
    ++dropped_;
    return;
  }
  if (state_ == DtlsState::New) start(now);  // a server learns of the peer by its ClientHello
  BIO_write(readBio_, datagram.data(), static_cast<int>(datagram.size()));
  advance(now);
  // Whatever this datagram held that DTLS could not use is discarded: never let it linger.
  (void)BIO_reset(readBio_);
}

void DtlsTransport::advance(Clock::time_point) {
  if (state_ == DtlsState::Connecting) {
    const int result = SSL_do_handshake(ssl_);
    if (result == 1) {
      finishHandshake();
      return;
    }
    const int error = SSL_get_error(ssl_, result);
    if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) fail(opensslError());
    return;
  }
  if (state_ == DtlsState::Connected) {
    // Application data is not used (no data channels yet); alerts still matter.
    uint8_t sink[2048];
    for (;;) {
      const int n = SSL_read(ssl_, sink, sizeof sink);
      if (n > 0) continue;
      const int error = SSL_get_error(ssl_, n);
      if (error == SSL_ERROR_ZERO_RETURN) {
        state_ = DtlsState::Closed;
        if (callbacks_.onClosed) callbacks_.onClosed();
      } else if (error != SSL_ERROR_WANT_READ) {
        ++dropped_;
        ERR_clear_error();
      }
      return;
    }
  }
}

std::optional<DtlsTransport::Clock::time_point> DtlsTransport::nextTimeout(Clock::time_point now) const {
  if (state_ != DtlsState::Connecting) return std::nullopt;
  timeval remaining{};
  if (DTLSv1_get_timeout(ssl_, &remaining) != 1) return deadline_;
  const auto wait = std::chrono::seconds(remaining.tv_sec) + std::chrono::microseconds(remaining.tv_usec);
  return std::min(deadline_, now + std::chrono::duration_cast<Clock::duration>(wait));
}

void DtlsTransport::onTimer(Clock::time_point now) {
  if (state_ != DtlsState::Connecting) return;
  if (now >= deadline_) {
    fail(awaitingFingerprint_ ? "no remote fingerprint to check the peer's certificate against"
                              : "handshake timed out");
    return;
  }
  if (DTLSv1_handle_timeout(ssl_) < 0) fail(opensslError());
}

void DtlsTransport::close() {
  if (state_ == DtlsState::Connected) SSL_shutdown(ssl_);
  if (state_ != DtlsState::Failed) state_ = DtlsState::Closed;
}

bool DtlsTransport::peerMatchesFingerprint() {
  const EVP_MD* md = digestFor(remoteAlgorithm_);
  X509* peer = SSL_get1_peer_certificate(ssl_);
  if (md == nullptr || peer == nullptr) {
    X509_free(peer);
    return false;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  X509_digest(peer, md, digest, &length);
  X509_free(peer);
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string actual;
  for (unsigned int i = 0; i < length; ++i) {
    if (i != 0) actual.push_back(':');
    actual.push_back(kHex[digest[i] >> 4]);
    actual.push_back(kHex[digest[i] & 15]);
  }
  return CRYPTO_memcmp(actual.data(), remoteFingerprint_.data(),
                       std::min(actual.size(), remoteFingerprint_.size())) == 0 &&
         actual.size() == remoteFingerprint_.size();
}

void DtlsTransport::finishHandshake() {
  if (remoteFingerprint_.empty()) {
    // The browser answered the server's offer and shook hands before its answer (and with it
    // the fingerprint) reached us: nothing is trusted or keyed until it does, or the deadline.
    awaitingFingerprint_ = true;
    return;
  }
  if (!peerMatchesFingerprint()) {
    fail("peer certificate does not match the SDP fingerprint");
    return;
  }
  const SRTP_PROTECTION_PROFILE* selected = SSL_get_selected_srtp_profile(ssl_);
  if (selected == nullptr) {
    fail("no SRTP protection profile negotiated");
    return;
  }
  const auto profile = srtpProfileFromDtlsId(static_cast<uint16_t>(selected->id));
  if (!profile) {
    fail("unsupported SRTP protection profile");
    return;
  }
  SrtpKeyingMaterial keys{};
  keys.profile = *profile;
  keys.keyLength = srtpProfileParams(*profile).masterKeyLength;
  keys.saltLength = srtpProfileParams(*profile).masterSaltLength;
  // RFC 5764 §4.2: client key | server key | client salt | server salt.
  std::array<uint8_t, 2 * (kSrtpMaxKeyLength + kSrtpMaxSaltLength)> material{};
  const size_t total = 2 * (keys.keyLength + keys.saltLength);
  static constexpr char kLabel[] = "EXTRACTOR-dtls_srtp";
  if (SSL_export_keying_material(ssl_, material.data(), total, kLabel, sizeof kLabel - 1, nullptr, 0, 0) != 1) {
    fail("cannot export SRTP keying material");
    return;
  }
  const uint8_t* clientKey = material.data();
  const uint8_t* serverKey = clientKey + keys.keyLength;
  const uint8_t* clientSalt = serverKey + keys.keyLength;
  const uint8_t* serverSalt = clientSalt + keys.saltLength;
  const bool client = role_ == DtlsRole::Client;
  std::copy_n(client ? clientKey : serverKey, keys.keyLength, keys.localKey.begin());
  std::copy_n(client ? serverKey : clientKey, keys.keyLength, keys.remoteKey.begin());
  std::copy_n(client ? clientSalt : serverSalt, keys.saltLength, keys.localSalt.begin());
  std::copy_n(client ? serverSalt : clientSalt, keys.saltLength, keys.remoteSalt.begin());
  OPENSSL_cleanse(material.data(), material.size());
  state_ = DtlsState::Connected;
  if (callbacks_.onConnected) callbacks_.onConnected(keys);
}

void DtlsTransport::fail(std::string_view reason) {
  if (state_ == DtlsState::Failed) return;
  state_ = DtlsState::Failed;
  ERR_clear_error();
  if (callbacks_.onFailed) callbacks_.onFailed(reason);
}

}  // namespace dienhong::media
