// Route tables of the two listeners. The public listener never has /api/v1/admin/*.
#pragma once

#include "api/api_context.hpp"
#include "http/router.hpp"

namespace dienhong::api {

void addAuthRoutes(http::Router& router, ApiContext& context);
void addHealthRoutes(http::Router& router, ApiContext& context);
void addAdminRoutes(http::Router& router, ApiContext& context);
void addAdminMediaRoutes(http::Router& router, ApiContext& context);
void addRoomRoutes(http::Router& router, ApiContext& context);
void addAdminAuditRoutes(http::Router& router, ApiContext& context);
void addAdminSettingsRoutes(http::Router& router, ApiContext& context);
void addAdminAccountRoutes(http::Router& router, ApiContext& context);

// Public: health, auth, rooms. Admin: health, auth, administration.
void buildPublicRoutes(http::Router& router, ApiContext& context);
void buildAdminRoutes(http::Router& router, ApiContext& context);

}  // namespace dienhong::api
