// DtlsCertificate: the ECDSA P-256 certificate a media worker presents in DTLS-SRTP (RFC 5763
// §5), generated in memory at start, and its SHA-256 fingerprint for the SDP a=fingerprint line.
#pragma once

#include <memory>
#include <string>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "common/result.hpp"

namespace dienhong::media {

class DtlsCertificate {
 public:
  // Self-signed, valid for 30 days from an hour ago; WebRTC authenticates it by fingerprint only.
  static Result<std::shared_ptr<const DtlsCertificate>> generate();

  X509* certificate() const { return certificate_.get(); }
  EVP_PKEY* privateKey() const { return key_.get(); }
  // "AB:CD:…" (upper-case hex pairs), the value of "a=fingerprint:sha-256 …".
  const std::string& sha256Fingerprint() const { return fingerprint_; }

  // The SHA-256 fingerprint of any certificate, in the same format.
  static std::string fingerprintOf(X509* certificate);

 private:
  struct FreeX509 {
    void operator()(X509* p) const { X509_free(p); }
  };
  struct FreeKey {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  };
  std::unique_ptr<X509, FreeX509> certificate_;
  std::unique_ptr<EVP_PKEY, FreeKey> key_;
  std::string fingerprint_;
};

}  // namespace dienhong::media
