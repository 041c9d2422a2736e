#include "api/routes.hpp"

namespace dienhong::api {

void buildPublicRoutes(http::Router& router, ApiContext& context) {
  addHealthRoutes(router, context);
  addAuthRoutes(router, context);
  addRoomRoutes(router, context);
}

void buildAdminRoutes(http::Router& router, ApiContext& context) {
  addHealthRoutes(router, context);
  addAuthRoutes(router, context);
  addAdminRoutes(router, context);
  addAdminMediaRoutes(router, context);
  addAdminAuditRoutes(router, context);
  addAdminSettingsRoutes(router, context);
  addAdminAccountRoutes(router, context);
}

}  // namespace dienhong::api
