#include "api/routes.hpp"

namespace dienhong::api {

void buildPublicRoutes(http::Router& router, ApiContext& context) {
  addHealthRoutes(router, context);
  addAuthRoutes(router, context);
}

void buildAdminRoutes(http::Router& router, ApiContext& context) {
  addHealthRoutes(router, context);
  addAuthRoutes(router, context);
  addAdminRoutes(router, context);
  addAdminMediaRoutes(router, context);
}

}  // namespace dienhong::api
