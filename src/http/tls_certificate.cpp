#include "http/tls_certificate.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include <fmt/format.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace dienhong::http {
namespace {

namespace fs = std::filesystem;

struct Free {
  void operator()(X509* p) const { X509_free(p); }
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
  void operator()(GENERAL_NAMES* p) const { GENERAL_NAMES_free(p); }
  void operator()(ASN1_OCTET_STRING* p) const { ASN1_OCTET_STRING_free(p); }
};
template <class T>
using Owned = std::unique_ptr<T, Free>;

Error tlsError(std::string message) { return Error{"tls_error", std::move(message)}; }

bool isIpLiteral(const std::string& host) {
  Owned<ASN1_OCTET_STRING> ip(a2i_IPADDRESS(host.c_str()));
  return ip != nullptr;
}

bool addExtension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  Owned<X509_EXTENSION> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

Result<void> writeFileAtomically(const fs::path& path, const std::string& data, mode_t mode) {
  const fs::path tmp = path.string() + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return tlsError(fmt::format("cannot write {}", tmp.string()));
  ::chmod(tmp.c_str(), mode);
  const bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  if (std::fclose(f) != 0 || !ok) return tlsError(fmt::format("cannot write {}", tmp.string()));
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return tlsError(fmt::format("cannot rename {}: {}", tmp.string(), ec.message()));
  return success();
}

std::string bioToString(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

CertificateInfo describe(X509* cert) {
  CertificateInfo info;
  char name[256] = {};
  X509_NAME_oneline(X509_get_subject_name(cert), name, sizeof name);
  info.subject = name;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int mdLen = 0;
  X509_digest(cert, EVP_sha256(), md, &mdLen);
  for (unsigned int i = 0; i < mdLen; ++i) {
    info.sha256Fingerprint += fmt::format("{}{:02X}", i == 0 ? "" : ":", md[i]);
  }
  struct tm tmAfter = {};
  ASN1_TIME_to_tm(X509_get0_notAfter(cert), &tmAfter);
  info.notAfter = std::chrono::system_clock::from_time_t(timegm(&tmAfter));
  return info;
}

}  // namespace

fs::path generatedCertificatePath(const fs::path& dataDir) { return dataDir / "tls" / "server.crt"; }
fs::path generatedKeyPath(const fs::path& dataDir) { return dataDir / "tls" / "server.key"; }

Result<CertificateInfo> generateSelfSignedCertificate(const fs::path& certFile,
                                                      const fs::path& keyFile,
                                                      const std::vector<std::string>& hosts,
                                                      std::chrono::hours validity) {
  Owned<EVP_PKEY> key(EVP_EC_gen("P-256"));
  Owned<X509> cert(X509_new());
  if (!key || !cert) return tlsError("cannot create an ECDSA P-256 key");

  X509_set_version(cert.get(), 2);
  Owned<BIGNUM> serial(BN_new());
  BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
  BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);  // tolerate small clock skew
  X509_gmtime_adj(X509_getm_notAfter(cert.get()),
                  static_cast<long>(std::chrono::seconds(validity).count()));
  X509_set_pubkey(cert.get(), key.get());

  X509_NAME* name = X509_get_subject_name(cert.get());
  const std::string commonName = hosts.empty() ? "localhost" : hosts.front();
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("Dien Hong (self-signed)"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);

  std::string san;
  for (const auto& host : hosts) {
    if (!san.empty()) san += ",";
    san += (isIpLiteral(host) ? "IP:" : "DNS:") + host;
  }
  if (san.empty() || !addExtension(cert.get(), NID_subject_alt_name, san) ||
      !addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
      !addExtension(cert.get(), NID_key_usage, "critical,digitalSignature") ||
      !addExtension(cert.get(), NID_ext_key_usage, "serverAuth")) {
    return tlsError("cannot add certificate extensions");
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return tlsError("cannot sign certificate");

  Owned<BIO> keyBio(BIO_new(BIO_s_mem()));
  Owned<BIO> certBio(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
      PEM_write_bio_X509(certBio.get(), cert.get()) != 1) {
    return tlsError("cannot encode certificate");
  }
  std::error_code ec;
  fs::create_directories(certFile.parent_path(), ec);
  fs::create_directories(keyFile.parent_path(), ec);
  ::chmod(keyFile.parent_path().c_str(), 0700);
  if (auto r = writeFileAtomically(keyFile, bioToString(keyBio.get()), 0600); !r) return r.error();
  if (auto r = writeFileAtomically(certFile, bioToString(certBio.get()), 0644); !r) return r.error();
  return describe(cert.get());
}

Result<CertificateInfo> inspectCertificate(const fs::path& certFile, const fs::path& keyFile) {
  Owned<BIO> certBio(BIO_new_file(certFile.c_str(), "r"));
  if (!certBio) return tlsError(fmt::format("cannot read certificate file {}", certFile.string()));
  Owned<X509> cert(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
  if (!cert) return tlsError(fmt::format("{} is not a PEM certificate", certFile.string()));
  Owned<BIO> keyBio(BIO_new_file(keyFile.c_str(), "r"));
  if (!keyBio) return tlsError(fmt::format("cannot read private key file {}", keyFile.string()));
  Owned<EVP_PKEY> key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
  if (!key) return tlsError(fmt::format("{} is not a PEM private key", keyFile.string()));
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    return tlsError(fmt::format("private key {} does not match certificate {}", keyFile.string(),
                                certFile.string()));
  }
  return describe(cert.get());
}

Result<CertificateInfo> ensureGeneratedCertificate(const fs::path& dataDir,
                                                   const std::vector<std::string>& hosts) {
  const fs::path certFile = generatedCertificatePath(dataDir);
  const fs::path keyFile = generatedKeyPath(dataDir);
  if (fs::exists(certFile) && fs::exists(keyFile)) {
    auto existing = inspectCertificate(certFile, keyFile);
    // A damaged or expired generated pair is ours to replace; an operator's files never are.
    if (existing && existing->notAfter > std::chrono::system_clock::now() + std::chrono::hours(24)) {
      return existing;
    }
  }
  return generateSelfSignedCertificate(certFile, keyFile, hosts, std::chrono::hours(24 * 365));
}

}  // namespace dienhong::http
