// `dienhong serve`: open storage, make sure a first administrator and a certificate exist,
// and run the HTTPS/WebSocket server until SIGTERM.
#pragma once

#include "app/config.hpp"

namespace dienhong::app {

// Exit code: 0 after a clean shutdown, 1 when start-up fails (the reason is printed).
int runServe(const Config& config);

}  // namespace dienhong::app
