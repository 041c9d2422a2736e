#include "http/router.hpp"

namespace dienhong::http {
namespace {

std::vector<std::string_view> splitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  if (!path.empty() && path.front() == '/') start = 1;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    const size_t end = slash == std::string_view::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

bool isParam(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(Method method, std::string_view pattern, Handler handler) {
  Route route{method, {}, std::move(handler)};
  for (auto segment : splitPath(pattern)) route.segments.emplace_back(segment);
  routes_.push_back(std::move(route));
}

bool Router::match(const Route& route, std::string_view path, Request* capture) {
  const auto segments = splitPath(path);
  if (segments.size() != route.segments.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& want = route.segments[i];
    if (isParam(want)) {
      if (segments[i].empty()) return false;
    } else if (want != segments[i]) {
      return false;
    }
  }
  if (capture != nullptr) {
    for (size_t i = 0; i < segments.size(); ++i) {
      const std::string& want = route.segments[i];
      if (isParam(want)) capture->params[want.substr(1, want.size() - 2)] = std::string(segments[i]);
    }
  }
  return true;
}

bool Router::matchesPath(std::string_view path) const {
  for (const auto& route : routes_) {
    if (match(route, path, nullptr)) return true;
  }
  return false;
}

Response Router::dispatch(Request& request) const {
  std::string allow;
  for (const auto& route : routes_) {
    if (!match(route, request.path, nullptr)) continue;
    // HEAD is answered by the GET handler; the server drops the body.
    const bool methodOk = route.method == request.method ||
                          (request.method == Method::Head && route.method == Method::Get);
    if (methodOk) {
      match(route, request.path, &request);
      return route.handler(request);
    }
    if (!allow.empty()) allow += ", ";
    allow += toString(route.method);
  }
  if (allow.empty()) {
    return errorResponse(404, "not_found", "No such resource.", request.requestId);
  }
  Response r = errorResponse(405, "method_not_allowed", "Method not allowed on this resource.",
                             request.requestId);
  r.setHeader("Allow", allow);
  return r;
}

}  // namespace dienhong::http
