// guarded(): the store's exception firewall. Nothing in the store throws on purpose, but the
// standard library can (std::bad_alloc, std::system_error from a mutex); the public API promises
// Result values only, so each entry point runs its body through here.
#pragma once

#include <exception>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace dienhong::store {

template <class Body>
auto guarded(std::string_view what, Body&& body) noexcept -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    return Error{"database_error", std::string(what) + ": " + e.what()};
  } catch (...) {
    return Error{"database_error", std::string(what) + ": unknown exception"};
  }
}

}  // namespace dienhong::store
