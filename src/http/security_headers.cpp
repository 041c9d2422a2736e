#include "http/security_headers.hpp"

namespace dienhong::http {

void applySecurityHeaders(Response& response, bool isApi) {
  response.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  response.setHeader("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.setHeader("X-Frame-Options", "DENY");
  response.setHeader("Referrer-Policy", "no-referrer");
  response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  response.setHeader("Permissions-Policy",
                     "camera=(self), microphone=(self), display-capture=(self), geolocation=()");
  if (isApi) response.setHeader("Cache-Control", "no-store");
}

}  // namespace dienhong::http
