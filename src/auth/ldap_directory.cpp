#include "auth/ldap_directory.hpp"

#include <ldap.h>

#include <fstream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

namespace dienhong::auth {
namespace {

struct LdapCloser {
  void operator()(LDAP* ld) const { ldap_unbind_ext_s(ld, nullptr, nullptr); }
};
struct MessageFree {
  void operator()(LDAPMessage* m) const { ldap_msgfree(m); }
};
using LdapHandle = std::unique_ptr<LDAP, LdapCloser>;
using Message = std::unique_ptr<LDAPMessage, MessageFree>;

Error unavailable(std::string_view what, int rc) {
  return Error{"directory_unavailable", fmt::format("{}: {}", what, ldap_err2string(rc))};
}

int simpleBind(LDAP* ld, const std::string& dn, std::string_view password) {
  berval credentials{static_cast<ber_len_t>(password.size()), const_cast<char*>(password.data())};
  return ldap_sasl_bind_s(ld, dn.c_str(), LDAP_SASL_SIMPLE, &credentials, nullptr, nullptr, nullptr);
}

std::string firstValue(LDAP* ld, LDAPMessage* entry, const std::string& attribute) {
  berval** values = ldap_get_values_len(ld, entry, attribute.c_str());
  if (values == nullptr) return {};
  std::string value = values[0] != nullptr ? std::string(values[0]->bv_val, values[0]->bv_len) : std::string();
  ldap_value_free_len(values);
  return value;
}

}  // namespace

Result<std::filesystem::path> LdapDirectory::caFile(const std::string& pem) {
  std::lock_guard lock(mutex_);
  const auto path = workDir_ / "directory-ca.pem";
  std::ifstream in(path);
  std::stringstream current;
  current << in.rdbuf();
  if (current.str() != pem) {
    std::error_code ec;
    std::filesystem::create_directories(workDir_, ec);
    std::ofstream out(path, std::ios::trunc);
    out << pem;
    if (!out) return Error{"directory_unavailable", "cannot write the directory's certificate authority"};
  }
  return path;
}

Result<DirectoryPerson> LdapDirectory::authenticate(const DirectoryConfig& config, std::string_view bindPassword,
                                                    std::string_view username, std::string_view password) {
  // An empty password would make a simple bind "unauthenticated" and succeed (RFC 4513 §5.1.2).
  if (password.empty()) return Error{"invalid_credentials", "empty password"};
  auto ca = caFile(config.caCertificate);
  if (!ca) return ca.error();
  LDAP* raw = nullptr;
  if (int rc = ldap_initialize(&raw, config.url.c_str()); rc != LDAP_SUCCESS) return unavailable("ldap_initialize", rc);
  LdapHandle ld(raw);
  const int version = LDAP_VERSION3;
  timeval timeout{5, 0};
  const int demand = LDAP_OPT_X_TLS_DEMAND;
  const int newContext = 0;
  ldap_set_option(ld.get(), LDAP_OPT_PROTOCOL_VERSION, &version);
  ldap_set_option(ld.get(), LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
  ldap_set_option(ld.get(), LDAP_OPT_NETWORK_TIMEOUT, &timeout);
  ldap_set_option(ld.get(), LDAP_OPT_TIMEOUT, &timeout);
  ldap_set_option(ld.get(), LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
  ldap_set_option(ld.get(), LDAP_OPT_X_TLS_CACERTFILE, ca->c_str());
  ldap_set_option(ld.get(), LDAP_OPT_X_TLS_NEWCTX, &newContext);
  if (!config.url.starts_with("ldaps://")) {
    if (int rc = ldap_start_tls_s(ld.get(), nullptr, nullptr); rc != LDAP_SUCCESS) return unavailable("StartTLS", rc);
  }
  if (int rc = simpleBind(ld.get(), config.bindDn, bindPassword); rc != LDAP_SUCCESS) {
    return unavailable("bind as the service account", rc);
  }
  std::string filter = config.userFilter;
  filter.replace(filter.find("{username}"), 10, escapeFilterValue(username));
  std::string displayName = config.displayNameAttribute;
  std::string email = config.emailAttribute;
  char* attributes[] = {displayName.data(), email.data(), nullptr};
  LDAPMessage* found = nullptr;
  int rc = ldap_search_ext_s(ld.get(), config.userBase.c_str(), LDAP_SCOPE_SUBTREE, filter.c_str(), attributes, 0,
                             nullptr, nullptr, &timeout, 2, &found);
  Message people(found);
  if (rc != LDAP_SUCCESS && rc != LDAP_SIZELIMIT_EXCEEDED) return unavailable("search for the person", rc);
  // Exactly one entry: none is an unknown name, two is an ambiguous filter; neither signs in.
  if (ldap_count_entries(ld.get(), people.get()) != 1) return Error{"invalid_credentials", "no single matching entry"};
  LDAPMessage* entry = ldap_first_entry(ld.get(), people.get());
  char* dn = ldap_get_dn(ld.get(), entry);
  DirectoryPerson person;
  person.dn = dn != nullptr ? dn : "";
  ldap_memfree(dn);
  person.displayName = firstValue(ld.get(), entry, config.displayNameAttribute);
  person.email = firstValue(ld.get(), entry, config.emailAttribute);
  if (rc = simpleBind(ld.get(), person.dn, password); rc != LDAP_SUCCESS) {
    if (rc == LDAP_INVALID_CREDENTIALS) return Error{"invalid_credentials", "the directory refused the password"};
    return unavailable("bind as the person", rc);
  }
  if (!config.groupBase.empty()) {
    // Back to the service account: a person may not be allowed to read the groups.
    if (rc = simpleBind(ld.get(), config.bindDn, bindPassword); rc != LDAP_SUCCESS) return unavailable("bind again", rc);
    const std::string groupFilter = "(member=" + escapeFilterValue(person.dn) + ")";
    char noAttributes[] = "1.1";
    char* none[] = {noAttributes, nullptr};
    LDAPMessage* groups = nullptr;
    rc = ldap_search_ext_s(ld.get(), config.groupBase.c_str(), LDAP_SCOPE_SUBTREE, groupFilter.c_str(), none, 0,
                           nullptr, nullptr, &timeout, 500, &groups);
    Message groupList(groups);
    if (rc != LDAP_SUCCESS && rc != LDAP_SIZELIMIT_EXCEEDED) return unavailable("search for groups", rc);
    for (LDAPMessage* g = ldap_first_entry(ld.get(), groupList.get()); g != nullptr; g = ldap_next_entry(ld.get(), g)) {
      char* groupDn = ldap_get_dn(ld.get(), g);
      if (groupDn != nullptr) person.groups.emplace_back(groupDn);
      ldap_memfree(groupDn);
    }
  }
  return person;
}

}  // namespace dienhong::auth
