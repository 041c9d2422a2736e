// LdapDirectory: Directory over OpenLDAP's client library. Every sign-in opens its own connection:
// TLS (ldaps:// or StartTLS) with the configured authority and the server's name checked, a bind
// as the service account to find the person by the filter, a bind as the person with the
// password they typed, then the groups naming them as a member. Five-second timeouts throughout.
#pragma once

#include <filesystem>
#include <mutex>

#include "auth/directory.hpp"

namespace dienhong::auth {

class LdapDirectory final : public Directory {
 public:
  // workDir: where the authority's certificate is written for the library to read.
  explicit LdapDirectory(std::filesystem::path workDir) : workDir_(std::move(workDir)) {}

  Result<DirectoryPerson> authenticate(const DirectoryConfig& config, std::string_view bindPassword,
                                       std::string_view username, std::string_view password) override;

 private:
  Result<std::filesystem::path> caFile(const std::string& pem);

  std::filesystem::path workDir_;
  std::mutex mutex_;
};

}  // namespace dienhong::auth
