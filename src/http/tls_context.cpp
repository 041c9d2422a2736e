// TLS policy of every listener: TLS 1.2 and 1.3 only, ECDHE with AEAD ciphers, no renegotiation,
// no compression, session tickets off (forward secrecy of resumed sessions).
#include <openssl/ssl.h>

#include <fmt/format.h>

#include "http/server_state.hpp"

namespace dienhong::http::detail {

Result<void> configureTls(net::ssl::context& tls, const std::string& certFile,
                          const std::string& keyFile) {
  SSL_CTX* ctx = tls.native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                               SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_TICKET);
  SSL_CTX_set_cipher_list(ctx,
                          "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                          "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                          "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
  SSL_CTX_set1_groups_list(ctx, "X25519:P-256:P-384");
  if (SSL_CTX_use_certificate_chain_file(ctx, certFile.c_str()) != 1) {
    return Error{"tls_error", fmt::format("cannot load certificate chain {}", certFile)};
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, keyFile.c_str(), SSL_FILETYPE_PEM) != 1) {
    return Error{"tls_error", fmt::format("cannot load private key {}", keyFile)};
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    return Error{"tls_error",
                 fmt::format("private key {} does not match certificate {}", keyFile, certFile)};
  }
  return success();
}

}  // namespace dienhong::http::detail
