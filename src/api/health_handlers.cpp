// /healthz (the process serves) and /readyz (it can also reach its database), for load
// balancers and orchestrators. Neither needs authentication nor reveals internals.
#include "api/routes.hpp"

namespace dienhong::api {

void addHealthRoutes(http::Router& router, ApiContext& context) {
  router.add(http::Method::Get, "/healthz", [](http::Request&) {
    return jsonResponse(200, {{"status", "ok"}});
  });
  router.add(http::Method::Get, "/readyz", [&context](http::Request& request) {
    if (auto ping = context.store.ping(); !ping) {
      http::Response r = http::errorResponse(503, "not_ready", "The database is not reachable.",
                                             request.requestId);
      return r;
    }
    return jsonResponse(200, {{"status", "ready"}});
  });
}

}  // namespace dienhong::api
