#include "http/message.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>


namespace dienhong::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view toString(Method method) {
  switch (method) {
    case Method::Get: return "GET";
    case Method::Head: return "HEAD";
    case Method::Post: return "POST";
    case Method::Put: return "PUT";
    case Method::Patch: return "PATCH";
    case Method::Delete: return "DELETE";
    case Method::Options: return "OPTIONS";
    case Method::Other: return "OTHER";
  }
  return "OTHER";
}

bool isStateChanging(Method method) {
  return method != Method::Get && method != Method::Head && method != Method::Options;
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (iequals(h.name, name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::cookie(std::string_view name) const {
  for (const auto& h : headers) {
    if (!iequals(h.name, "cookie")) continue;
    std::string_view rest = h.value;
    while (!rest.empty()) {
      const size_t semi = rest.find(';');
      std::string_view pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (trim(pair.substr(0, eq)) == name) return trim(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

void Response::setHeader(std::string name, std::string value) {
  for (auto& h : headers) {
    if (iequals(h.name, name)) {
      h.value = std::move(value);
      return;
    }
  }
  headers.push_back({std::move(name), std::move(value)});
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (iequals(h.name, name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

Response Response::json(int status, std::string body) {
  Response r;
  r.status = status;
  r.contentType = "application/json; charset=utf-8";
  r.body = std::move(body);
  return r;
}

Response Response::noContent() {
  Response r;
  r.status = 204;
  return r;
}

Response errorResponse(int status, std::string_view code, std::string_view message,
                       std::string_view requestId,
                       const std::vector<std::pair<std::string, int64_t>>& facts) {
  nlohmann::json body = {
      {"error", {{"code", code}, {"message", message}, {"requestId", requestId}}}};
  for (const auto& [name, value] : facts) body["error"][name] = value;
  return Response::json(status, body.dump());
}

}  // namespace dienhong::http
