// Security headers on every response: CSP without unsafe-inline, HSTS, frame-ancestors,
// nosniff, Referrer-Policy; API answers are never cached.
#pragma once

#include "http/message.hpp"

namespace dienhong::http {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "media-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'; object-src 'none'";

void applySecurityHeaders(Response& response, bool isApi);

}  // namespace dienhong::http
