#include "api/api_context.hpp"

#include <charconv>
#include <map>

#include <fmt/format.h>

#include "common/logging.hpp"
#include "http/url_decode.hpp"

namespace dienhong::api {
namespace {

struct Mapping {
  int status;
  std::string_view message;
};

const std::map<std::string, Mapping, std::less<>>& mappings() {
  static const std::map<std::string, Mapping, std::less<>> table = {
      {"invalid_request", {400, "The request is invalid."}},
      {"invalid_json", {400, "The request body is not valid JSON."}},
      {"weak_password", {400, "The new password does not meet the password policy."}},
      {"password_reused", {400, "The new password must differ from the current and recent ones."}},
      {"invalid_policy", {400, "The policy is invalid."}},
      {"invalid_setting", {400, "The setting is invalid."}},
      {"would_lock_out", {400, "The list must include the address you are using now."}},
      {"unauthenticated", {401, "Sign-in required."}},
      {"session_expired", {401, "The session has expired; sign in again."}},
      {"invalid_credentials", {401, "Wrong username or password."}},
      {"account_disabled", {403, "The account is disabled."}},
      {"forbidden", {403, "Not allowed."}},
      {"csrf_failed", {403, "Missing or wrong CSRF token."}},
      {"password_change_required", {403, "The password must be changed first."}},
      {"two_factor_setup_required", {403, "A second sign-in factor must be set up first."}},
      {"two_factor_required", {403, "The security policy requires a second sign-in factor."}},
      {"invalid_code", {401, "The code is wrong or was already used."}},
      {"challenge_expired", {401, "The sign-in took too long; enter the password again."}},
      {"no_enrolment", {409, "No two-factor set-up is in progress."}},
      {"not_found", {404, "No such resource."}},
      {"conflict", {409, "The resource already exists."}},
      {"account_locked", {423, "The account is locked."}},
      {"proof_required", {428, "Solve the puzzle of /api/v1/auth/login/proof and send its proof with the sign-in."}},
      {"username_taken", {409, "The username is taken."}},
      {"unit_name_taken", {409, "A unit of that name is already there."}},
      {"in_use", {409, "The unit still has units or accounts."}},
      {"self_change_refused", {403, "Another administrator must make this change to your own account."}},
      {"meeting_in_progress", {409, "A meeting is in progress in this room."}},
      {"unsupported_media_type", {415, "Content-Type must be application/json."}},
      {"rate_limited", {429, "Too many requests."}},
      {"managed_by_directory", {409, "This password is changed in the organisation's directory."}},
      {"directory_unavailable", {503, "The organisation's directory cannot be reached; try again later."}},
      {"too_many_attempts", {429, "Too many failed sign-ins from this address; try again in a minute."}},
  };
  return table;
}

}  // namespace

http::Response errorFor(const http::Request& request, const Error& error) {
  const auto& table = mappings();
  if (auto it = table.find(error.code); it != table.end()) {
    // The policy texts are ours and tell the user what to fix; other details stay in the log.
    const bool ownText =
        error.code == "weak_password" || error.code == "invalid_policy" || error.code == "invalid_setting";
    const std::string_view message = ownText ? std::string_view(error.message) : it->second.message;
    http::Response response =
        http::errorResponse(it->second.status, error.code, message, request.requestId, error.facts);
    // Refused input: the client sees the fixed text; the operator finds why under the request id.
    if (it->second.status == 400 || it->second.status == 415) {
      logging::logger(logging::Category::Access)
          .warn("msg=request_refused request_id={} path={} code={} detail={}", request.requestId,
                logging::quote(request.path), error.code, logging::quote(error.message));
    }
    if (it->second.status == 429) response.setHeader("Retry-After", "60");
    return response;
  }
  logging::logger(logging::Category::Error)
      .error("msg=request_failed request_id={} path={} code={} detail={}", request.requestId,
             logging::quote(request.path), error.code, logging::quote(error.message));
  return http::errorResponse(500, "internal_error", "An internal error occurred.",
                             request.requestId);
}

Result<nlohmann::json> parseJsonObject(const http::Request& request) {
  const auto type = request.header("Content-Type").value_or("");
  const auto base = type.substr(0, type.find(';'));
  if (base != "application/json") {
    return Error{"unsupported_media_type", "content type is not application/json"};
  }
  auto body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Error{"invalid_json", "body is not JSON"};
  if (!body.is_object()) return Error{"invalid_request", "body is not a JSON object"};
  return body;
}

std::optional<std::string> stringField(const nlohmann::json& body, std::string_view name,
                                       size_t maxBytes) {
  const auto it = body.find(name);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  const auto& value = it->get_ref<const std::string&>();
  if (value.size() > maxBytes) return std::nullopt;
  return value;
}

Result<std::optional<std::string>> queryParameter(const http::Request& request, std::string_view name) {
  std::string_view query = request.query;
  while (!query.empty()) {
    const auto end = query.find('&');
    const std::string_view pair = query.substr(0, end);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      auto value = http::percentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
      if (!value) return Error{"invalid_request", "malformed query parameter"};
      return std::optional<std::string>(std::move(*value));
    }
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return std::optional<std::string>();
}

Result<int> integerParameter(const http::Request& request, std::string_view name, int fallback, int min, int max) {
  auto text = queryParameter(request, name);
  if (!text) return text.error();
  if (!text->has_value()) return fallback;
  int value = 0;
  const std::string& digits = **text;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || value < min || value > max) {
    return Error{"invalid_request", fmt::format("{} must be an integer from {} to {}", name, min, max)};
  }
  return value;
}

http::Response jsonResponse(int status, const nlohmann::json& body) {
  // Replace invalid UTF-8 rather than throw: a stored display name must never break a page.
  return http::Response::json(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace dienhong::api
