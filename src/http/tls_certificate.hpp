// Server certificate on disk: load the operator's, or generate a self-signed ECDSA P-256
// certificate in the data directory on first start, for local use.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace dienhong::http {

struct CertificateInfo {
  std::string subject;
  std::string sha256Fingerprint;  // "AB:CD:…", as browsers show it
  std::chrono::system_clock::time_point notAfter;
};

// Writes a new self-signed certificate and key (key file mode 0600, written atomically). The
// certificate names every host in `hosts` (DNS names or IP literals) as subjectAltName.
Result<CertificateInfo> generateSelfSignedCertificate(const std::filesystem::path& certFile,
                                                      const std::filesystem::path& keyFile,
                                                      const std::vector<std::string>& hosts,
                                                      std::chrono::hours validity);

// Reads a PEM certificate and checks that the key file matches it.
Result<CertificateInfo> inspectCertificate(const std::filesystem::path& certFile,
                                           const std::filesystem::path& keyFile);

// Generated pair in dataDir/tls when missing or expired; a readable, valid pair is kept.
Result<CertificateInfo> ensureGeneratedCertificate(const std::filesystem::path& dataDir,
                                                   const std::vector<std::string>& hosts);

std::filesystem::path generatedCertificatePath(const std::filesystem::path& dataDir);
std::filesystem::path generatedKeyPath(const std::filesystem::path& dataDir);

}  // namespace dienhong::http
