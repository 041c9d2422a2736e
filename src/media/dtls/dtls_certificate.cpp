#include "media/dtls/dtls_certificate.hpp"

#include <openssl/bn.h>
#include <openssl/rand.h>

namespace dienhong::media {

std::string DtlsCertificate::fingerprintOf(X509* certificate) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(certificate, EVP_sha256(), md, &length) != 1) return {};
  std::string out;
  out.reserve(length * 3);
  for (unsigned int i = 0; i < length; ++i) {
    if (i != 0) out.push_back(':');
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 15]);
  }
  return out;
}

Result<std::shared_ptr<const DtlsCertificate>> DtlsCertificate::generate() {
  auto cert = std::shared_ptr<DtlsCertificate>(new DtlsCertificate());
  cert->key_.reset(EVP_EC_gen("P-256"));
  cert->certificate_.reset(X509_new());
  X509* x = cert->certificate_.get();
  if (!cert->key_ || x == nullptr) return Error{"dtls_error", "cannot create an ECDSA P-256 key"};

  X509_set_version(x, 2);
  uint64_t serial = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&serial), sizeof serial);
  ASN1_INTEGER_set_uint64(X509_get_serialNumber(x), serial >> 1);
  X509_gmtime_adj(X509_getm_notBefore(x), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x), 30L * 24 * 3600);
  X509_set_pubkey(x, cert->key_.get());
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("dienhong-media"), -1, -1, 0);
  X509_set_issuer_name(x, name);
  if (X509_sign(x, cert->key_.get(), EVP_sha256()) == 0) {
    return Error{"dtls_error", "cannot sign the DTLS certificate"};
  }
  cert->fingerprint_ = fingerprintOf(x);
  return std::shared_ptr<const DtlsCertificate>(std::move(cert));
}

}  // namespace dienhong::media
