// Router: maps method + path pattern ("/api/v1/users/{id}") to a handler. Matching is by whole
// segments; "{name}" captures one non-empty segment into Request::params.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace dienhong::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void add(Method method, std::string_view pattern, Handler handler);

  // True if some route's pattern matches the path, whatever the method.
  bool matchesPath(std::string_view path) const;

  // Runs the matching handler; 404 when no pattern matches, 405 (with Allow) when only the
  // method differs. Handlers' exceptions propagate: the server turns them into a 500.
  Response dispatch(Request& request) const;

 private:
  struct Route {
    Method method;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool match(const Route& route, std::string_view path, Request* capture);

  std::vector<Route> routes_;
};

}  // namespace dienhong::http
