// Fuzz target: the documents administrators send to the console's settings routes — the security
// policy, the administration access list (with its CIDR ranges), the audit policy and the
// directory — read
// first as JSON, then by each setting's reader. Properties asserted, not only the absence of
// crashes: whatever a reader accepts, it writes back as a document it accepts again unchanged,
// and an accepted network range prints as a range that parses to itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "audit/audit_policy.hpp"
#include "auth/admin_access.hpp"
#include "auth/directory.hpp"
#include "auth/security_policy.hpp"
#include "common/network_range.hpp"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

template <class Parse>
void roundTrip(const nlohmann::json& document, Parse parse) {
  auto parsed = parse(document);
  if (!parsed) return;
  const nlohmann::json written = toJson(*parsed);
  auto again = parse(written);
  check(again.ok());
  check(toJson(*again) == written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (auto range = dienhong::NetworkRange::parse(input)) {
    const auto printed = range->toString();
    auto again = dienhong::NetworkRange::parse(printed);
    check(again.has_value() && again->toString() == printed);
  }
  const auto document = nlohmann::json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return 0;
  roundTrip(document, [](const nlohmann::json& d) { return dienhong::auth::securityPolicyFromJson(d); });
  roundTrip(document, [](const nlohmann::json& d) { return dienhong::auth::adminAccessFromJson(d); });
  roundTrip(document, [](const nlohmann::json& d) { return dienhong::audit::auditPolicyFromJson(d); });
  roundTrip(document, [](const nlohmann::json& d) { return dienhong::auth::directoryConfigFromJson(d); });
  (void)dienhong::auth::directoryUpdateFromJson(document);
  return 0;
}
